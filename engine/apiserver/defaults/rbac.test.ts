import { describe, expect, it } from 'vitest';

import type { KubeObject } from '../../api/object.ts';
import { setBindingDefaults, setRoleDefaults } from './rbac.ts';

describe('rbac defaults', () => {
  it('puts the role ref and user and group subjects in the RBAC group, and leaves service accounts in the core group', () => {
    const binding: KubeObject = {
      metadata: { name: 'b' },
      roleRef: { kind: 'ClusterRole', name: 'view' },
      subjects: [
        { kind: 'User', name: 'jane' },
        { kind: 'Group', name: 'devs' },
        { kind: 'ServiceAccount', name: 'default', namespace: 'ns' },
      ],
    };
    setBindingDefaults(binding);
    expect(binding).toMatchObject({
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
      subjects: [
        { kind: 'User', name: 'jane', apiGroup: 'rbac.authorization.k8s.io' },
        { kind: 'Group', name: 'devs', apiGroup: 'rbac.authorization.k8s.io' },
        { kind: 'ServiceAccount', name: 'default', namespace: 'ns' },
      ],
    });
  });

  it('writes null rules for a role without rules', () => {
    const role: KubeObject = { metadata: { name: 'r' } };
    setRoleDefaults(role);
    expect(role.rules).toBeNull();
  });
});
