// Field errors, as k8s.io/apimachinery/pkg/util/validation/field reports them: a path like
// `spec.containers[0].image`, an error type, and the message texts kubectl users know.

import { goSyntax } from '../../api/go-format.ts';

export type FieldErrorType =
  | 'FieldValueRequired'
  | 'FieldValueInvalid'
  | 'FieldValueNotSupported'
  | 'FieldValueDuplicate'
  | 'FieldValueForbidden'
  | 'FieldValueTooLong'
  | 'FieldValueTooMany'
  | 'FieldValueNotFound'
  | 'InternalError'
  | 'FieldValueTypeInvalid';

const TYPE_TEXT: Record<FieldErrorType, string> = {
  FieldValueRequired: 'Required value',
  FieldValueInvalid: 'Invalid value',
  FieldValueNotSupported: 'Unsupported value',
  FieldValueDuplicate: 'Duplicate value',
  FieldValueForbidden: 'Forbidden',
  FieldValueTooLong: 'Too long',
  FieldValueTooMany: 'Too many',
  FieldValueNotFound: 'Not found',
  InternalError: 'Internal error',
  FieldValueTypeInvalid: 'Invalid value',
};

/** A path to a field: `FieldPath.root('spec').child('containers').index(0).child('image')`. */
export class FieldPath {
  private constructor(private readonly text: string) {}

  static root(name: string): FieldPath {
    return new FieldPath(name);
  }

  child(name: string, ...more: string[]): FieldPath {
    let text = this.text ? `${this.text}.${name}` : name;
    for (const m of more) text += `.${m}`;
    return new FieldPath(text);
  }

  index(i: number): FieldPath {
    return new FieldPath(`${this.text}[${i}]`);
  }

  key(k: string): FieldPath {
    return new FieldPath(`${this.text}[${k}]`);
  }

  toString(): string {
    return this.text;
  }
}

/**
 * How a bad value prints in a message, as field.Error does: strings quoted, numbers and booleans bare, values with
 * their own String() (quantities) unquoted, lists and maps as Go composite literals (`[]string{"a"}`), nil as `"null"`.
 */
function formatValue(value: unknown): string {
  if (value === null || value === undefined) return '"null"';
  return goSyntax(value);
}

export class FieldError {
  constructor(
    readonly type: FieldErrorType,
    readonly field: string,
    readonly badValue: unknown,
    readonly detail: string,
    /** Omit the bad value from the message (required, forbidden, too long…). */
    private readonly omitValue: boolean,
  ) {}

  /** The message without the field path: `Invalid value: "Foo": a lowercase RFC 1123 …`. */
  errorBody(): string {
    let s = TYPE_TEXT[this.type];
    if (!this.omitValue) s += `: ${formatValue(this.badValue)}`;
    if (this.detail) s += `: ${this.detail}`;
    return s;
  }

  toString(): string {
    return this.field ? `${this.field}: ${this.errorBody()}` : this.errorBody();
  }
}

export function required(path: FieldPath, detail = ''): FieldError {
  return new FieldError('FieldValueRequired', path.toString(), '', detail, true);
}

export function invalidValue(path: FieldPath, value: unknown, detail: string): FieldError {
  return new FieldError('FieldValueInvalid', path.toString(), value, detail, false);
}

export function notSupported(path: FieldPath, value: unknown, supported: readonly string[]): FieldError {
  const detail = supported.length ? `supported values: ${supported.map((s) => JSON.stringify(s)).join(', ')}` : '';
  return new FieldError('FieldValueNotSupported', path.toString(), value, detail, false);
}

export function duplicate(path: FieldPath, value: unknown): FieldError {
  return new FieldError('FieldValueDuplicate', path.toString(), value, '', false);
}

export function forbiddenField(path: FieldPath, detail: string): FieldError {
  return new FieldError('FieldValueForbidden', path.toString(), '', detail, true);
}

export function tooLong(path: FieldPath, maxLength: number): FieldError {
  return new FieldError('FieldValueTooLong', path.toString(), '', `may not be more than ${maxLength} bytes`, true);
}

export function tooMany(path: FieldPath, actual: number, max: number): FieldError {
  return new FieldError('FieldValueTooMany', path.toString(), actual, `must have at most ${max} items`, true);
}

export function notFoundField(path: FieldPath, value: unknown): FieldError {
  return new FieldError('FieldValueNotFound', path.toString(), value, '', false);
}

export function typeInvalid(path: FieldPath, value: unknown, detail: string): FieldError {
  return new FieldError('FieldValueTypeInvalid', path.toString(), value, detail, false);
}
