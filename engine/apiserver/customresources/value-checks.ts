// The checks kube-openapi makes on one value, without looking inside it: its JSON type (with nullable and the
// int-or-string pair), string length, pattern and format, numeric bounds and multipleOf, and enum. Numbers behave as
// they do in an unstructured Go object: integers are int64 and compare with truncated limits, the rest float64.

import { deepEqual } from '../../api/json.ts';
import { compileGoRegexp } from './go-regexp.ts';
import * as errors from './openapi-errors.ts';
import type { JSONSchemaProps } from './schema-props.ts';
import { matchesFormat, supportedFormat } from './string-formats.ts';
import { Result, errorResult } from './validation-result.ts';

/** What kind of Go value a decoded JSON value is. */
export type ValueKind = 'null' | 'boolean' | 'string' | 'int' | 'float' | 'array' | 'object';

const MAX_JSON_INTEGER = 2 ** 53 - 1;

export function kindOf(value: unknown): ValueKind {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'array';
  switch (typeof value) {
    case 'boolean':
      return 'boolean';
    case 'string':
      return 'string';
    case 'number':
      return Number.isInteger(value) ? 'int' : 'float';
    default:
      return 'object';
  }
}

/** The JSON schema type and format Go infers for a value (typeValidator.schemaInfoForType). */
function schemaInfo(kind: ValueKind): [type: string, format: string] {
  switch (kind) {
    case 'int':
      return ['integer', 'int64'];
    case 'float':
      return ['number', 'float64'];
    case 'array':
      return ['array', ''];
    case 'object':
      return ['object', ''];
    default:
      return [kind, ''];
  }
}

/** swag.IsFloat64AJSONInteger: integral, or within a relative 1e-9 of the integer below it. */
export function isJsonInteger(f: number): boolean {
  if (!Number.isFinite(f) || Math.abs(f) > MAX_JSON_INTEGER) return false;
  if (Number.isInteger(f)) return true;
  const g = Math.trunc(f);
  if (f < 0 || g === 0) return false;
  return Math.abs(f - g) / (Math.abs(f) + g) < 1e-9;
}

/** The types the schema allows: x-kubernetes-int-or-string is integer or string. */
export function typesOf(s: JSONSchemaProps): string[] {
  if (s.intOrString) return ['integer', 'string'];
  return s.type ? [s.type] : [];
}

/** The format the validator sees: formats the server does not support are dropped. */
export function formatOf(s: JSONSchemaProps): string {
  return supportedFormat(s.format);
}

/** typeValidator: whether the value has one of the schema's types (or fits its format). */
export function checkType(s: JSONSchemaProps, path: string, value: unknown): Result {
  const result = new Result();
  result.inc();
  const types = typesOf(s);
  const format = formatOf(s);
  const kind = kindOf(value);
  if (kind === 'null') {
    if (types.length > 0 && !types.includes('null') && !s.nullable) {
      return errorResult(errors.invalidType(path, types.join(','), 'null'));
    }
    return result;
  }
  const [schemaType, valueFormat] = schemaInfo(kind);
  const isFloatInt = schemaType === 'number' && isJsonInteger(value as number) && types.includes('integer');
  const isIntFloat = schemaType === 'integer' && types.includes('number');
  const fits = types.includes(schemaType) || isFloatInt || isIntFloat;
  const textual = kind === 'string' || kind === 'array';
  if (!textual && format !== '' && !(fits || valueFormat === format)) {
    return errorResult(errors.invalidType(path, format, valueFormat));
  }
  if (!types.includes('number') && !types.includes('integer') && format !== '' && textual) return result;
  if (!fits) return errorResult(errors.invalidType(path, types.join(','), schemaType));
  return result;
}

/** stringValidator: maxLength, then minLength, then pattern; the first failure only. */
export function checkString(s: JSONSchemaProps, path: string, value: string): Result | undefined {
  const length = [...value].length;
  if (s.maxLength !== undefined && length > s.maxLength) return errorResult(errors.tooLong(path, s.maxLength, value));
  if (s.minLength !== undefined && length < s.minLength) return errorResult(errors.tooShort(path, s.minLength, value));
  if (s.pattern) {
    let regexp: RegExp;
    try {
      regexp = compileGoRegexp(s.pattern);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return errorResult(errors.failedPattern(path, `${s.pattern}, but pattern is invalid: ${reason}`, value));
    }
    if (!regexp.test(value)) return errorResult(errors.failedPattern(path, s.pattern, value));
  }
  return undefined;
}

/** formatValidator: a string in a supported format must be valid in it. */
export function checkFormat(s: JSONSchemaProps, path: string, value: string): Result | undefined {
  const format = formatOf(s);
  return matchesFormat(format, value) ? undefined : errorResult(errors.invalidType(path, format, value));
}

function checkMultipleOf(
  path: string,
  value: number,
  factor: number,
  integral: boolean,
): errors.OpenApiError | undefined {
  if (integral) {
    const f = Math.trunc(factor);
    if (f <= 0) return errors.multipleOfMustBePositive(path, f);
    return Math.trunc(value / f) * f === value ? undefined : errors.notMultipleOf(path, f, value);
  }
  if (factor <= 0) return errors.multipleOfMustBePositive(path, factor);
  const quotient = factor < 1 ? (1 / factor) * value : value / factor;
  return isJsonInteger(quotient) ? undefined : errors.notMultipleOf(path, factor, value);
}

/** numberValidator: multipleOf, minimum and maximum; integers compare with limits truncated to int64. */
export function checkNumber(s: JSONSchemaProps, path: string, value: number): Result {
  const integral = kindOf(value) === 'int';
  const limit = (n: number): number => (integral ? Math.trunc(n) : n);
  const result = new Result();
  if (s.multipleOf !== undefined) {
    const error = checkMultipleOf(path, value, s.multipleOf, integral);
    if (error) result.addErrors(error);
  }
  if (s.minimum !== undefined) {
    const min = limit(s.minimum);
    if (s.exclusiveMinimum ? value <= min : value < min) {
      result.addErrors(errors.exceedsMinimum(path, min, s.exclusiveMinimum === true, value));
    }
  }
  if (s.maximum !== undefined) {
    const max = limit(s.maximum);
    if (s.exclusiveMaximum ? value >= max : value > max) {
      result.addErrors(errors.exceedsMaximum(path, max, s.exclusiveMaximum === true, value));
    }
  }
  result.inc();
  return result;
}

/** Whether a value equals an enum value once converted to its Go type (an int converts to a one-rune string). */
function enumMatches(value: unknown, allowed: unknown): boolean {
  const kind = kindOf(value);
  if (kind === 'null' || allowed === null || allowed === undefined) return false;
  if (typeof allowed === 'string' && kind === 'int') {
    const code = value as number;
    return allowed === (code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '\uFFFD');
  }
  if (typeof allowed !== typeof value || Array.isArray(allowed) !== Array.isArray(value)) return false;
  return deepEqual(value, allowed);
}

/** basicCommonValidator: the value must be one of the enum's values. */
export function checkEnum(s: JSONSchemaProps, path: string, value: unknown): Result | undefined {
  if (!s.enum?.length) return undefined;
  if (s.enum.some((allowed) => enumMatches(value, allowed))) return undefined;
  return errorResult(errors.enumFail(path, value, s.enum));
}
