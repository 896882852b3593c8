import { describe, expect, it } from 'vitest';

import { definitionForGVK } from '../../../api/schemas.ts';
import { flowcontrolResources } from './index.ts';

describe('flowcontrol.apiserver.k8s.io resources', () => {
  it.each([
    ['flowschemas', 'FlowSchema'],
    ['prioritylevelconfigurations', 'PriorityLevelConfiguration'],
  ])('serves %s as a real cluster discovers them', (resource, kind) => {
    const d = flowcontrolResources.find((r) => r.resource === resource)!;
    expect(d).toMatchObject({
      group: 'flowcontrol.apiserver.k8s.io',
      version: 'v1',
      kind,
      listKind: `${kind}List`,
      singular: kind.toLowerCase(),
      namespaced: false,
    });
    expect(Object.keys(d.subresources ?? {})).toEqual(['status']);
    expect(d.schema).toBe(definitionForGVK('flowcontrol.apiserver.k8s.io', 'v1', kind));
    expect(d.strategy.tracksGeneration).toBe(true);
  });
});
