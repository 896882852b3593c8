import { describe, expect, it } from 'vitest';
import { FieldPath } from '../errors/field-error.ts';
import * as errors from './openapi-errors.ts';
import { Result, errorResult, toFieldErrors } from './validation-result.ts';

describe('Result', () => {
  it('keeps one error per message and adds up match counts', () => {
    const a = errorResult(errors.required('spec.a'));
    a.inc();
    const b = errorResult(errors.required('spec.a'));
    b.inc();
    b.inc();
    const merged = new Result().merge(a, undefined, b);
    expect(merged.errors).toHaveLength(1);
    expect(merged.matchCount).toBe(3);
    expect(merged.withoutErrors()).toMatchObject({ errors: [], matchCount: 3 });
  });
});

describe('toFieldErrors', () => {
  it.each<[string, errors.OpenApiError, FieldPath | undefined, string]>([
    ['a required field', errors.required('.spec'), undefined, 'spec: Required value'],
    [
      'an enum failure',
      errors.enumFail('spec.x', 3, ['a', 1, { b: 2 }]),
      undefined,
      'spec.x: Unsupported value: 3: supported values: "a", "1", "{\\"b\\":2}"',
    ],
    [
      'an enum failure of null',
      errors.enumFail('spec.x', null, ['a']),
      undefined,
      'spec.x: Unsupported value: "null": supported values: "a"',
    ],
    [
      'a string too long',
      errors.tooLong('spec.x', 2, 'abc'),
      undefined,
      'spec.x: Too long: may not be more than 2 bytes',
    ],
    [
      'too many items',
      errors.tooManyItems('spec.x', 1, 3),
      undefined,
      'spec.x: Too many: 3: must have at most 1 items',
    ],
    [
      'a type error',
      errors.invalidType('spec.x', 'integer', 'string'),
      undefined,
      'spec.x: Invalid value: "string": spec.x in body must be of type integer: "string"',
    ],
    [
      'a composite error',
      errors.mustNotValidate('spec.x'),
      undefined,
      '<nil>: Invalid value: "": "spec.x" must not validate the schema (not)',
    ],
    [
      'a composite error under a base path',
      errors.mustNotValidate('x'),
      FieldPath.root('status'),
      'status: Invalid value: "": "x" must not validate the schema (not)',
    ],
    [
      'an error of the root',
      errors.invalidType('', 'object', 'array'),
      undefined,
      '<nil>: Invalid value: "array":  in body must be of type object: "array"',
    ],
    [
      'an error under a base path',
      errors.exceedsMaximum('replicas', 3, false, 4),
      FieldPath.root('status'),
      'status.replicas: Invalid value: 4: replicas in body should be less than or equal to 3',
    ],
    [
      'an error without a value',
      errors.duplicateItems('spec.x'),
      undefined,
      'spec.x: Invalid value: "": spec.x in body shouldn\'t contain duplicates',
    ],
  ])('translates %s', (_name, error, base, expected) => {
    const [fieldError] = toFieldErrors(errorResult(error), base);
    expect(String(fieldError)).toBe(expected);
  });

  it('marks type errors with their own error type', () => {
    expect(toFieldErrors(errorResult(errors.invalidType('x', 'string', 'integer')))[0]?.type).toBe(
      'FieldValueTypeInvalid',
    );
  });
});
