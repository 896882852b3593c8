// ClusterRoles (pkg/registry/rbac/clusterrole): cluster-wide permissions, optionally aggregated from other
// ClusterRoles by label selectors. Names are path segments, and a PUT may create one.

import { ALL_VERBS } from '../resource-definition.ts';
import type { ResourceDefinition } from '../resource-definition.ts';
import { setRoleDefaults } from '../../defaults/rbac.ts';
import { isValidPathSegmentName } from '../../validation/path-segment-name.ts';
import { validateClusterRole, validateClusterRoleUpdate } from '../../validation/rbac.ts';

export const clusterRolesResource: ResourceDefinition = {
  group: 'rbac.authorization.k8s.io',
  version: 'v1',
  kind: 'ClusterRole',
  listKind: 'ClusterRoleList',
  resource: 'clusterroles',
  singular: 'clusterrole',
  namespaced: false,
  verbs: ALL_VERBS,
  schema: 'io.k8s.api.rbac.v1.ClusterRole',
  validateName: isValidPathSegmentName,
  strategy: {
    defaults: setRoleDefaults,
    validate: (role) => validateClusterRole(role),
    validateUpdate: (role, old) => validateClusterRoleUpdate(role, old),
    allowCreateOnUpdate: true,
    allowUnconditionalUpdate: true,
  },
};
