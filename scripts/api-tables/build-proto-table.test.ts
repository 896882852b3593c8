// Tests of building the protobuf descriptor table: JSON names, inline fields and hand-marshalled encodings.

import { describe, expect, it } from 'vitest';
import type { DefinitionSchema } from '../../engine/api/schema-table.ts';
import { buildProtoTable, encodingOf, linkDefinitions } from './build-proto-table.ts';
import type { ParsedField, ParsedMessage } from './load-protos.ts';

const field = (name: string, tag: number, type: string, more: Partial<ParsedField> = {}): ParsedField => ({
  name,
  tag,
  type,
  repeated: false,
  comment: '',
  ...more,
});

const messages: ParsedMessage[] = [
  {
    fullName: 'k8s.io.api.x.v1.Volume',
    comment: '',
    fields: [field('name', 1, 'string'), field('volumeSource', 2, 'k8s.io.api.x.v1.VolumeSource')],
  },
  { fullName: 'k8s.io.api.x.v1.VolumeSource', comment: '', fields: [field('emptyDir', 1, 'k8s.io.api.x.v1.Empty')] },
  { fullName: 'k8s.io.api.x.v1.Empty', comment: '', fields: [] },
  {
    fullName: 'k8s.io.api.x.v1.Ref',
    comment: '',
    fields: [field('aPIGroup', 1, 'string'), field('labels', 2, 'string', { mapKey: 'string' })],
  },
];

const definitions: Record<string, DefinitionSchema> = {
  'io.k8s.api.x.v1.Volume': {
    type: 'object',
    properties: { name: { type: 'string' }, emptyDir: { ref: 'io.k8s.api.x.v1.Empty' } },
  },
  'io.k8s.api.x.v1.Empty': { type: 'object', properties: {} },
  'io.k8s.api.x.v1.Ref': { type: 'object', properties: { apiGroup: { type: 'string' }, labels: { type: 'object' } } },
};

describe('buildProtoTable', () => {
  const table = buildProtoTable(messages, definitions);

  it('marks a message field inline when its JSON fields all appear in the parent instead of the field', () => {
    expect(table.messages['k8s.io.api.x.v1.Volume']?.fields[1]).toEqual({
      tag: 2,
      name: 'volumeSource',
      type: 'k8s.io.api.x.v1.VolumeSource',
      inline: true,
    });
  });

  it('records the JSON name where it differs from the proto name, and map key and value types', () => {
    expect(table.messages['k8s.io.api.x.v1.Ref']?.fields).toEqual([
      { tag: 1, name: 'aPIGroup', type: 'string', json: 'apiGroup' },
      { tag: 2, name: 'labels', type: 'string', map: { key: 'string', value: 'string' } },
    ]);
  });

  it('links messages to the definitions of the finished table', () => {
    const linked = linkDefinitions(table, definitions);
    expect(linked.messages['k8s.io.api.x.v1.Volume']?.definition).toBe('io.k8s.api.x.v1.Volume');
    expect(linked.messages['k8s.io.api.x.v1.VolumeSource']?.definition).toBeUndefined();
  });
});

describe('encodingOf', () => {
  it('knows the hand-marshalled apimachinery types', () => {
    expect(encodingOf({ fullName: 'k8s.io.apimachinery.pkg.apis.meta.v1.Time', comment: '', fields: [] })).toBe('time');
  });

  it('recognises a +protobuf.nullable wrapper of a string list', () => {
    const wrapper: ParsedMessage = {
      fullName: 'k8s.io.api.x.v1.ExtraValue',
      comment: 'ExtraValue masks the value\n+protobuf.nullable=true',
      fields: [field('items', 1, 'string', { repeated: true })],
    };
    expect(encodingOf(wrapper)).toBe('string-list');
    expect(encodingOf({ ...wrapper, comment: '' })).toBeUndefined();
  });
});
