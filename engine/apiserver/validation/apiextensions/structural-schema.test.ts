import { describe, expect, it } from 'vitest';

import { FieldPath } from '../../errors/field-error.ts';
import type { Json } from '../access.ts';
import { validateStructural } from './structural-schema.ts';

const root = FieldPath.root('schema');

describe('validateStructural', () => {
  const cases: [string, Json, string[]][] = [
    [
      'accepts a typed object tree',
      { type: 'object', properties: { spec: { type: 'object', properties: { n: { type: 'integer' } } } } },
      [],
    ],
    ['requires a type at the root', { properties: {} }, ['schema.type: Required value: must not be empty at the root']],
    [
      'requires items for arrays and types for items',
      { type: 'object', properties: { a: { type: 'array' }, b: { type: 'array', items: {} } } },
      [
        'schema.properties[a].items: Required value: must be specified',
        'schema.properties[b].items.type: Required value: must not be empty for specified array items',
      ],
    ],
    [
      'forbids additionalProperties at the root',
      { type: 'object', additionalProperties: { type: 'string' } },
      ['schema.additionalProperties: Forbidden: must not be used at the root'],
    ],
    [
      'requires kind to be a string at the root',
      { type: 'object', properties: { kind: { type: 'integer' } } },
      ['schema.properties[kind].type: Invalid value: "integer": must be string'],
    ],
    [
      'requires properties of an embedded resource that does not preserve unknown fields',
      { type: 'object', properties: { t: { type: 'object', 'x-kubernetes-embedded-resource': true } } },
      [
        'schema.properties[t].properties: Required value: must not be empty if x-kubernetes-embedded-resource is true without x-kubernetes-preserve-unknown-fields',
      ],
    ],
    [
      'forbids int-or-string together with preserve-unknown-fields',
      {
        type: 'object',
        properties: { p: { 'x-kubernetes-int-or-string': true, 'x-kubernetes-preserve-unknown-fields': true } },
      },
      [
        'schema.properties[p].x-kubernetes-preserve-unknown-fields: Invalid value: true: must be false if x-kubernetes-int-or-string is true',
      ],
    ],
    [
      'sorts errors by their text, as upstream does',
      { type: 'object', properties: { z: {}, a: { anyOf: [{ description: 'x' }] } } },
      [
        'schema.properties[a].anyOf[0].description: Forbidden: must be empty to be structural',
        'schema.properties[a].type: Required value: must not be empty for specified object fields',
        'schema.properties[z].type: Required value: must not be empty for specified object fields',
      ],
    ],
  ];
  it.each(cases)('%s', (_name, schema, expected) => {
    expect(validateStructural(schema, root).map(String)).toEqual(expected);
  });
});
