import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/object.ts';
import { nodePrinter } from './node.ts';

const NOW = Date.parse('2025-03-01T12:00:00Z');

const nodeInfo = {
  kubeletVersion: 'v1.32.0',
  osImage: 'Ubuntu 24.04 LTS',
  kernelVersion: '6.8.0-45-generic',
  containerRuntimeVersion: 'containerd://1.7.22',
};

function node(fields: { labels?: Record<string, string>; spec?: object; status?: object }): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: 'node-1', creationTimestamp: '2025-02-26T08:00:00Z', labels: fields.labels ?? {} },
    spec: fields.spec ?? {},
    status: fields.status ?? {},
  };
}

describe('nodePrinter', () => {
  it('declares STATUS ROLES AGE VERSION, and the addresses and software for -o wide', () => {
    expect(nodePrinter.columns.map((c) => `${c.name}:${c.priority}`)).toEqual([
      'Name:0',
      'Status:0',
      'Roles:0',
      'Age:0',
      'Version:0',
      'Internal-IP:1',
      'External-IP:1',
      'OS-Image:1',
      'Kernel-Version:1',
      'Container-Runtime:1',
    ]);
  });

  it.each([
    [
      'a ready control-plane node with its addresses',
      node({
        labels: { 'node-role.kubernetes.io/control-plane': '', 'kubernetes.io/hostname': 'node-1' },
        status: {
          conditions: [
            { type: 'MemoryPressure', status: 'False' },
            { type: 'Ready', status: 'True' },
          ],
          addresses: [
            { type: 'Hostname', address: 'node-1' },
            { type: 'InternalIP', address: '172.18.0.2' },
            { type: 'InternalIP', address: '172.18.0.3' },
            { type: 'ExternalIP', address: '203.0.113.7' },
          ],
          nodeInfo,
        },
      }),
      [
        'node-1',
        'Ready',
        'control-plane',
        '3d4h',
        'v1.32.0',
        '172.18.0.2',
        '203.0.113.7',
        'Ubuntu 24.04 LTS',
        '6.8.0-45-generic',
        'containerd://1.7.22',
      ],
    ],
    [
      'a cordoned node that is not ready, with roles from both kinds of label',
      node({
        labels: { 'node-role.kubernetes.io/worker': '', 'kubernetes.io/role': 'edge', 'node-role.kubernetes.io/': '' },
        spec: { unschedulable: true },
        status: { conditions: [{ type: 'Ready', status: 'Unknown' }], nodeInfo },
      }),
      [
        'node-1',
        'NotReady,SchedulingDisabled',
        'edge,worker',
        '3d4h',
        'v1.32.0',
        '<none>',
        '<none>',
        'Ubuntu 24.04 LTS',
        '6.8.0-45-generic',
        'containerd://1.7.22',
      ],
    ],
    [
      'a node that has reported nothing yet',
      node({}),
      ['node-1', 'Unknown', '<none>', '3d4h', '', '<none>', '<none>', '<unknown>', '<unknown>', '<unknown>'],
    ],
  ])('prints %s', (_name, obj, want) => {
    expect(nodePrinter.row(obj, NOW)).toEqual(want);
  });
});
