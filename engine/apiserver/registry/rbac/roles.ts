// Roles (pkg/registry/rbac/role): namespaced sets of permissions. Names are path segments (colons allowed), and a PUT
// may create one (as `kubectl auth reconcile` does). Escalation checks belong to authorization, not here.

import { ALL_VERBS } from '../resource-definition.ts';
import type { ResourceDefinition } from '../resource-definition.ts';
import { setRoleDefaults } from '../../defaults/rbac.ts';
import { isValidPathSegmentName } from '../../validation/path-segment-name.ts';
import { validateRole } from '../../validation/rbac.ts';

export const rolesResource: ResourceDefinition = {
  group: 'rbac.authorization.k8s.io',
  version: 'v1',
  kind: 'Role',
  listKind: 'RoleList',
  resource: 'roles',
  singular: 'role',
  namespaced: true,
  verbs: ALL_VERBS,
  schema: 'io.k8s.api.rbac.v1.Role',
  validateName: isValidPathSegmentName,
  strategy: {
    defaults: setRoleDefaults,
    validate: (role) => validateRole(role),
    validateUpdate: (role) => validateRole(role),
    allowCreateOnUpdate: true,
    allowUnconditionalUpdate: true,
  },
};
