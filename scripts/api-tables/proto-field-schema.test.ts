// Tests of typing proto-only fields from their protobuf type and comment markers.

import { describe, expect, it } from 'vitest';
import type { ProtoTable } from '../../engine/apiserver/protobuf/proto-table.ts';
import { fieldSchemaFromProto } from './proto-field-schema.ts';

const table: ProtoTable = {
  messages: {
    'k8s.io.api.x.v1.Item': { fields: [] },
    'k8s.io.api.x.v1.ExtraValue': { encoding: 'string-list', fields: [] },
  },
};

describe('fieldSchemaFromProto', () => {
  it.each([
    ['a string', { tag: 1, name: 'a', type: 'string' }, { type: 'string' }],
    ['an int64', { tag: 1, name: 'a', type: 'int64' }, { type: 'integer', format: 'int64' }],
    ['bytes', { tag: 1, name: 'a', type: 'bytes' }, { type: 'string', format: 'byte' }],
    ['a message', { tag: 1, name: 'a', type: 'k8s.io.api.x.v1.Item' }, { ref: 'io.k8s.api.x.v1.Item' }],
    [
      'a string-list wrapper',
      { tag: 1, name: 'a', type: 'k8s.io.api.x.v1.ExtraValue' },
      { type: 'array', items: { type: 'string' } },
    ],
    [
      'a repeated bool',
      { tag: 1, name: 'a', type: 'bool', repeated: true as const },
      { type: 'array', items: { type: 'boolean' } },
    ],
    [
      'a map',
      { tag: 1, name: 'a', type: 'string', map: { key: 'string', value: 'string' } },
      { type: 'object', additionalProperties: { type: 'string' } },
    ],
  ])('types %s', (_name, field, expected) => {
    expect(fieldSchemaFromProto(field, '', table)).toEqual(expected);
  });

  it('reads list, map and patch markers from the comment', () => {
    const comment =
      'Items.\n+optional\n+patchMergeKey=name\n+patchStrategy=merge\n+listType=map\n+listMapKey=name\n+listMapKey=port';
    expect(
      fieldSchemaFromProto({ tag: 1, name: 'items', type: 'k8s.io.api.x.v1.Item', repeated: true }, comment, table),
    ).toEqual({
      type: 'array',
      items: { ref: 'io.k8s.api.x.v1.Item' },
      patchStrategy: 'merge',
      patchMergeKey: 'name',
      listType: 'map',
      listMapKeys: ['name', 'port'],
    });
  });

  it('refuses a type it does not know', () => {
    expect(() => fieldSchemaFromProto({ tag: 1, name: 'a', type: 'k8s.io.api.x.v1.Nope' }, '', table)).toThrow(
      'unknown protobuf type',
    );
  });
});
