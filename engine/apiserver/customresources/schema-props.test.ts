import { describe, expect, it } from 'vitest';
import { additionalSchema, fieldSchema, ownValue, parseSchemaProps } from './schema-props.ts';

describe('parseSchemaProps', () => {
  it('reads keywords and gives the x-kubernetes extensions short names', () => {
    expect(
      parseSchemaProps({
        type: 'array',
        description: 'Ports.',
        maxItems: 3,
        uniqueItems: false,
        'x-kubernetes-list-type': 'map',
        'x-kubernetes-list-map-keys': ['name'],
        items: { 'x-kubernetes-int-or-string': true },
      }),
    ).toEqual({
      type: 'array',
      description: 'Ports.',
      maxItems: 3,
      uniqueItems: false,
      listType: 'map',
      listMapKeys: ['name'],
      items: { intOrString: true },
    });
  });

  it.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    [
      'leaves out keywords of the wrong JSON type',
      { type: 1, maxLength: '3', required: ['a', 2], nullable: 'yes' },
      {},
    ],
    ['reads a null default as no default', { default: null }, {}],
    ['keeps a falsy default', { default: 0 }, { default: 0 }],
    ['reads both forms of additionalProperties', { additionalProperties: false }, { additionalProperties: false }],
    [
      'reads the flags of embedded resources and preserved fields',
      {
        'x-kubernetes-embedded-resource': true,
        'x-kubernetes-preserve-unknown-fields': true,
        'x-kubernetes-map-type': 'atomic',
      },
      { embeddedResource: true, preserveUnknownFields: true, mapType: 'atomic' },
    ],
  ])('%s', (_name, json, expected) => {
    expect(parseSchemaProps(json)).toEqual(expected);
  });

  it('keeps property names that are also names of Object.prototype', () => {
    const schema = parseSchemaProps(
      JSON.parse('{"properties":{"constructor":{"type":"string"},"__proto__":{"type":"integer"}}}'),
    );
    expect(schema.properties?.get('constructor')).toEqual({ type: 'string' });
    expect(schema.properties?.get('__proto__')).toEqual({ type: 'integer' });
    expect(fieldSchema(schema, 'toString')).toBeUndefined();
  });
});

describe('fieldSchema', () => {
  const schema = parseSchemaProps({ properties: { a: { type: 'string' } }, additionalProperties: { type: 'integer' } });

  it('finds a property first, then the additionalProperties schema', () => {
    expect(fieldSchema(schema, 'a')).toEqual({ type: 'string' });
    expect(fieldSchema(schema, 'b')).toEqual({ type: 'integer' });
    expect(additionalSchema(parseSchemaProps({ additionalProperties: true }))).toBeUndefined();
  });
});

describe('ownValue', () => {
  it('never reads what an object inherits', () => {
    expect(ownValue({}, 'constructor')).toBeUndefined();
    expect(ownValue({ constructor: 1 }, 'constructor')).toBe(1);
  });
});
