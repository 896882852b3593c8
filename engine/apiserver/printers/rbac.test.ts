import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/object.ts';
import { rbacPrinters } from './rbac.ts';

const NOW = Date.parse('2025-03-01T12:00:00Z');

function binding(kind: string, roleRef: object, subjects?: object[]): KubeObject {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind,
    metadata: { name: 'readers', creationTimestamp: '2025-03-01T11:00:00Z' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', ...roleRef },
    ...(subjects ? { subjects } : {}),
  };
}

describe('rbacPrinters', () => {
  it.each([['RoleBinding'], ['ClusterRoleBinding']])(
    'declares ROLE AGE, and the subjects for -o wide, for a %s',
    (kind) => {
      expect(rbacPrinters[kind]?.columns.map((c) => `${c.name}:${c.priority}`)).toEqual([
        'Name:0',
        'Role:0',
        'Age:0',
        'Users:1',
        'Groups:1',
        'ServiceAccounts:1',
      ]);
    },
  );

  it.each([
    [
      'a role binding with every kind of subject',
      binding('RoleBinding', { kind: 'Role', name: 'pod-reader' }, [
        { kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'jane' },
        { kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'joe' },
        { kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: 'devs' },
        { kind: 'ServiceAccount', name: 'default', namespace: 'kube-system' },
      ]),
      ['readers', 'Role/pod-reader', '60m', 'jane, joe', 'devs', 'kube-system/default'],
    ],
    [
      'a cluster role binding without subjects',
      binding('ClusterRoleBinding', { kind: 'ClusterRole', name: 'view' }),
      ['readers', 'ClusterRole/view', '60m', '', '', ''],
    ],
  ])('prints %s', (_name, obj, want) => {
    expect(rbacPrinters[obj.kind ?? '']?.row(obj, NOW)).toEqual(want);
  });

  it.each([['Role'], ['ClusterRole']])('leaves %s to the default table, as upstream does', (kind) => {
    expect(rbacPrinters[kind]).toBeUndefined();
  });
});
