import { describe, expect, it } from 'vitest';

import { definitionForGVK } from '../../../api/schemas.ts';
import type { KubeObject } from '../../../api/object.ts';
import type { StrategyContext } from '../resource-definition.ts';
import { policyResources } from './index.ts';

const ctx = (): StrategyContext => ({
  user: { username: 'u', groups: [] },
  now: 0,
  namespace: 'default',
  warnings: [],
});

describe('policy resources', () => {
  const pdbs = policyResources[0]!;

  it('serves poddisruptionbudgets as a real cluster discovers them', () => {
    expect(pdbs).toMatchObject({
      group: 'policy',
      version: 'v1',
      kind: 'PodDisruptionBudget',
      listKind: 'PodDisruptionBudgetList',
      resource: 'poddisruptionbudgets',
      singular: 'poddisruptionbudget',
      namespaced: true,
      shortNames: ['pdb'],
    });
    expect(pdbs.subresources?.status).toEqual({
      responseKind: { group: 'policy', version: 'v1', kind: 'PodDisruptionBudget' },
      verbs: ['get', 'patch', 'update'],
    });
    expect(pdbs.storagePrefix).toBeUndefined();
    expect(pdbs.schema).toBe(definitionForGVK('policy', 'v1', 'PodDisruptionBudget'));
    expect(pdbs.strategy.tracksGeneration).toBe(true);
  });

  it('stores a new budget with zero counters, whatever status was sent', () => {
    const pdb: KubeObject = { metadata: { name: 'web' }, spec: { minAvailable: 1 }, status: { disruptionsAllowed: 5 } };
    pdbs.strategy.prepareForCreate?.(pdb, ctx());
    expect(pdb.status).toEqual({ disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 });
  });
});
