// The errors of kube-openapi's validate package (k8s.io/kube-openapi/pkg/validation/errors) with their exact
// message texts: "<path> in body must be of type integer: \"string\"", "<path> in body should be less than or equal
// to 10"… Each carries the code the API server maps to a field error type, the path it is about ("name") and the
// value involved. Composite errors (anyOf, oneOf, allOf, not) have no path of their own.

import { goText } from '../../api/go-format.ts';

export type OpenApiErrorCode =
  | 'composite'
  | 'invalidType'
  | 'required'
  | 'tooLong'
  | 'tooShort'
  | 'pattern'
  | 'enum'
  | 'multipleOf'
  | 'maximum'
  | 'minimum'
  | 'unique'
  | 'maxItems'
  | 'minItems'
  | 'tooFewProperties'
  | 'tooManyProperties'
  | 'unallowedProperty'
  | 'multipleOfMustBePositive';

export interface OpenApiError {
  code: OpenApiErrorCode;
  /** The path the error is about, e.g. "spec.replicas" ("" for the root); undefined for composite errors. */
  name?: string;
  message: string;
  /** The offending value (the data, or a JSON type name for type errors). */
  value?: unknown;
  /** The limit that was exceeded (maxLength, maxItems, maxProperties). */
  limit?: number;
  /** The allowed values of an enum. */
  values?: unknown[];
}

/** Go's %q of a string. */
function quote(text: string): string {
  return JSON.stringify(text);
}

/** Go's %v of a constraint: an integer for integer data, a float64 otherwise. */
function number(n: number): string {
  return goText(n);
}

function error(code: OpenApiErrorCode, name: string, message: string, extra: Partial<OpenApiError> = {}): OpenApiError {
  return { code, name, message, ...extra };
}

export function invalidType(name: string, typeName: string, value: string): OpenApiError {
  return error('invalidType', name, `${name} in body must be of type ${typeName}: ${quote(value)}`, { value });
}

export function required(name: string): OpenApiError {
  return error('required', name, `${name} in body is required`);
}

export function tooLong(name: string, max: number, value: string): OpenApiError {
  return error('tooLong', name, `${name} in body should be at most ${max} chars long`, { value, limit: max });
}

export function tooShort(name: string, min: number, value: string): OpenApiError {
  return error('tooShort', name, `${name} in body should be at least ${min} chars long`, { value });
}

export function failedPattern(name: string, pattern: string, value: string): OpenApiError {
  return error('pattern', name, `${name} in body should match '${pattern}'`, { value });
}

/** The message prints the values as Go's %v prints a []interface{}; the API server reports the values instead. */
export function enumFail(name: string, value: unknown, values: unknown[]): OpenApiError {
  const printed = values.map((v) => (typeof v === 'string' || typeof v === 'number' ? goText(v) : JSON.stringify(v)));
  return error('enum', name, `${name} in body should be one of [${printed.join(' ')}]`, { value, values });
}

export function notMultipleOf(name: string, factor: number, value: number): OpenApiError {
  return error('multipleOf', name, `${name} in body should be a multiple of ${number(factor)}`, { value });
}

export function multipleOfMustBePositive(name: string, factor: number): OpenApiError {
  return error(
    'multipleOfMustBePositive',
    name,
    `factor MultipleOf declared for ${name} must be positive: ${number(factor)}`,
    { value: factor },
  );
}

export function exceedsMaximum(name: string, max: number, exclusive: boolean, value: number): OpenApiError {
  const text = exclusive ? 'should be less than' : 'should be less than or equal to';
  return error('maximum', name, `${name} in body ${text} ${number(max)}`, { value });
}

export function exceedsMinimum(name: string, min: number, exclusive: boolean, value: number): OpenApiError {
  const text = exclusive ? 'should be greater than' : 'should be greater than or equal to';
  return error('minimum', name, `${name} in body ${text} ${number(min)}`, { value });
}

export function duplicateItems(name: string): OpenApiError {
  return error('unique', name, `${name} in body shouldn't contain duplicates`);
}

export function tooManyItems(name: string, max: number, size: number): OpenApiError {
  return error('maxItems', name, `${name} in body should have at most ${max} items`, { value: size, limit: max });
}

export function tooFewItems(name: string, min: number, size: number): OpenApiError {
  return error('minItems', name, `${name} in body should have at least ${min} items`, { value: size });
}

export function tooFewProperties(name: string, min: number, size: number): OpenApiError {
  return error('tooFewProperties', name, `${name} in body should have at least ${min} properties`, { value: size });
}

export function tooManyProperties(name: string, max: number, size: number): OpenApiError {
  return error('tooManyProperties', name, `${name} in body should have at most ${max} properties`, {
    value: size,
    limit: max,
  });
}

export function propertyNotAllowed(name: string, key: string): OpenApiError {
  return error('unallowedProperty', name, `${name}.${key} in body is a forbidden property`, { value: key });
}

/** anyOf, oneOf, allOf and not failures: the path is quoted inside the message and the error has no name. */
export function composite(message: string): OpenApiError {
  return { code: 'composite', message };
}

export function mustValidateAtLeastOne(path: string): OpenApiError {
  return composite(`${quote(path)} must validate at least one schema (anyOf)`);
}

export function mustValidateOnlyOne(path: string, detail: string): OpenApiError {
  return composite(`${quote(path)} must validate one and only one schema (oneOf). ${detail}`);
}

export function mustValidateAll(path: string, detail: string): OpenApiError {
  return composite(`${quote(path)} must validate all the schemas (allOf)${detail}`);
}

export function mustNotValidate(path: string): OpenApiError {
  return composite(`${quote(path)} must not validate the schema (not)`);
}
