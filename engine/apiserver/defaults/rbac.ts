// Defaults of the rbac.authorization.k8s.io group (pkg/apis/rbac/v1/defaults.go): a binding's roleRef and its
// User and Group subjects belong to the RBAC API group (ServiceAccount subjects keep the empty core group, which
// Go omits). A role's rule
// list is always written (null when empty), as Go serialises it.

import type { KubeObject } from '../../api/object.ts';
import { ensureRecord, records, str } from '../validation/access.ts';

const RBAC_GROUP = 'rbac.authorization.k8s.io';

export function setRoleDefaults(role: KubeObject): void {
  if (role.rules === undefined) role.rules = null;
}

export function setBindingDefaults(binding: KubeObject): void {
  const roleRef = ensureRecord(binding, 'roleRef');
  if (str(roleRef.apiGroup) === '') roleRef.apiGroup = RBAC_GROUP;
  for (const subject of records(binding.subjects)) {
    if (str(subject.apiGroup) !== '') continue;
    if (subject.kind === 'User' || subject.kind === 'Group') subject.apiGroup = RBAC_GROUP;
  }
}
