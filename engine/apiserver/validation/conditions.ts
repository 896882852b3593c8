// metav1.Condition lists in status (k8s.io/apimachinery/pkg/apis/meta/v1/validation ValidateConditions): unique
// qualified types, a known status, a set transition time, a reason in CamelCase and bounded message lengths.

import { duplicate, invalidValue, notSupported, required, tooLong } from '../errors/field-error.ts';
import type { FieldError, FieldPath } from '../errors/field-error.ts';
import { records, str } from './access.ts';
import type { Json } from './access.ts';
import { validateLabelName } from './labels.ts';
import { regexError } from './messages.ts';

const CONDITION_STATUSES = ['False', 'True', 'Unknown'];
const MAX_REASON_LENGTH = 1024;
const MAX_MESSAGE_LENGTH = 32 * 1024;
const REASON_FMT = '[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?';
const REASON_ERR =
  "a condition reason must start with alphabetic character, optionally followed by a string of alphanumeric characters or '_,:', and must end with an alphanumeric character or '_'";
const reasonPattern = new RegExp(`^${REASON_FMT}$`);

function validateCondition(condition: Json, path: FieldPath): FieldError[] {
  const errs = validateLabelName(str(condition.type), path.child('type'));
  const status = str(condition.status);
  if (!CONDITION_STATUSES.includes(status)) errs.push(notSupported(path.child('status'), status, CONDITION_STATUSES));
  const observed = condition.observedGeneration;
  if (typeof observed === 'number' && observed < 0) {
    errs.push(invalidValue(path.child('observedGeneration'), observed, 'must be greater than or equal to zero'));
  }
  if (!condition.lastTransitionTime) errs.push(required(path.child('lastTransitionTime'), 'must be set'));
  const reason = str(condition.reason);
  if (reason === '') {
    errs.push(required(path.child('reason'), 'must be set'));
  } else {
    if (!reasonPattern.test(reason)) {
      errs.push(
        invalidValue(
          path.child('reason'),
          reason,
          regexError(REASON_ERR, REASON_FMT, 'my_name', 'MY_NAME', 'MyName', 'ReasonA,ReasonB', 'ReasonA:ReasonB'),
        ),
      );
    }
    if (reason.length > MAX_REASON_LENGTH) errs.push(tooLong(path.child('reason'), MAX_REASON_LENGTH));
  }
  if (str(condition.message).length > MAX_MESSAGE_LENGTH) errs.push(tooLong(path.child('message'), MAX_MESSAGE_LENGTH));
  return errs;
}

export function validateConditions(conditions: unknown, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  records(conditions).forEach((condition, i) => {
    const type = str(condition.type);
    if (seen.has(type)) errs.push(duplicate(path.index(i).child('type'), type));
    else seen.add(type);
    errs.push(...validateCondition(condition, path.index(i)));
  });
  return errs;
}
