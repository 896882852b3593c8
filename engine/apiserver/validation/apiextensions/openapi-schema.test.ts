import { describe, expect, it } from 'vitest';

import { FieldPath } from '../../errors/field-error.ts';
import type { Json } from '../access.ts';
import { validateOpenAPISchema } from './openapi-schema.ts';

const options = {
  requireValidPropertyType: true,
  requireAtomicSetType: true,
  requireMapListKeysMapSetValidation: true,
};
const root = FieldPath.root('s');
const object = (properties: Json): Json => ({ type: 'object', properties });

describe('validateOpenAPISchema', () => {
  const cases: [string, Json, string[]][] = [
    [
      'accepts a map list with a required key',
      object({
        ports: {
          type: 'array',
          'x-kubernetes-list-type': 'map',
          'x-kubernetes-list-map-keys': ['name'],
          items: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } },
        },
      }),
      [],
    ],
    [
      'rejects an unknown type',
      object({ a: { type: 'date' } }),
      [
        's.properties[a].type: Unsupported value: "date": supported values: "array", "boolean", "integer", "number", "object", "string"',
      ],
    ],
    [
      'rejects the null type',
      object({ a: { type: 'null' } }),
      [
        's.properties[a].type: Unsupported value: "null": supported values: "array", "boolean", "integer", "number", "object", "string"',
        's.properties[a].type: Forbidden: type cannot be set to null, use nullable as an alternative',
      ],
    ],
    [
      'forbids defaults in top-level metadata',
      object({ metadata: { type: 'object', default: {} } }),
      ['s.properties[metadata].default: Forbidden: must not be set in top-level metadata'],
    ],
    [
      'rejects properties alongside restricted additionalProperties',
      object({ m: { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: false } }),
      ['s.properties[m].additionalProperties: Forbidden: additionalProperties and properties are mutual exclusive'],
    ],
    [
      'rejects x-kubernetes-preserve-unknown-fields: false',
      object({ a: { type: 'object', 'x-kubernetes-preserve-unknown-fields': false } }),
      ['s.properties[a].x-kubernetes-preserve-unknown-fields: Invalid value: false: must be true or undefined'],
    ],
    [
      'requires a list type for map keys',
      object({ a: { type: 'array', items: { type: 'string' }, 'x-kubernetes-list-map-keys': ['k'] } }),
      [
        's.properties[a].x-kubernetes-list-type: Required value: must be map if x-kubernetes-list-map-keys is non-empty',
      ],
    ],
    [
      'requires map keys to be required or defaulted',
      object({
        a: {
          type: 'array',
          'x-kubernetes-list-type': 'map',
          'x-kubernetes-list-map-keys': ['k'],
          items: { type: 'object', properties: { k: { type: 'string' } } },
        },
      }),
      [
        's.properties[a].items.properties[k].default: Required value: this property is in x-kubernetes-list-map-keys, so it must have a default or be a required property',
      ],
    ],
    [
      'requires a rule in x-kubernetes-validations',
      object({ a: { type: 'string', 'x-kubernetes-validations': [{ message: 'm' }] } }),
      ['s.properties[a].x-kubernetes-validations[0].rule: Required value: rule is not specified'],
    ],
  ];
  it.each(cases)('%s', (_name, schema, expected) => {
    expect(validateOpenAPISchema(schema, options, root).map(String)).toEqual(expected);
  });
});
