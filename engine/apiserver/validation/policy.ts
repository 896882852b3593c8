// The policy group (pkg/apis/policy/validation): PodDisruptionBudgets with either minAvailable or
// maxUnavailable (a count or a percentage up to 100%), a valid selector and a known unhealthy-pod eviction policy;
// and their status, whose counts are never negative.

import { FieldPath, invalidValue, notSupported } from '../errors/field-error.ts';
import type { FieldError } from '../errors/field-error.ts';
import { num, recordOrEmpty } from './access.ts';
import type { Json } from './access.ts';
import { validateConditions } from './conditions.ts';
import { validateNonnegative } from './generic.ts';
import { validateNotMoreThan100Percent, validatePositiveIntOrPercent } from './int-or-percent.ts';
import { validateLabelSelector } from './label-selector.ts';

const SPEC = FieldPath.root('spec');
const STATUS = FieldPath.root('status');
const UNHEALTHY_POD_EVICTION_POLICIES = ['AlwaysAllow', 'IfHealthyBudget'];

const isSet = (value: unknown): boolean => value !== undefined && value !== null;

function validateSpec(spec: Json, allowInvalidLabelValueInSelector: boolean): FieldError[] {
  const errs: FieldError[] = [];
  if (isSet(spec.minAvailable) && isSet(spec.maxUnavailable)) {
    errs.push(invalidValue(SPEC, spec, 'minAvailable and maxUnavailable cannot be both set'));
  }
  for (const field of ['minAvailable', 'maxUnavailable']) {
    if (!isSet(spec[field])) continue;
    errs.push(...validatePositiveIntOrPercent(spec[field], SPEC.child(field)));
    errs.push(...validateNotMoreThan100Percent(spec[field], SPEC.child(field)));
  }
  errs.push(...validateLabelSelector(spec.selector, { allowInvalidLabelValueInSelector }, SPEC.child('selector')));
  const policy = spec.unhealthyPodEvictionPolicy;
  if (typeof policy === 'string' && !UNHEALTHY_POD_EVICTION_POLICIES.includes(policy)) {
    errs.push(notSupported(SPEC.child('unhealthyPodEvictionPolicy'), policy, UNHEALTHY_POD_EVICTION_POLICIES));
  }
  return errs;
}

export function validatePodDisruptionBudget(pdb: Json): FieldError[] {
  return validateSpec(recordOrEmpty(pdb.spec), false);
}

/** Budgets stored with selector values that are invalid today keep being accepted. */
export function validatePodDisruptionBudgetUpdate(pdb: Json, old: Json): FieldError[] {
  const oldInvalid = validateLabelSelector(recordOrEmpty(old.spec).selector, {}, SPEC.child('selector')).length > 0;
  return validateSpec(recordOrEmpty(pdb.spec), oldInvalid);
}

export function validatePodDisruptionBudgetStatusUpdate(pdb: Json): FieldError[] {
  const status = recordOrEmpty(pdb.status);
  const errs = validateConditions(status.conditions, STATUS.child('conditions'));
  for (const field of ['disruptionsAllowed', 'currentHealthy', 'desiredHealthy', 'expectedPods']) {
    errs.push(...validateNonnegative(num(status[field]), STATUS.child(field)));
  }
  return errs;
}
