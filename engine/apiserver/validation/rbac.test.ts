import { describe, expect, it } from 'vitest';

import { FieldError } from '../errors/field-error.ts';
import type { Json } from './access.ts';
import {
  validateClusterRole,
  validateClusterRoleBinding,
  validateClusterRoleBindingUpdate,
  validateRole,
  validateRoleBinding,
  validateRoleBindingUpdate,
} from './rbac.ts';

/** Messages with composite bad values masked as "…", so they do not depend on how Go literals are rendered. */
const messages = (errs: FieldError[]): string[] =>
  errs.map((e) =>
    String(
      typeof e.badValue === 'object' && e.badValue !== null ? new FieldError(e.type, e.field, '…', e.detail, false) : e,
    ),
  );

const roleRef = { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'reader' };

describe('roles', () => {
  const cases: [string, Json, string[]][] = [
    ['accepts a resource rule', { rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] }] }, []],
    [
      'requires verbs',
      { rules: [{ apiGroups: [''], resources: ['pods'] }] },
      ['rules[0].verbs: Required value: verbs must contain at least one value'],
    ],
    [
      'requires api groups and resources',
      { rules: [{ verbs: ['get'] }] },
      [
        'rules[0].apiGroups: Required value: resource rules must supply at least one api group',
        'rules[0].resources: Required value: resource rules must supply at least one resource',
      ],
    ],
    [
      'forbids non-resource URLs in a namespaced role',
      { rules: [{ nonResourceURLs: ['/healthz'], verbs: ['get'] }] },
      ['rules[0].nonResourceURLs: Invalid value: "…": namespaced rules cannot apply to non-resource URLs'],
    ],
  ];
  it.each(cases)('%s', (_name, role, expected) => {
    expect(messages(validateRole(role))).toEqual(expected);
  });

  it('lets a cluster role grant non-resource URLs but not mixed with resources', () => {
    expect(validateClusterRole({ rules: [{ nonResourceURLs: ['/healthz'], verbs: ['get'] }] })).toEqual([]);
    expect(
      messages(
        validateClusterRole({ rules: [{ nonResourceURLs: ['/healthz'], resources: ['pods'], verbs: ['get'] }] }),
      ),
    ).toEqual([
      'rules[0].nonResourceURLs: Invalid value: "…": rules cannot apply to both regular resources and non-resource URLs',
    ]);
  });

  it('requires a selector in an aggregation rule', () => {
    expect(messages(validateClusterRole({ aggregationRule: { clusterRoleSelectors: [] } }))).toEqual([
      'aggregationRule.clusterRoleSelectors: Required value: at least one clusterRoleSelector required if aggregationRule is non-nil',
    ]);
  });

  it('rejects an aggregation selector with an unknown operator', () => {
    const selector = { matchExpressions: [{ key: 'a', operator: 'Near' }] };
    expect(messages(validateClusterRole({ aggregationRule: { clusterRoleSelectors: [selector] } }))).toEqual([
      'aggregationRule.clusterRoleSelectors[0].matchExpressions[0].operator: Invalid value: "Near": not a valid selector operator',
      'aggregationRule.clusterRoleSelectors[0]: Invalid value: "…": invalid label selector.',
    ]);
  });
});

describe('bindings', () => {
  const cases: [string, Json, string[]][] = [
    [
      'accepts a user bound to a role',
      { roleRef, subjects: [{ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'jane' }] },
      [],
    ],
    [
      'accepts a service account without a namespace in a role binding',
      { roleRef, subjects: [{ kind: 'ServiceAccount', name: 'default' }] },
      [],
    ],
    [
      'rejects an unknown subject kind',
      { roleRef, subjects: [{ kind: 'Robot', name: 'r2' }] },
      ['subjects[0].kind: Unsupported value: "Robot": supported values: "ServiceAccount", "User", "Group"'],
    ],
    [
      'rejects a user without the rbac api group',
      { roleRef, subjects: [{ kind: 'User', name: 'jane' }] },
      ['subjects[0].apiGroup: Unsupported value: "": supported values: "rbac.authorization.k8s.io"'],
    ],
    ['requires a role name', { roleRef: { ...roleRef, name: '' } }, ['roleRef.name: Required value']],
    [
      'rejects a role ref of another kind',
      { roleRef: { ...roleRef, kind: 'Group' } },
      ['roleRef.kind: Unsupported value: "Group": supported values: "Role", "ClusterRole"'],
    ],
  ];
  it.each(cases)('%s', (_name, binding, expected) => {
    expect(messages(validateRoleBinding(binding))).toEqual(expected);
  });

  it('allows only cluster roles in cluster role bindings, and namespaces for service accounts', () => {
    expect(
      messages(validateClusterRoleBinding({ roleRef, subjects: [{ kind: 'ServiceAccount', name: 'default' }] })),
    ).toEqual([
      'roleRef.kind: Unsupported value: "Role": supported values: "ClusterRole"',
      'subjects[0].namespace: Required value',
    ]);
  });

  it('refuses to change the role a binding refers to', () => {
    const old = { roleRef };
    const changed = { roleRef: { ...roleRef, name: 'admin' } };
    expect(validateRoleBindingUpdate(changed, old).map(String)).toEqual([
      'roleRef: Invalid value: rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"Role", Name:"admin"}: cannot change roleRef',
    ]);
    const clusterRef = { ...roleRef, kind: 'ClusterRole' };
    expect(
      validateClusterRoleBindingUpdate({ roleRef: { ...clusterRef, name: 'x' } }, { roleRef: clusterRef }).map(String),
    ).toEqual([
      'roleRef: Invalid value: rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"ClusterRole", Name:"x"}: cannot change roleRef',
    ]);
  });
});
