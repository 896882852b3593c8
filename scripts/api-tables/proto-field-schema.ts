// The schema of a field known only from the v1.32 .proto files: its type mapped from the protobuf type, and its
// list/map/patch annotations read from the markers in its comment (+listType=atomic, +patchMergeKey=name…).

import type { FieldSchema } from '../../engine/api/schema-table.ts';
import type { ProtoField, ProtoTable } from '../../engine/apiserver/protobuf/proto-table.ts';
import { definitionNameOfMessage } from './names.ts';

const SCALARS: Record<string, FieldSchema> = {
  string: { type: 'string' },
  bool: { type: 'boolean' },
  int32: { type: 'integer', format: 'int32' },
  int64: { type: 'integer', format: 'int64' },
  double: { type: 'number', format: 'double' },
  bytes: { type: 'string', format: 'byte' },
};

/** The schema of one protobuf field; `comment` is the field's comment in the .proto file. */
export function fieldSchemaFromProto(field: ProtoField, comment: string, table: ProtoTable): FieldSchema {
  const value = valueSchema(field.type, table);
  const schema: FieldSchema = field.map
    ? { type: 'object', additionalProperties: value }
    : field.repeated
      ? { type: 'array', items: value }
      : value;
  return withMarkers(schema, comment);
}

function valueSchema(type: string, table: ProtoTable): FieldSchema {
  const scalar = SCALARS[type];
  if (scalar) return { ...scalar };
  const message = table.messages[type];
  if (!message) throw new Error(`unknown protobuf type ${type}`);
  if (message.encoding === 'string-list') return { type: 'array', items: { type: 'string' } };
  return { ref: definitionNameOfMessage(type) };
}

function withMarkers(schema: FieldSchema, comment: string): FieldSchema {
  const markers = new Map<string, string[]>();
  for (const line of comment.split('\n')) {
    const match = /^\+(listType|listMapKey|patchStrategy|patchMergeKey|mapType)=(\S+)$/.exec(line.trim());
    if (match?.[1] && match[2]) markers.set(match[1], [...(markers.get(match[1]) ?? []), match[2]]);
  }
  const out: FieldSchema = { ...schema };
  const patchStrategy = markers.get('patchStrategy')?.[0];
  if (patchStrategy) out.patchStrategy = patchStrategy;
  const patchMergeKey = markers.get('patchMergeKey')?.[0];
  if (patchMergeKey) out.patchMergeKey = patchMergeKey;
  const listType = markers.get('listType')?.[0];
  if (listType === 'atomic' || listType === 'set' || listType === 'map') out.listType = listType;
  const listMapKeys = markers.get('listMapKey');
  if (listMapKeys) out.listMapKeys = listMapKeys;
  const mapType = markers.get('mapType')?.[0];
  if (mapType === 'atomic' || mapType === 'granular') out.mapType = mapType;
  return out;
}
