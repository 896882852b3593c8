import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/object.ts';
import { appsPrinters } from './apps.ts';

const NOW = Date.parse('2025-03-01T12:00:00Z');

const object = (kind: string, fields: Record<string, unknown>, metadata: object = {}): KubeObject => ({
  apiVersion: 'apps/v1',
  kind,
  metadata: { name: 'web', namespace: 'default', creationTimestamp: '2025-02-28T12:00:00Z', ...metadata },
  ...fields,
});

const printer = (kind: string) => {
  const found = appsPrinters[kind];
  if (!found) throw new Error(`no printer for ${kind}`);
  return found;
};

const template = {
  metadata: { labels: { app: 'web' } },
  spec: {
    containers: [
      { name: 'nginx', image: 'nginx:1.27' },
      { name: 'exporter', image: 'nginx/nginx-prometheus-exporter:1.3' },
    ],
  },
};

describe('appsPrinters', () => {
  it.each([
    [
      'Deployment',
      ['Name:0', 'Ready:0', 'Up-to-date:0', 'Available:0', 'Age:0', 'Containers:1', 'Images:1', 'Selector:1'],
    ],
    ['ReplicaSet', ['Name:0', 'Desired:0', 'Current:0', 'Ready:0', 'Age:0', 'Containers:1', 'Images:1', 'Selector:1']],
    ['StatefulSet', ['Name:0', 'Ready:0', 'Age:0', 'Containers:1', 'Images:1']],
    [
      'DaemonSet',
      [
        'Name:0',
        'Desired:0',
        'Current:0',
        'Ready:0',
        'Up-to-date:0',
        'Available:0',
        'Node Selector:0',
        'Age:0',
        'Containers:1',
        'Images:1',
        'Selector:1',
      ],
    ],
    ['ControllerRevision', ['Name:0', 'Controller:0', 'Revision:0', 'Age:0']],
  ])('declares the columns of a %s', (kind, columns) => {
    expect(printer(kind).columns.map((c) => `${c.name}:${c.priority}`)).toEqual(columns);
  });

  it.each([
    [
      'a deployment mid-rollout',
      object('Deployment', {
        spec: { replicas: 5, selector: { matchLabels: { app: 'web' } }, template },
        status: { replicas: 6, readyReplicas: 4, updatedReplicas: 2, availableReplicas: 4 },
      }),
      ['web', '4/5', 2, 4, '24h', 'nginx,exporter', 'nginx:1.27,nginx/nginx-prometheus-exporter:1.3', 'app=web'],
    ],
    [
      'a new deployment without status, with a set-based selector',
      object('Deployment', {
        spec: {
          replicas: 1,
          selector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['web', 'api'] }] },
          template,
        },
      }),
      [
        'web',
        '0/1',
        0,
        0,
        '24h',
        'nginx,exporter',
        'nginx:1.27,nginx/nginx-prometheus-exporter:1.3',
        'app in (api,web)',
      ],
    ],
    [
      'a deployment whose selector is invalid',
      object('Deployment', { spec: { replicas: 1, selector: { matchExpressions: [{ key: 'a', operator: 'Near' }] } } }),
      ['web', '0/1', 0, 0, '24h', '', '', '<invalid>'],
    ],
    [
      'a replica set',
      object('ReplicaSet', {
        spec: { replicas: 3, selector: { matchLabels: { app: 'web', 'pod-template-hash': '5d8' } }, template },
        status: { replicas: 3, readyReplicas: 1 },
      }),
      [
        'web',
        3,
        3,
        1,
        '24h',
        'nginx,exporter',
        'nginx:1.27,nginx/nginx-prometheus-exporter:1.3',
        'app=web,pod-template-hash=5d8',
      ],
    ],
    [
      'a stateful set',
      object('StatefulSet', { spec: { replicas: 3, template }, status: { replicas: 3, readyReplicas: 2 } }),
      ['web', '2/3', '24h', 'nginx,exporter', 'nginx:1.27,nginx/nginx-prometheus-exporter:1.3'],
    ],
    [
      'a daemon set with a node selector',
      object('DaemonSet', {
        spec: {
          selector: { matchLabels: { app: 'web' } },
          template: { ...template, spec: { ...template.spec, nodeSelector: { 'kubernetes.io/os': 'linux' } } },
        },
        status: {
          desiredNumberScheduled: 3,
          currentNumberScheduled: 2,
          numberReady: 1,
          updatedNumberScheduled: 2,
          numberAvailable: 0,
        },
      }),
      [
        'web',
        3,
        2,
        1,
        2,
        0,
        'kubernetes.io/os=linux',
        '24h',
        'nginx,exporter',
        'nginx:1.27,nginx/nginx-prometheus-exporter:1.3',
        'app=web',
      ],
    ],
    [
      'a daemon set without a node selector or status',
      object('DaemonSet', { spec: { template: { spec: { containers: [] } } } }),
      ['web', 0, 0, 0, 0, 0, '<none>', '24h', '', '', '<none>'],
    ],
    [
      'a controller revision owned by a stateful set',
      object(
        'ControllerRevision',
        { revision: 2, data: {} },
        {
          ownerReferences: [
            {
              apiVersion: 'apps/v1',
              kind: 'StatefulSet',
              name: 'web',
              uid: 'u1',
              controller: true,
              blockOwnerDeletion: true,
            },
          ],
        },
      ),
      ['web', 'statefulset.apps/web', 2, '24h'],
    ],
    [
      'a controller revision owned by a core object',
      object(
        'ControllerRevision',
        { revision: 1 },
        { ownerReferences: [{ apiVersion: 'v1', kind: 'Pod', name: 'p', uid: 'u', controller: true }] },
      ),
      ['web', 'pod/p', 1, '24h'],
    ],
    [
      'a controller revision without a controller',
      object(
        'ControllerRevision',
        { revision: 1 },
        { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'd', uid: 'u' }] },
      ),
      ['web', '<none>', 1, '24h'],
    ],
  ])('prints %s', (_name, obj, want) => {
    expect(printer(obj.kind ?? '').row(obj, NOW)).toEqual(want);
  });
});
