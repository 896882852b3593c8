// ResourceQuotas (ValidateResourceQuota*): quota resource names with valid quantities, scopes that fit the
// resources they limit and do not contradict each other, and scopes that never change.

import { FieldPath, invalidValue, required } from '../../errors/field-error.ts';
import type { FieldError } from '../../errors/field-error.ts';
import { list, record, records, recordOrEmpty, str } from '../access.ts';
import type { Json } from '../access.ts';
import { FIELD_IMMUTABLE_ERROR_MSG } from '../messages.ts';
import { validateResourceList } from './quantities.ts';
import { isStandardQuotaResourceName, validateResourceQuotaResourceName } from './resource-names.ts';

const SCOPES = [
  'Terminating',
  'NotTerminating',
  'BestEffort',
  'NotBestEffort',
  'PriorityClass',
  'CrossNamespacePodAffinity',
];
const POD_COMPUTE_RESOURCES = ['cpu', 'memory', 'limits.cpu', 'limits.memory', 'requests.cpu', 'requests.memory'];
const SCOPE_EXISTS_ONLY = ['BestEffort', 'NotBestEffort', 'Terminating', 'NotTerminating', 'CrossNamespacePodAffinity'];
const CONFLICTING_SCOPES = [
  ['BestEffort', 'NotBestEffort'],
  ['Terminating', 'NotTerminating'],
];

/** Whether a quota scope can be applied to a (standard) resource. */
function scopeFitsResource(scope: string, resource: string): boolean {
  if (scope === 'BestEffort') return resource === 'pods';
  return resource === 'pods' || POD_COMPUTE_RESOURCES.includes(resource);
}

function validateScopes(spec: Json, path: FieldPath): FieldError[] {
  const scopes = list(spec.scopes).map(str);
  if (scopes.length === 0) return [];
  const errs: FieldError[] = [];
  const hard = Object.keys(recordOrEmpty(spec.hard)).sort();
  const scopesPath = path.child('scopes');
  for (const scope of scopes) {
    if (!SCOPES.includes(scope)) errs.push(invalidValue(scopesPath, scopes, 'unsupported scope'));
    for (const resource of hard) {
      if (isStandardQuotaResourceName(resource) && !scopeFitsResource(scope, resource)) {
        errs.push(invalidValue(scopesPath, scopes, 'unsupported scope applied to resource'));
      }
    }
  }
  for (const pair of CONFLICTING_SCOPES)
    if (pair.every((s) => scopes.includes(s))) errs.push(invalidValue(scopesPath, scopes, 'conflicting scopes'));
  return errs;
}

function validateScopeSelector(spec: Json, path: FieldPath): FieldError[] {
  const selector = record(spec.scopeSelector);
  if (!selector) return [];
  const errs: FieldError[] = [];
  const exprPath = path.child('scopeSelector').child('matchExpressions');
  const hard = Object.keys(recordOrEmpty(spec.hard)).sort();
  const names: string[] = [];
  for (const req of records(selector.matchExpressions)) {
    const scope = str(req.scopeName);
    const operator = str(req.operator);
    const values = list(req.values);
    if (!SCOPES.includes(scope)) errs.push(invalidValue(exprPath.child('scopeName'), scope, 'unsupported scope'));
    for (const resource of hard) {
      if (isStandardQuotaResourceName(resource) && !scopeFitsResource(scope, resource)) {
        errs.push(invalidValue(exprPath, selector, 'unsupported scope applied to resource'));
      }
    }
    if (SCOPE_EXISTS_ONLY.includes(scope) && operator !== 'Exists') {
      errs.push(
        invalidValue(
          exprPath.child('operator'),
          operator,
          "must be 'Exists' when scope is any of ResourceQuotaScopeTerminating, ResourceQuotaScopeNotTerminating, ResourceQuotaScopeBestEffort, ResourceQuotaScopeNotBestEffort or ResourceQuotaScopeCrossNamespacePodAffinity",
        ),
      );
    }
    if (operator === 'In' || operator === 'NotIn') {
      if (values.length === 0)
        errs.push(
          required(
            exprPath.child('values'),
            "must be at least one value when `operator` is 'In' or 'NotIn' for scope selector",
          ),
        );
    } else if (operator === 'Exists' || operator === 'DoesNotExist') {
      if (values.length !== 0)
        errs.push(
          invalidValue(
            exprPath.child('values'),
            values,
            "must be no value when `operator` is 'Exist' or 'DoesNotExist' for scope selector",
          ),
        );
    } else {
      errs.push(invalidValue(exprPath.child('operator'), operator, 'not a valid selector operator'));
    }
    names.push(scope);
  }
  for (const pair of CONFLICTING_SCOPES) {
    if (pair.every((s) => names.includes(s)))
      errs.push(invalidValue(exprPath, list(spec.scopes), 'conflicting scopes'));
  }
  return errs;
}

function validateQuotaStatus(quota: Json): FieldError[] {
  const status = recordOrEmpty(quota.status);
  const path = FieldPath.root('status');
  return [
    ...validateResourceList(status.hard, path.child('hard'), validateResourceQuotaResourceName),
    ...validateResourceList(status.used, path.child('used'), validateResourceQuotaResourceName),
  ];
}

function validateQuotaSpec(quota: Json): FieldError[] {
  const spec = recordOrEmpty(quota.spec);
  const path = FieldPath.root('spec');
  return [
    ...validateResourceList(spec.hard, path.child('hard'), validateResourceQuotaResourceName),
    ...validateScopes(spec, path),
    ...validateScopeSelector(spec, path),
  ];
}

export function validateResourceQuota(quota: Json): FieldError[] {
  return [...validateQuotaSpec(quota), ...validateQuotaStatus(quota)];
}

export function validateResourceQuotaUpdate(quota: Json, old: Json): FieldError[] {
  const errs = validateQuotaSpec(quota);
  const scopes = list(recordOrEmpty(quota.spec).scopes).map(str);
  const oldScopes = list(recordOrEmpty(old.spec).scopes).map(str);
  const same = new Set(scopes).size === new Set(oldScopes).size && scopes.every((s) => oldScopes.includes(s));
  if (!same) errs.push(invalidValue(FieldPath.root('spec').child('scopes'), scopes, FIELD_IMMUTABLE_ERROR_MSG));
  return errs;
}

export function validateResourceQuotaStatusUpdate(quota: Json): FieldError[] {
  return validateQuotaStatus(quota);
}
