// IntOrString values that count pods (maxSurge, maxUnavailable): a non-negative integer or a percentage.

import { invalidValue } from '../errors/field-error.ts';
import type { FieldError, FieldPath } from '../errors/field-error.ts';
import { isValidPercent } from './formats.ts';
import { invalidEach, validateNonnegative } from './generic.ts';

export function validatePositiveIntOrPercent(value: unknown, path: FieldPath): FieldError[] {
  if (typeof value === 'string') return invalidEach(path, value, isValidPercent(value));
  if (typeof value === 'number') return validateNonnegative(value, path);
  return [invalidValue(path, value ?? null, "must be an integer or percentage (e.g '5%%')")];
}

/** The number a value stands for (a percentage's number, 0 for anything unreadable). */
export function intOrPercentValue(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && isValidPercent(value).length === 0) return Number(value.slice(0, -1));
  return 0;
}

export function validateNotMoreThan100Percent(value: unknown, path: FieldPath): FieldError[] {
  if (typeof value !== 'string' || isValidPercent(value).length > 0) return [];
  return Number(value.slice(0, -1)) > 100 ? [invalidValue(path, value, 'must not be greater than 100%')] : [];
}
