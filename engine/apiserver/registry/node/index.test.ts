import { describe, expect, it } from 'vitest';

import { definitionForGVK } from '../../../api/schemas.ts';
import type { KubeObject } from '../../../api/object.ts';
import { nodeResources } from './index.ts';

describe('node.k8s.io resources', () => {
  const classes = nodeResources[0]!;

  it('serves runtimeclasses as a real cluster discovers them', () => {
    expect(classes).toMatchObject({
      group: 'node.k8s.io',
      version: 'v1',
      kind: 'RuntimeClass',
      listKind: 'RuntimeClassList',
      resource: 'runtimeclasses',
      singular: 'runtimeclass',
      namespaced: false,
    });
    expect(classes.shortNames).toBeUndefined();
    expect(classes.schema).toBe(definitionForGVK('node.k8s.io', 'v1', 'RuntimeClass'));
  });

  it('refuses a new handler on update', () => {
    const old: KubeObject = { metadata: { name: 'gvisor' }, handler: 'runsc' };
    const changed: KubeObject = { metadata: { name: 'gvisor' }, handler: 'kata' };
    const ctx = { user: { username: 'u', groups: [] }, now: 0, namespace: '', warnings: [] };
    expect(classes.strategy.validateUpdate?.(changed, old, ctx).map(String)).toEqual([
      'handler: Invalid value: "kata": field is immutable',
    ]);
  });
});
