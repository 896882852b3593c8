// Tests for the quota evaluators of Services, claims and counted kinds.
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../api/object.ts';
import { quotaEvaluatorFor } from './quota-evaluators.ts';
import { resourceListJson } from './resource-lists.ts';

const object = (fields: Record<string, unknown>, annotations?: Record<string, string>): KubeObject => ({
  metadata: { name: 'x', namespace: 'ns', ...(annotations ? { annotations } : {}) },
  ...fields,
});
const usage = (group: string, resource: string, o: KubeObject) =>
  resourceListJson(quotaEvaluatorFor(group, resource).usage(o));

describe('quota usage of built-in kinds', () => {
  const ports = [{ port: 80 }, { port: 443, nodePort: 30443 }];
  it.each<[string, Record<string, unknown>, Record<string, string>]>([
    ['a ClusterIP Service uses no node ports', { ports }, { 'services.nodeports': '0', 'services.loadbalancers': '0' }],
    [
      'a NodePort Service uses one per port',
      { type: 'NodePort', ports },
      { 'services.nodeports': '2', 'services.loadbalancers': '0' },
    ],
    [
      'a LoadBalancer uses one balancer and its node ports',
      { type: 'LoadBalancer', ports },
      { 'services.nodeports': '2', 'services.loadbalancers': '1' },
    ],
    [
      'a LoadBalancer without allocated node ports uses only those it asks for',
      { type: 'LoadBalancer', allocateLoadBalancerNodePorts: false, ports },
      { 'services.nodeports': '1', 'services.loadbalancers': '1' },
    ],
  ])('%s', (_name, spec, expected) => {
    expect(usage('', 'services', object({ spec }))).toEqual({ 'count/services': '1', services: '1', ...expected });
  });

  it.each<[string, KubeObject, Record<string, string>]>([
    [
      'a claim uses its storage, also under its StorageClass',
      object({ spec: { storageClassName: 'fast', resources: { requests: { storage: '10Gi' } } } }),
      {
        persistentvolumeclaims: '1',
        'count/persistentvolumeclaims': '1',
        'requests.storage': '10Gi',
        'fast.storageclass.storage.k8s.io/persistentvolumeclaims': '1',
        'fast.storageclass.storage.k8s.io/requests.storage': '10Gi',
      },
    ],
    [
      'a claim names its class by the beta annotation first, and storage counts in whole bytes',
      object(
        { spec: { storageClassName: 'fast', resources: { requests: { storage: '1500m' } } } },
        { 'volume.beta.kubernetes.io/storage-class': 'slow' },
      ),
      {
        persistentvolumeclaims: '1',
        'count/persistentvolumeclaims': '1',
        'requests.storage': '2',
        'slow.storageclass.storage.k8s.io/persistentvolumeclaims': '1',
        'slow.storageclass.storage.k8s.io/requests.storage': '2',
      },
    ],
  ])('%s', (_name, claim, expected) => {
    expect(usage('', 'persistentvolumeclaims', claim)).toEqual(expected);
  });

  it.each<[string, string, string, Record<string, string>]>([
    ['a ConfigMap counts under both of its names', '', 'configmaps', { 'count/configmaps': '1', configmaps: '1' }],
    ['a Secret counts under both of its names', '', 'secrets', { 'count/secrets': '1', secrets: '1' }],
    ['a ServiceAccount counts as count/serviceaccounts', '', 'serviceaccounts', { 'count/serviceaccounts': '1' }],
    ['a Deployment counts as count/deployments.apps', 'apps', 'deployments', { 'count/deployments.apps': '1' }],
    ['a custom resource counts under its group', 'example.com', 'widgets', { 'count/widgets.example.com': '1' }],
  ])('%s', (_name, group, resource, expected) => {
    expect(usage(group, resource, object({}))).toEqual(expected);
  });

  it('charges claims under StorageClass-qualified names only for claim resources', () => {
    expect(
      quotaEvaluatorFor('', 'persistentvolumeclaims').matchingResources([
        'gold.storageclass.storage.k8s.io/requests.storage',
        'gold.storageclass.storage.k8s.io/limits.storage',
        'requests.storage',
        'pods',
      ]),
    ).toEqual(['gold.storageclass.storage.k8s.io/requests.storage', 'requests.storage']);
  });

  it.each<[string, string, string, boolean, boolean]>([
    ['pods on create only', '', 'pods', true, false],
    ['Services on create and update', '', 'services', true, true],
    ['claims on create and update', '', 'persistentvolumeclaims', true, true],
    ['counted kinds on create only', 'apps', 'deployments', true, false],
  ])('measures %s', (_name, group, resource, onCreate, onUpdate) => {
    const evaluator = quotaEvaluatorFor(group, resource);
    expect([evaluator.handles('CREATE'), evaluator.handles('UPDATE'), evaluator.handles('DELETE')]).toEqual([
      onCreate,
      onUpdate,
      false,
    ]);
  });
});
