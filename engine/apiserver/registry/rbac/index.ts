// The rbac.authorization.k8s.io group's resources (rbac.authorization.k8s.io/v1), in the order discovery lists
// them.

import type { ResourceDefinition } from '../resource-definition.ts';
import { clusterRoleBindingsResource } from './clusterrolebindings.ts';
import { clusterRolesResource } from './clusterroles.ts';
import { roleBindingsResource } from './rolebindings.ts';
import { rolesResource } from './roles.ts';

export const rbacResources: readonly ResourceDefinition[] = [
  clusterRoleBindingsResource,
  clusterRolesResource,
  roleBindingsResource,
  rolesResource,
];
