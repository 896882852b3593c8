// The rbac.authorization.k8s.io group (pkg/apis/rbac/validation): policy rules that name verbs and either
// resources or non-resource URLs, ClusterRole aggregation selectors, and bindings whose roleRef points at a Role or
// ClusterRole and never changes, with User, Group or ServiceAccount subjects. Names are path segments.

import { FieldPath, invalidValue, notSupported, required } from '../errors/field-error.ts';
import type { FieldError } from '../errors/field-error.ts';
import { list, record, records, recordOrEmpty, str } from './access.ts';
import type { Json } from './access.ts';
import { invalidEach } from './generic.ts';
import { labelSelectorAsSelector, validateLabelSelector } from './label-selector.ts';
import type { LabelSelectorOptions } from './label-selector.ts';
import { nameIsDNSSubdomain } from './names.ts';
import { isValidPathSegmentName } from './path-segment-name.ts';

const RBAC_GROUP = 'rbac.authorization.k8s.io';
const SUBJECT_KINDS = ['ServiceAccount', 'User', 'Group'];

function validatePolicyRule(rule: Json, namespaced: boolean, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (list(rule.verbs).length === 0) errs.push(required(path.child('verbs'), 'verbs must contain at least one value'));
  const nonResourceURLs = list(rule.nonResourceURLs);
  const apiGroups = list(rule.apiGroups);
  const resources = list(rule.resources);
  const resourceNames = list(rule.resourceNames);
  if (nonResourceURLs.length > 0) {
    if (namespaced)
      errs.push(
        invalidValue(
          path.child('nonResourceURLs'),
          nonResourceURLs,
          'namespaced rules cannot apply to non-resource URLs',
        ),
      );
    if (apiGroups.length > 0 || resources.length > 0 || resourceNames.length > 0) {
      errs.push(
        invalidValue(
          path.child('nonResourceURLs'),
          nonResourceURLs,
          'rules cannot apply to both regular resources and non-resource URLs',
        ),
      );
    }
    return errs;
  }
  if (apiGroups.length === 0)
    errs.push(required(path.child('apiGroups'), 'resource rules must supply at least one api group'));
  if (resources.length === 0)
    errs.push(required(path.child('resources'), 'resource rules must supply at least one resource'));
  return errs;
}

function validateRules(rules: unknown, namespaced: boolean): FieldError[] {
  return records(rules).flatMap((rule, i) => validatePolicyRule(rule, namespaced, FieldPath.root('rules').index(i)));
}

export function validateRole(role: Json): FieldError[] {
  return validateRules(role.rules, true);
}

export function validateClusterRole(role: Json, options: LabelSelectorOptions = {}): FieldError[] {
  const errs = validateRules(role.rules, false);
  const aggregationRule = record(role.aggregationRule);
  if (aggregationRule) {
    const path = FieldPath.root('aggregationRule').child('clusterRoleSelectors');
    const selectors = list(aggregationRule.clusterRoleSelectors);
    if (selectors.length === 0)
      errs.push(required(path, 'at least one clusterRoleSelector required if aggregationRule is non-nil'));
    selectors.forEach((selector, i) => {
      errs.push(...validateLabelSelector(selector ?? {}, options, path.index(i)));
      if (!labelSelectorAsSelector(selector ?? {}))
        errs.push(invalidValue(path.index(i), selector ?? null, 'invalid label selector.'));
    });
  }
  return errs;
}

/** Stored ClusterRoles keep aggregation selectors with label values that are invalid today. */
export function validateClusterRoleUpdate(role: Json, old: Json): FieldError[] {
  const oldSelectors = list(recordOrEmpty(old.aggregationRule).clusterRoleSelectors);
  const allowInvalid = oldSelectors.some((s) => validateLabelSelector(s ?? {}, {}, FieldPath.root('')).length > 0);
  return validateClusterRole(role, { allowInvalidLabelValueInSelector: allowInvalid });
}

function validateSubject(subject: Json, namespaced: boolean, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(subject.name);
  const apiGroup = str(subject.apiGroup);
  if (name === '') errs.push(required(path.child('name')));
  switch (str(subject.kind)) {
    case 'ServiceAccount':
      if (name !== '') errs.push(...invalidEach(path.child('name'), name, nameIsDNSSubdomain(name, false)));
      if (apiGroup !== '') errs.push(notSupported(path.child('apiGroup'), apiGroup, ['']));
      if (!namespaced && str(subject.namespace) === '') errs.push(required(path.child('namespace')));
      break;
    case 'User':
    case 'Group':
      if (apiGroup !== RBAC_GROUP) errs.push(notSupported(path.child('apiGroup'), apiGroup, [RBAC_GROUP]));
      break;
    default:
      errs.push(notSupported(path.child('kind'), str(subject.kind), SUBJECT_KINDS));
  }
  return errs;
}

function validateBinding(binding: Json, namespaced: boolean): FieldError[] {
  const errs: FieldError[] = [];
  const roleRef = recordOrEmpty(binding.roleRef);
  const refPath = FieldPath.root('roleRef');
  const apiGroup = str(roleRef.apiGroup);
  if (apiGroup !== RBAC_GROUP) errs.push(notSupported(refPath.child('apiGroup'), apiGroup, [RBAC_GROUP]));
  const kinds = namespaced ? ['Role', 'ClusterRole'] : ['ClusterRole'];
  const kind = str(roleRef.kind);
  if (!kinds.includes(kind)) errs.push(notSupported(refPath.child('kind'), kind, kinds));
  const name = str(roleRef.name);
  if (name === '') errs.push(required(refPath.child('name')));
  else errs.push(...invalidEach(refPath.child('name'), name, isValidPathSegmentName(name)));
  records(binding.subjects).forEach((subject, i) => {
    errs.push(...validateSubject(subject, namespaced, FieldPath.root('subjects').index(i)));
  });
  return errs;
}

/** A roleRef as the bad value of an error: its fields, printed as Go prints the internal rbac.RoleRef struct. */
function roleRefValue(ref: Json): Json {
  const value = { apiGroup: str(ref.apiGroup), kind: str(ref.kind), name: str(ref.name) };
  const q = JSON.stringify;
  return {
    ...value,
    toString: () => `rbac.RoleRef{APIGroup:${q(value.apiGroup)}, Kind:${q(value.kind)}, Name:${q(value.name)}}`,
  };
}

function validateRoleRefUnchanged(binding: Json, old: Json): FieldError[] {
  const roleRef = roleRefValue(recordOrEmpty(binding.roleRef));
  const oldRef = roleRefValue(recordOrEmpty(old.roleRef));
  return String(roleRef) === String(oldRef)
    ? []
    : [invalidValue(FieldPath.root('roleRef'), roleRef, 'cannot change roleRef')];
}

export function validateRoleBinding(binding: Json): FieldError[] {
  return validateBinding(binding, true);
}

export function validateRoleBindingUpdate(binding: Json, old: Json): FieldError[] {
  return [...validateBinding(binding, true), ...validateRoleRefUnchanged(binding, old)];
}

export function validateClusterRoleBinding(binding: Json): FieldError[] {
  return validateBinding(binding, false);
}

export function validateClusterRoleBindingUpdate(binding: Json, old: Json): FieldError[] {
  return [...validateBinding(binding, false), ...validateRoleRefUnchanged(binding, old)];
}
