// Tests of turning swagger definitions into schema-table definitions.

import { describe, expect, it } from 'vitest';
import { definitionsFromSwagger, fieldFromSwagger } from './swagger-definitions.ts';

describe('fieldFromSwagger', () => {
  it('keeps the type, $ref and list/patch annotations, and drops the description', () => {
    expect(
      fieldFromSwagger({
        type: 'array',
        items: { $ref: '#/definitions/io.k8s.api.core.v1.Container' },
        'x-kubernetes-patch-strategy': 'merge',
        'x-kubernetes-patch-merge-key': 'name',
        'x-kubernetes-list-type': 'map',
        'x-kubernetes-list-map-keys': ['name'],
        ...{ description: 'upstream text' },
      }),
    ).toEqual({
      type: 'array',
      items: { ref: 'io.k8s.api.core.v1.Container' },
      patchStrategy: 'merge',
      patchMergeKey: 'name',
      listType: 'map',
      listMapKeys: ['name'],
    });
  });

  it('reads maps through additionalProperties', () => {
    expect(fieldFromSwagger({ type: 'object', additionalProperties: { type: 'string', format: 'byte' } })).toEqual({
      type: 'object',
      additionalProperties: { type: 'string', format: 'byte' },
    });
  });

  it('refuses a format the table does not know', () => {
    expect(() => fieldFromSwagger({ type: 'string', format: 'uuid' })).toThrow('unexpected swagger format uuid');
  });
});

describe('definitionsFromSwagger', () => {
  it('sorts definitions and properties, keeps gvk and required, and renames named scalar formats', () => {
    const definitions = definitionsFromSwagger({
      definitions: {
        'io.k8s.apimachinery.pkg.api.resource.Quantity': { type: 'string' },
        'x.Thing': {
          type: 'object',
          required: ['b'],
          properties: { b: { type: 'string' }, a: { type: 'integer', format: 'int32' } },
          'x-kubernetes-group-version-kind': [{ group: 'x', version: 'v1', kind: 'Thing' }],
          'x-kubernetes-map-type': 'atomic',
        },
      },
    });
    expect(Object.keys(definitions)).toEqual(['io.k8s.apimachinery.pkg.api.resource.Quantity', 'x.Thing']);
    expect(definitions['io.k8s.apimachinery.pkg.api.resource.Quantity']).toEqual({
      type: 'string',
      format: 'quantity',
    });
    expect(definitions['x.Thing']).toEqual({
      type: 'object',
      properties: { a: { type: 'integer', format: 'int32' }, b: { type: 'string' } },
      required: ['b'],
      gvk: [{ group: 'x', version: 'v1', kind: 'Thing' }],
      mapType: 'atomic',
    });
    expect(Object.keys(definitions['x.Thing']?.properties ?? {})).toEqual(['a', 'b']);
  });
});
