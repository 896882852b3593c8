// The coordination.k8s.io group (pkg/apis/coordination/validation): Leases whose duration is positive and whose
// transition count never goes below zero.

import { FieldPath, invalidValue } from '../errors/field-error.ts';
import type { FieldError } from '../errors/field-error.ts';
import { optNum, recordOrEmpty } from './access.ts';
import type { Json } from './access.ts';
import { IS_NEGATIVE_ERROR_MSG } from './messages.ts';

const SPEC = FieldPath.root('spec');

export function validateLease(lease: Json): FieldError[] {
  const spec = recordOrEmpty(lease.spec);
  const errs: FieldError[] = [];
  const duration = optNum(spec.leaseDurationSeconds);
  if (duration !== undefined && duration <= 0)
    errs.push(invalidValue(SPEC.child('leaseDurationSeconds'), duration, 'must be greater than 0'));
  const transitions = optNum(spec.leaseTransitions);
  if (transitions !== undefined && transitions < 0)
    errs.push(invalidValue(SPEC.child('leaseTransitions'), transitions, IS_NEGATIVE_ERROR_MSG));
  return errs;
}
