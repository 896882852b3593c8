// RoleBindings (pkg/registry/rbac/rolebinding): grant a Role or ClusterRole to users, groups and service
// accounts within a namespace. The roleRef never changes; a PUT may create one.

import { ALL_VERBS } from '../resource-definition.ts';
import type { ResourceDefinition } from '../resource-definition.ts';
import { setBindingDefaults } from '../../defaults/rbac.ts';
import { isValidPathSegmentName } from '../../validation/path-segment-name.ts';
import { validateRoleBinding, validateRoleBindingUpdate } from '../../validation/rbac.ts';

export const roleBindingsResource: ResourceDefinition = {
  group: 'rbac.authorization.k8s.io',
  version: 'v1',
  kind: 'RoleBinding',
  listKind: 'RoleBindingList',
  resource: 'rolebindings',
  singular: 'rolebinding',
  namespaced: true,
  verbs: ALL_VERBS,
  schema: 'io.k8s.api.rbac.v1.RoleBinding',
  validateName: isValidPathSegmentName,
  strategy: {
    defaults: setBindingDefaults,
    validate: (binding) => validateRoleBinding(binding),
    validateUpdate: (binding, old) => validateRoleBindingUpdate(binding, old),
    allowCreateOnUpdate: true,
    allowUnconditionalUpdate: true,
  },
};
