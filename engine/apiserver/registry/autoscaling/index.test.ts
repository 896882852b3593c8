import { describe, expect, it } from 'vitest';

import { definitionForGVK } from '../../../api/schemas.ts';
import type { KubeObject } from '../../../api/object.ts';
import type { StrategyContext } from '../resource-definition.ts';
import { autoscalingResources } from './index.ts';

const ctx = (): StrategyContext => ({
  user: { username: 'u', groups: [] },
  now: 0,
  namespace: 'default',
  warnings: [],
});

describe('autoscaling resources', () => {
  it.each(['v2', 'v1'])('serves horizontalpodautoscalers in %s as a real cluster discovers them', (version) => {
    const d = autoscalingResources.find((r) => r.version === version)!;
    expect(d).toMatchObject({
      group: 'autoscaling',
      kind: 'HorizontalPodAutoscaler',
      listKind: 'HorizontalPodAutoscalerList',
      resource: 'horizontalpodautoscalers',
      singular: 'horizontalpodautoscaler',
      namespaced: true,
      shortNames: ['hpa'],
      categories: ['all'],
    });
    expect(d.subresources?.status?.responseKind).toEqual({
      group: 'autoscaling',
      version,
      kind: 'HorizontalPodAutoscaler',
    });
    expect(d.storagePrefix).toBeUndefined();
    expect(d.schema).toBe(definitionForGVK('autoscaling', version, 'HorizontalPodAutoscaler'));
  });

  it('lists v2 first, as the preferred version', () => {
    expect(autoscalingResources.map((d) => d.version)).toEqual(['v2', 'v1']);
  });

  it('stores a new v2 autoscaler with the status Go writes for an empty one', () => {
    const hpa: KubeObject = { metadata: { name: 'web' }, spec: {}, status: { currentReplicas: 3 } };
    autoscalingResources[0]!.strategy.prepareForCreate?.(hpa, ctx());
    expect(hpa.status).toEqual({ currentMetrics: null, desiredReplicas: 0 });
  });

  it('defaults what kubectl autoscale sends into a valid autoscaler', () => {
    const hpa: KubeObject = {
      metadata: { name: 'web' },
      spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, maxReplicas: 10 },
    };
    const { strategy } = autoscalingResources[0]!;
    strategy.defaults?.(hpa);
    expect(strategy.validate?.(hpa, ctx())).toEqual([]);
  });
});
