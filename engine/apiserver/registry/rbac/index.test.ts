import { describe, expect, it } from 'vitest';

import { definitionForGVK } from '../../../api/schemas.ts';
import type { KubeObject } from '../../../api/object.ts';
import type { StrategyContext } from '../resource-definition.ts';
import { rbacResources } from './index.ts';

const ctx = (): StrategyContext => ({
  user: { username: 'u', groups: [] },
  now: 0,
  namespace: 'default',
  warnings: [],
});
const byResource = (resource: string) => rbacResources.find((d) => d.resource === resource)!;

describe('rbac.authorization.k8s.io resources', () => {
  const discovery: [string, string, boolean][] = [
    ['clusterrolebindings', 'ClusterRoleBinding', false],
    ['clusterroles', 'ClusterRole', false],
    ['rolebindings', 'RoleBinding', true],
    ['roles', 'Role', true],
  ];
  it.each(discovery)('serves %s as a real cluster discovers it', (resource, kind, namespaced) => {
    const d = byResource(resource);
    expect(d).toMatchObject({
      group: 'rbac.authorization.k8s.io',
      version: 'v1',
      kind,
      listKind: `${kind}List`,
      singular: kind.toLowerCase(),
      namespaced,
    });
    expect(d.shortNames).toBeUndefined();
    expect(d.subresources).toBeUndefined();
    expect(d.storagePrefix).toBeUndefined();
    expect(d.schema).toBe(definitionForGVK('rbac.authorization.k8s.io', 'v1', kind));
    expect(d.strategy).toMatchObject({ allowCreateOnUpdate: true, allowUnconditionalUpdate: true });
    expect(d.strategy.tracksGeneration).toBeUndefined();
  });

  it('accepts names with colons, as the system roles use, but not slashes', () => {
    const validateName = byResource('clusterroles').validateName!;
    expect(validateName('system:controller:deployment-controller', false)).toEqual([]);
    expect(validateName('a/b', false)).toEqual(["may not contain '/'"]);
  });

  it('defaults a binding from kubectl create rolebinding into one that validates', () => {
    const binding: KubeObject = {
      metadata: { name: 'read-pods', namespace: 'default' },
      roleRef: { kind: 'Role', name: 'pod-reader' },
      subjects: [{ kind: 'User', name: 'jane' }],
    };
    const { strategy } = byResource('rolebindings');
    strategy.defaults?.(binding);
    expect(strategy.validate?.(binding, ctx())).toEqual([]);
  });

  it('refuses a roleRef change on update', () => {
    const { strategy } = byResource('clusterrolebindings');
    const old: KubeObject = {
      metadata: { name: 'b' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
    };
    const changed: KubeObject = {
      metadata: { name: 'b' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'edit' },
    };
    expect(strategy.validateUpdate?.(changed, old, ctx()).map(String)).toEqual([
      'roleRef: Invalid value: rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"ClusterRole", Name:"edit"}: cannot change roleRef',
    ]);
  });
});
