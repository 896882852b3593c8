// ClusterRoleBindings (pkg/registry/rbac/clusterrolebinding): grant a ClusterRole cluster-wide. The roleRef never
// changes; a PUT may create one.

import { ALL_VERBS } from '../resource-definition.ts';
import type { ResourceDefinition } from '../resource-definition.ts';
import { setBindingDefaults } from '../../defaults/rbac.ts';
import { isValidPathSegmentName } from '../../validation/path-segment-name.ts';
import { validateClusterRoleBinding, validateClusterRoleBindingUpdate } from '../../validation/rbac.ts';

export const clusterRoleBindingsResource: ResourceDefinition = {
  group: 'rbac.authorization.k8s.io',
  version: 'v1',
  kind: 'ClusterRoleBinding',
  listKind: 'ClusterRoleBindingList',
  resource: 'clusterrolebindings',
  singular: 'clusterrolebinding',
  namespaced: false,
  verbs: ALL_VERBS,
  schema: 'io.k8s.api.rbac.v1.ClusterRoleBinding',
  validateName: isValidPathSegmentName,
  strategy: {
    defaults: setBindingDefaults,
    validate: (binding) => validateClusterRoleBinding(binding),
    validateUpdate: (binding, old) => validateClusterRoleBindingUpdate(binding, old),
    allowCreateOnUpdate: true,
    allowUnconditionalUpdate: true,
  },
};
