// Resource quantities in validation: parsing a field's value into a Quantity (an invalid one is reported at its
// path), non-negative and whole-number checks, and ResourceList validation with a name rule per context.

import { Quantity, QuantityError } from '../../../api/quantity.ts';
import { invalidValue } from '../../errors/field-error.ts';
import type { FieldError, FieldPath } from '../../errors/field-error.ts';
import { record, sortedKeys } from '../access.ts';
import { IS_NEGATIVE_ERROR_MSG, IS_NOT_INTEGER_ERROR_MSG, IS_NOT_POSITIVE_ERROR_MSG } from '../messages.ts';
import { isIntegerResourceName } from './resource-names.ts';

/** A quantity as JSON carries it: a string, or a bare number. */
function quantityText(value: unknown): string {
  return typeof value === 'number' ? String(value) : typeof value === 'string' ? value : '';
}

/**
 * Parses a quantity field. An unparsable one is an error at its path (upstream refuses it while decoding the
 * request, with the same message).
 */
export function parseQuantity(value: unknown, path: FieldPath, errs: FieldError[]): Quantity | undefined {
  const text = quantityText(value);
  try {
    return Quantity.parse(text);
  } catch (error) {
    if (!(error instanceof QuantityError)) throw error;
    errs.push(invalidValue(path, text, error.message));
    return undefined;
  }
}

/** A quantity that cannot be parsed is treated as absent (callers report parse errors separately). */
export function tryQuantity(value: unknown): Quantity | undefined {
  const text = quantityText(value);
  // Absent is the usual case (a pod without requests or limits): no parse error to make and throw away.
  if (text === '') return undefined;
  try {
    return Quantity.parse(text);
  } catch {
    return undefined;
  }
}

export const ZERO_QUANTITY = Quantity.parse('0');

export function validateNonnegativeQuantity(q: Quantity, path: FieldPath): FieldError[] {
  return q.cmp(ZERO_QUANTITY) < 0 ? [invalidValue(path, q.toString(), IS_NEGATIVE_ERROR_MSG)] : [];
}

export function validatePositiveQuantity(q: Quantity, path: FieldPath): FieldError[] {
  return q.cmp(ZERO_QUANTITY) <= 0 ? [invalidValue(path, q.toString(), IS_NOT_POSITIVE_ERROR_MSG)] : [];
}

/** Non-negative, and a whole number for countable resources (pods, services, extended resources…). */
export function validateResourceQuantityValue(resource: string, q: Quantity, path: FieldPath): FieldError[] {
  const errs = validateNonnegativeQuantity(q, path);
  if (isIntegerResourceName(resource) && q.milliValue() % 1000 !== 0) {
    // Upstream reports the Quantity itself here (printed through its String method).
    errs.push(invalidValue(path, q, IS_NOT_INTEGER_ERROR_MSG));
  }
  return errs;
}

/** Parses every entry of a ResourceList, reporting unparsable ones; returns the parsed entries by name. */
export function parseResourceList(list: unknown, path: FieldPath, errs: FieldError[]): Map<string, Quantity> {
  const parsed = new Map<string, Quantity>();
  const map = record(list) ?? {};
  for (const name of sortedKeys(list)) {
    const q = parseQuantity(map[name], path.key(name), errs);
    if (q) parsed.set(name, q);
  }
  return parsed;
}

/** A ResourceList whose names follow `nameRule` and whose values are valid quantities for their resource. */
export function validateResourceList(
  list: unknown,
  path: FieldPath,
  nameRule: (name: string, path: FieldPath) => FieldError[],
): FieldError[] {
  const errs: FieldError[] = [];
  for (const [name, q] of parseResourceList(list, path, errs)) {
    errs.push(...nameRule(name, path.key(name)));
    errs.push(...validateResourceQuantityValue(name, q, path.key(name)));
  }
  return errs;
}
