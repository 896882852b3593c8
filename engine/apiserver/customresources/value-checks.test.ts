import { describe, expect, it } from 'vitest';
import { parseSchemaProps } from './schema-props.ts';
import { checkEnum, checkNumber, checkType, isJsonInteger, kindOf } from './value-checks.ts';
import type { Result } from './validation-result.ts';

function messages(result: Result | undefined): string[] {
  return result?.errors.map((e) => e.message) ?? [];
}

describe('kindOf', () => {
  it.each<[unknown, string]>([
    [null, 'null'],
    [true, 'boolean'],
    ['x', 'string'],
    [3, 'int'],
    [3.5, 'float'],
    [[], 'array'],
    [{}, 'object'],
  ])('reads %j as %s', (value, kind) => {
    expect(kindOf(value)).toBe(kind);
  });
});

describe('isJsonInteger', () => {
  it.each<[number, boolean]>([
    [3, true],
    [3.5, false],
    [2.0000000001, true],
    [0.5, false],
    [-2.5, false],
    [2 ** 60, false],
    [Number.NaN, false],
  ])('judges %d: %s', (value, expected) => {
    expect(isJsonInteger(value)).toBe(expected);
  });
});

describe('checkType', () => {
  it.each<[string, Record<string, unknown>, unknown, string[]]>([
    ['accepts a value of the type', { type: 'string' }, 'x', []],
    ['lets an int through as a number', { type: 'number' }, 4, []],
    ['lets a near-integral float through as an integer', { type: 'integer' }, 2.0000000001, []],
    [
      'names the format for a non-string value of a formatted string',
      { type: 'string', format: 'date-time' },
      5,
      ['spec.a in body must be of type date-time: "int64"'],
    ],
    ['leaves an array of a formatted string to the format', { type: 'string', format: 'byte' }, ['x'], []],
    [
      'ignores a format the server does not support',
      { type: 'integer', format: 'int32' },
      'x',
      ['spec.a in body must be of type integer: "string"'],
    ],
  ])('%s', (_name, schema, value, expected) => {
    expect(messages(checkType(parseSchemaProps(schema), 'spec.a', value))).toEqual(expected);
  });
});

describe('checkNumber', () => {
  it.each<[string, Record<string, unknown>, number, string[]]>([
    ['compares an integer with a truncated minimum', { minimum: 1.9 }, 1, []],
    [
      'compares a float with the exact minimum',
      { minimum: 1.9 },
      1.5,
      ['spec.a in body should be greater than or equal to 1.9'],
    ],
    [
      'truncates a fractional multipleOf for integers, as Go does',
      { multipleOf: 0.5 },
      3,
      ['factor MultipleOf declared for spec.a must be positive: 0'],
    ],
    [
      'reports multipleOf, minimum and maximum together',
      { multipleOf: 2, minimum: 10, maximum: 0 },
      5,
      [
        'spec.a in body should be a multiple of 2',
        'spec.a in body should be greater than or equal to 10',
        'spec.a in body should be less than or equal to 0',
      ],
    ],
  ])('%s', (_name, schema, value, expected) => {
    expect(messages(checkNumber(parseSchemaProps(schema), 'spec.a', value))).toEqual(expected);
  });
});

describe('checkEnum', () => {
  it.each<[string, unknown[], unknown, boolean]>([
    ['matches a string', ['a', 'b'], 'b', true],
    ['matches a number', [1, 2.5], 2.5, true],
    ['matches an object by value', [{ a: [1] }], { a: [1] }, true],
    ['converts an integer to a one-rune string, as Go does', ['A'], 65, true],
    ['never matches null', [null], null, false],
    ['does not match a string against a number', [1], '1', false],
  ])('%s', (_name, values, value, matches) => {
    expect(checkEnum(parseSchemaProps({ enum: values }), 'spec.a', value) === undefined).toBe(matches);
  });
});
