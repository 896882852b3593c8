import { describe, expect, it } from 'vitest';

import { definitionForGVK } from '../../../api/schemas.ts';
import type { KubeObject } from '../../../api/object.ts';
import type { StrategyContext } from '../resource-definition.ts';
import { coordinationResources } from './index.ts';

const ctx = (): StrategyContext => ({
  user: { username: 'u', groups: [] },
  now: 0,
  namespace: 'kube-node-lease',
  warnings: [],
});

describe('coordination.k8s.io resources', () => {
  const leases = coordinationResources[0]!;

  it('serves leases as a real cluster discovers them', () => {
    expect(coordinationResources).toHaveLength(1);
    expect(leases).toMatchObject({
      group: 'coordination.k8s.io',
      version: 'v1',
      kind: 'Lease',
      listKind: 'LeaseList',
      resource: 'leases',
      singular: 'lease',
      namespaced: true,
    });
    expect(leases.shortNames).toBeUndefined();
    expect(leases.storagePrefix).toBeUndefined();
    expect(leases.schema).toBe(definitionForGVK('coordination.k8s.io', 'v1', 'Lease'));
    expect(leases.strategy).toMatchObject({ allowCreateOnUpdate: true, allowUnconditionalUpdate: false });
  });

  it('always stores a spec', () => {
    const lease: KubeObject = { metadata: { name: 'node-1' } };
    leases.strategy.defaults?.(lease);
    expect(lease.spec).toEqual({});
  });

  it('drops the alpha coordinated-election fields on create', () => {
    const lease: KubeObject = {
      metadata: { name: 'l' },
      spec: { holderIdentity: 'a', strategy: 'OldestEmulationVersion', preferredHolder: 'b' },
    };
    leases.strategy.prepareForCreate?.(lease, ctx());
    expect(lease.spec).toEqual({ holderIdentity: 'a' });
  });
});
