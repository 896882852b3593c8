// Our descriptions of role-based access control: Roles, ClusterRoles and their bindings.

import type { DescriptionTable } from './definition-descriptions.ts';

const RBAC = 'io.k8s.api.rbac.v1';

const RULES =
  'The permissions: each rule allows some verbs on some resources. Permissions only add up; there is no deny rule.';
const ROLE_REF =
  'The Role or ClusterRole whose permissions are granted. It cannot be changed; delete and recreate the binding.';
const SUBJECTS = 'Who gets the permissions: users, groups and service accounts.';

export const RBAC_DESCRIPTIONS: DescriptionTable = {
  [`${RBAC}.Role`]: { fields: { rules: RULES } },
  [`${RBAC}.ClusterRole`]: {
    fields: {
      rules: RULES,
      aggregationRule:
        'Build the rules automatically from every ClusterRole with matching labels (as the built-in "admin" and ' +
        '"view" roles do).',
    },
  },
  [`${RBAC}.AggregationRule`]: {
    description: 'Which ClusterRoles are combined into an aggregated one.',
    fields: { clusterRoleSelectors: 'Label selectors; the rules of every matching ClusterRole are added.' },
  },
  [`${RBAC}.PolicyRule`]: {
    description: 'Allows some verbs on some resources.',
    fields: {
      verbs: 'The actions allowed: get, list, watch, create, update, patch, delete, deletecollection, or "*" for all.',
      apiGroups: 'The API groups of the resources: "" for the core group (Pods, Services…), "apps", or "*".',
      resources:
        'The resources, by plural name: pods, deployments, or a sub-resource like pods/log. "*" means every ' +
        'resource.',
      resourceNames: 'Only the objects with these names. Empty means every object.',
      nonResourceURLs: 'URL paths that are not resources, such as /healthz; only in ClusterRoles.',
    },
  },
  [`${RBAC}.RoleBinding`]: { fields: { roleRef: ROLE_REF, subjects: SUBJECTS } },
  [`${RBAC}.ClusterRoleBinding`]: { fields: { roleRef: ROLE_REF, subjects: SUBJECTS } },
  [`${RBAC}.RoleRef`]: {
    description: 'The role a binding grants.',
    fields: {
      apiGroup: 'Always "rbac.authorization.k8s.io".',
      kind: 'Role or ClusterRole.',
      name: 'The name of the role.',
    },
  },
  [`${RBAC}.Subject`]: {
    description: 'Someone a binding grants permissions to.',
    fields: {
      kind: 'User, Group or ServiceAccount.',
      name: 'The user name, group name, or service account name.',
      namespace: 'For a ServiceAccount: its namespace.',
      apiGroup: '"rbac.authorization.k8s.io" for users and groups; empty for service accounts.',
    },
  },
};
