import { describe, expect, it } from 'vitest';

import { definitionForGVK } from '../../../api/schemas.ts';
import type { KubeObject } from '../../../api/object.ts';
import { schedulingResources } from './index.ts';

describe('scheduling.k8s.io resources', () => {
  const classes = schedulingResources[0]!;

  it('serves priorityclasses as a real cluster discovers them', () => {
    expect(classes).toMatchObject({
      group: 'scheduling.k8s.io',
      version: 'v1',
      kind: 'PriorityClass',
      listKind: 'PriorityClassList',
      resource: 'priorityclasses',
      singular: 'priorityclass',
      namespaced: false,
      shortNames: ['pc'],
    });
    expect(classes.subresources).toBeUndefined();
    expect(classes.schema).toBe(definitionForGVK('scheduling.k8s.io', 'v1', 'PriorityClass'));
  });

  it('defaults the preemption policy to PreemptLowerPriority', () => {
    const pc: KubeObject = { metadata: { name: 'high' }, value: 1000 };
    classes.strategy.defaults?.(pc);
    expect(pc.preemptionPolicy).toBe('PreemptLowerPriority');
  });
});
