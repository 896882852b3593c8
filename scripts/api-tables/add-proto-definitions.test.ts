// Tests of completing the swagger definitions with what only the .proto files have.

import { describe, expect, it } from 'vitest';
import type { ProtoTable } from '../../engine/apiserver/protobuf/proto-table.ts';
import { addProtoDefinitions } from './add-proto-definitions.ts';
import type { ParsedMessage } from './load-protos.ts';

const table: ProtoTable = {
  messages: {
    'k8s.io.api.x.v1.Spec': {
      fields: [
        { tag: 1, name: 'replicas', type: 'int32' },
        { tag: 2, name: 'resources', type: 'k8s.io.api.x.v1.Review' },
      ],
    },
    'k8s.io.api.x.v1.Review': {
      fields: [
        { tag: 1, name: 'uid', type: 'string' },
        { tag: 2, name: 'source', type: 'k8s.io.api.x.v1.Source', inline: true },
      ],
    },
    'k8s.io.api.x.v1.Source': { fields: [{ tag: 1, name: 'path', type: 'string' }] },
  },
};

const parsed: ParsedMessage[] = [
  {
    fullName: 'k8s.io.api.x.v1.Review',
    comment: '',
    fields: [{ name: 'uid', tag: 1, type: 'string', repeated: false, comment: '+listType=atomic' }],
  },
];

describe('addProtoDefinitions', () => {
  const definitions = addProtoDefinitions(
    { 'io.k8s.api.x.v1.Spec': { type: 'object', properties: { replicas: { type: 'integer', format: 'int32' } } } },
    parsed,
    table,
  );

  it('adds a field the swagger definition lacks', () => {
    expect(definitions['io.k8s.api.x.v1.Spec']?.properties?.resources).toEqual({ ref: 'io.k8s.api.x.v1.Review' });
  });

  it('adds a message the swagger document lacks, with its inline fields expanded and its markers read', () => {
    expect(definitions['io.k8s.api.x.v1.Review']).toEqual({
      type: 'object',
      properties: { path: { type: 'string' }, uid: { type: 'string', listType: 'atomic' } },
    });
  });

  it('gives no definition to a type only ever embedded inline', () => {
    expect(definitions['io.k8s.api.x.v1.Source']).toBeUndefined();
  });

  it('refuses a $ref to a definition the table does not have', () => {
    // B is embedded inline in C, so it gets no definition; A refers to it as a plain field.
    const broken: ProtoTable = {
      messages: {
        'k8s.io.api.x.v1.A': { fields: [{ tag: 1, name: 'b', type: 'k8s.io.api.x.v1.B' }] },
        'k8s.io.api.x.v1.B': { fields: [] },
        'k8s.io.api.x.v1.C': { fields: [{ tag: 1, name: 'b', type: 'k8s.io.api.x.v1.B', inline: true }] },
      },
    };
    expect(() => addProtoDefinitions({}, [], broken)).toThrow('refers to missing definition io.k8s.api.x.v1.B');
  });
});
