// Field-level checks shared by every kind: turn a format check into field errors at a path, and the small rules
// upstream repeats everywhere (non-negative numbers, immutable fields, port numbers or names).

import { deepEqual } from '../../api/json.ts';
import { invalidValue } from '../errors/field-error.ts';
import type { FieldError, FieldPath } from '../errors/field-error.ts';
import { isValidPortName, isValidPortNum } from './formats.ts';
import { FIELD_IMMUTABLE_ERROR_MSG, IS_NEGATIVE_ERROR_MSG } from './messages.ts';
import { isDNS1123Label, isDNS1123Subdomain, isQualifiedName } from './names.ts';

/** One Invalid error per message of a format check. */
export function invalidEach(path: FieldPath, value: unknown, messages: string[]): FieldError[] {
  return messages.map((msg) => invalidValue(path, value, msg));
}

export function validateDNS1123Label(value: string, path: FieldPath): FieldError[] {
  return invalidEach(path, value, isDNS1123Label(value));
}

export function validateDNS1123Subdomain(value: string, path: FieldPath): FieldError[] {
  return invalidEach(path, value, isDNS1123Subdomain(value));
}

export function validateQualifiedName(value: string, path: FieldPath): FieldError[] {
  return invalidEach(path, value, isQualifiedName(value));
}

/** "must be greater than or equal to 0" */
export function validateNonnegative(value: number, path: FieldPath): FieldError[] {
  return value < 0 ? [invalidValue(path, value, IS_NEGATIVE_ERROR_MSG)] : [];
}

/** "field is immutable" when the value changed (undefined and absent are the same). */
export function validateImmutableField(newValue: unknown, oldValue: unknown, path: FieldPath): FieldError[] {
  return deepEqual(newValue ?? null, oldValue ?? null)
    ? []
    : [invalidValue(path, newValue ?? null, FIELD_IMMUTABLE_ERROR_MSG)];
}

/** An IntOrString port: a number in 1-65535, or an IANA port name. */
export function validatePortNumOrName(port: unknown, path: FieldPath): FieldError[] {
  if (typeof port === 'number') return invalidEach(path, port, isValidPortNum(port));
  if (typeof port === 'string') return invalidEach(path, port, isValidPortName(port));
  return invalidEach(path, 0, isValidPortNum(0));
}
