// Table columns of the rbac.authorization.k8s.io API group: RoleBinding and ClusterRoleBinding. Role and
// ClusterRole have no columns upstream and get the default table.

import type { KubeObject } from '../../api/object.ts';
import type { TableConvertor } from '../registry/resource-definition.ts';
import { AGE_COLUMN, column, NAME_COLUMN, wideColumn } from './columns.ts';
import { list, str } from './read.ts';
import { age } from './time.ts';

/** The subjects of a binding split into users, groups and service accounts (namespace/name). */
function subjects(binding: KubeObject): [users: string, groups: string, serviceAccounts: string] {
  const users: string[] = [];
  const groups: string[] = [];
  const serviceAccounts: string[] = [];
  for (const subject of list(binding, 'subjects')) {
    const name = str(subject, 'name');
    switch (str(subject, 'kind')) {
      case 'User':
        users.push(name);
        break;
      case 'Group':
        groups.push(name);
        break;
      case 'ServiceAccount':
        serviceAccounts.push(`${str(subject, 'namespace')}/${name}`);
        break;
    }
  }
  return [users.join(', '), groups.join(', '), serviceAccounts.join(', ')];
}

function bindingPrinter(scope: string): TableConvertor {
  return {
    columns: [
      NAME_COLUMN,
      column('Role', 'The role the binding grants, as Kind/name.'),
      AGE_COLUMN,
      wideColumn('Users', `The users the ${scope} grants the role to.`),
      wideColumn('Groups', `The groups the ${scope} grants the role to.`),
      wideColumn('ServiceAccounts', `The service accounts the ${scope} grants the role to.`),
    ],
    row: (binding, now) => [
      binding.metadata.name ?? '',
      `${str(binding, 'roleRef', 'kind')}/${str(binding, 'roleRef', 'name')}`,
      age(binding, now),
      ...subjects(binding),
    ],
  };
}

export const rbacPrinters: Readonly<Record<string, TableConvertor>> = {
  RoleBinding: bindingPrinter('role binding'),
  ClusterRoleBinding: bindingPrinter('cluster role binding'),
};
