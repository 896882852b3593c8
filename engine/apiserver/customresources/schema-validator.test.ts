import { describe, expect, it } from 'vitest';
import { Correlation } from './ratcheting.ts';
import { parseSchemaProps } from './schema-props.ts';
import { validateAgainstSchema } from './schema-validator.ts';

function messages(schema: Record<string, unknown>, value: unknown, old?: unknown): string[] {
  const s = parseSchemaProps(schema);
  const correlation = old === undefined ? undefined : new Correlation(value, old, s);
  return validateAgainstSchema(s, value, correlation).errors.map((e) => e.message);
}

describe('validateAgainstSchema', () => {
  it('names nested values by their path', () => {
    const schema = {
      type: 'object',
      properties: {
        spec: {
          type: 'object',
          properties: { list: { type: 'array', items: { type: 'object', additionalProperties: { type: 'integer' } } } },
        },
      },
    };
    expect(messages(schema, { spec: { list: [{ a: 1 }, { b: 'x' }] } })).toEqual([
      'spec.list[1].b in body must be of type integer: "string"',
    ]);
  });

  it('explains an anyOf failure with the branch that matched best', () => {
    const schema = { anyOf: [{ type: 'integer' }, { type: 'string', maxLength: 2 }] };
    expect(messages(schema, 'abc')).toEqual([
      '"" must validate at least one schema (anyOf)',
      ' in body should be at most 2 chars long',
    ]);
  });

  it('explains a oneOf with no valid branch', () => {
    expect(messages({ oneOf: [{ type: 'integer' }, { type: 'boolean' }] }, 'x')).toEqual([
      '"" must validate one and only one schema (oneOf). Found none valid',
      ' in body must be of type integer: "string"',
    ]);
  });

  it('checks only the type and enum of a null', () => {
    expect(messages({ type: 'string', nullable: true, minLength: 2, enum: ['ab'] }, null)).toEqual([
      ' in body should be one of [ab]',
    ]);
  });

  it('does not correlate apiVersion and kind of the whole object on update', () => {
    const schema = {
      type: 'object',
      properties: { kind: { type: 'string', enum: ['A'] }, other: { type: 'string', enum: ['A'] } },
    };
    const obj = { kind: 'B', other: 'B', extra: 1 };
    expect(messages(schema, obj, { kind: 'B', other: 'B', extra: 2 })).toEqual(['kind in body should be one of [A]']);
  });

  it('ratchets inside allOf branches through the node that holds them', () => {
    const schema = {
      type: 'object',
      properties: { a: { type: 'integer' }, b: { type: 'integer' } },
      allOf: [{ properties: { a: { maximum: 1 }, b: { maximum: 1 } } }],
    };
    expect(messages(schema, { a: 5, b: 5 }, { a: 5, b: 4 })).toEqual([
      'b in body should be less than or equal to 1',
      '"" must validate all the schemas (allOf). None validated',
    ]);
  });
});
