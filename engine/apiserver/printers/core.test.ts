import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/object.ts';
import { corePrinters } from './core.ts';

const NOW = Date.parse('2025-03-01T12:00:00Z');
const CREATED = '2025-03-01T11:58:30Z';

const object = (kind: string, fields: Record<string, unknown>, metadata: object = {}): KubeObject => ({
  apiVersion: 'v1',
  kind,
  metadata: { name: 'x', namespace: 'default', creationTimestamp: CREATED, ...metadata },
  ...fields,
});

const printer = (kind: string) => {
  const found = corePrinters[kind];
  if (!found) throw new Error(`no printer for ${kind}`);
  return found;
};

const containers = [
  { name: 'app', image: 'nginx:1.27' },
  { name: 'sidecar', image: 'busybox:1.36' },
];

describe('corePrinters', () => {
  it.each([
    ['PodTemplate', ['Name', 'Containers', 'Images', 'Pod Labels']],
    ['Namespace', ['Name', 'Status', 'Age']],
    ['ConfigMap', ['Name', 'Data', 'Age']],
    ['Secret', ['Name', 'Type', 'Data', 'Age']],
    ['ServiceAccount', ['Name', 'Secrets', 'Age']],
    ['ReplicationController', ['Name', 'Desired', 'Current', 'Ready', 'Age', 'Containers', 'Images', 'Selector']],
    ['ResourceQuota', ['Name', 'Age', 'Request', 'Limit']],
    ['ComponentStatus', ['Name', 'Status', 'Message', 'Error']],
  ])('declares the columns of a %s', (kind, names) => {
    expect(printer(kind).columns.map((c) => c.name)).toEqual(names);
  });

  it.each([
    [
      'a pod template with its containers and pod labels',
      object('PodTemplate', { template: { metadata: { labels: { app: 'web' } }, spec: { containers } } }),
      ['x', 'app,sidecar', 'nginx:1.27,busybox:1.36', 'app=web'],
    ],
    [
      'an empty pod template',
      object('PodTemplate', { template: { spec: { containers: [] } } }),
      ['x', '', '', '<none>'],
    ],
    ['an active namespace', object('Namespace', { status: { phase: 'Active' } }), ['x', 'Active', '90s']],
    [
      'a namespace without status or age',
      object('Namespace', {}, { creationTimestamp: undefined }),
      ['x', '', '<unknown>'],
    ],
    [
      'a config map counting text and binary keys',
      object('ConfigMap', { data: { a: '1', b: '2' }, binaryData: { c: 'AA==' } }),
      ['x', 3, '90s'],
    ],
    ['an empty config map', object('ConfigMap', {}), ['x', 0, '90s']],
    [
      'a TLS secret',
      object('Secret', { type: 'kubernetes.io/tls', data: { 'tls.crt': 'Y2VydA==', 'tls.key': 'a2V5' } }),
      ['x', 'kubernetes.io/tls', 2, '90s'],
    ],
    ['a secret without data', object('Secret', { type: 'Opaque' }), ['x', 'Opaque', 0, '90s']],
    ['a service account without secrets', object('ServiceAccount', {}), ['x', 0, '90s']],
    ['a service account with a secret', object('ServiceAccount', { secrets: [{ name: 'x-token' }] }), ['x', 1, '90s']],
    [
      'a replication controller',
      object('ReplicationController', {
        spec: { replicas: 3, selector: { app: 'web' }, template: { spec: { containers } } },
        status: { replicas: 3, readyReplicas: 2 },
      }),
      ['x', 3, 3, 2, '90s', 'app,sidecar', 'nginx:1.27,busybox:1.36', 'app=web'],
    ],
    [
      'a resource quota splitting requests from limits',
      object('ResourceQuota', {
        status: {
          hard: {
            'limits.memory': '2Gi',
            pods: '10',
            'requests.cpu': '1',
            'limits.cpu': '2',
            'requests.memory': '1Gi',
          },
          used: { 'limits.memory': '512Mi', pods: '3', 'requests.cpu': '500m', 'requests.memory': '0.5Gi' },
        },
      }),
      [
        'x',
        '90s',
        'pods: 3/10, requests.cpu: 500m/1, requests.memory: 512Mi/1Gi',
        'limits.cpu: 0/2, limits.memory: 512Mi/2Gi',
      ],
    ],
    ['a quota without status', object('ResourceQuota', {}), ['x', '90s', '', '']],
    [
      'a healthy component',
      object('ComponentStatus', { conditions: [{ type: 'Healthy', status: 'True', message: 'ok' }] }),
      ['x', 'Healthy', 'ok', ''],
    ],
    [
      'an unhealthy component',
      object('ComponentStatus', { conditions: [{ type: 'Healthy', status: 'False', error: 'connection refused' }] }),
      ['x', 'Unhealthy', '', 'connection refused'],
    ],
    ['a component without conditions', object('ComponentStatus', {}), ['x', 'Unknown', '', '']],
  ])('prints %s', (_name, obj, want) => {
    expect(printer(obj.kind ?? '').row(obj, NOW)).toEqual(want);
  });

  it.each([['Pod'], ['Node'], ['Service'], ['Endpoints'], ['Event'], ['PersistentVolume'], ['PersistentVolumeClaim']])(
    'has a printer for %s',
    (kind) => {
      expect(corePrinters[kind]).toBeDefined();
    },
  );

  it('leaves LimitRange to the default table, as upstream does', () => {
    expect(corePrinters.LimitRange).toBeUndefined();
  });
});
