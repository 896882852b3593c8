// The JSON form of the types Go marshals by hand: meta.v1 Time and MicroTime, IntOrString, Quantity, raw JSON
// (RawExtension, FieldsV1, apiextensions JSON), string-list wrappers (ExtraValue, Verbs), and the apiextensions
// "schema or something else" unions — each built from the fields of its protobuf message.

import type { JsonValue } from '../../api/object.ts';
import type { ProtoEncoding } from './proto-table.ts';
import { scalarToJson } from './scalar-values.ts';
import { WIRE_LENGTH_DELIMITED, WireFormatError, type WireValue } from './wire-reader.ts';

/** Decodes a nested message of the given type (JSONSchemaProps inside the apiextensions unions). */
export type NestedDecoder = (type: string, bytes: Uint8Array) => JsonValue;

const SCHEMA_PROPS = 'k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps';
const utf8 = new TextDecoder('utf-8');

export function customToJson(
  encoding: ProtoEncoding,
  fields: Map<number, WireValue[]>,
  nested: NestedDecoder,
): JsonValue {
  const last = (tag: number): WireValue | undefined => fields.get(tag)?.at(-1);
  const scalar = (tag: number, type: string): JsonValue | undefined => {
    const value = last(tag);
    return value ? scalarToJson(type, value) : undefined;
  };
  const all = (tag: number): WireValue[] => fields.get(tag) ?? [];
  const schema = (tag: number): JsonValue | undefined => {
    const values = all(tag);
    return values.length > 0 ? nested(SCHEMA_PROPS, concatenated(values)) : undefined;
  };
  switch (encoding) {
    case 'time':
    case 'micro-time':
      // An empty message is the zero time, which Go writes as null.
      if (fields.size === 0) return null;
      return formatTime(Number(scalar(1, 'int64') ?? 0), Number(scalar(2, 'int32') ?? 0), encoding === 'micro-time');
    case 'int-or-string':
      return scalar(1, 'int64') === 1 ? (scalar(3, 'string') ?? '') : (scalar(2, 'int32') ?? 0);
    case 'quantity':
      return scalar(1, 'string') || '0';
    case 'raw-json': {
      const raw = last(1);
      if (!raw || raw.wireType !== WIRE_LENGTH_DELIMITED || raw.bytes.length === 0) return null;
      try {
        return JSON.parse(utf8.decode(raw.bytes)) as JsonValue;
      } catch {
        throw new WireFormatError('embedded raw data is not JSON');
      }
    }
    case 'string-list': {
      const items = all(1).map((value) => scalarToJson('string', value));
      return items.length > 0 ? items : null;
    }
    case 'schema-or-array': {
      const schemas = all(2).map((value) => nested(SCHEMA_PROPS, bytesOf(value)));
      return schemas.length > 0 ? schemas : (schema(1) ?? null);
    }
    case 'schema-or-bool':
      return schema(2) ?? scalar(1, 'bool') ?? false;
    case 'schema-or-string-array': {
      const property = all(2).map((value) => scalarToJson('string', value));
      return property.length > 0 ? property : (schema(1) ?? null);
    }
  }
}

/** RFC 3339 in UTC as Go writes meta.v1.Time (whole seconds) and MicroTime (always six fraction digits). */
export function formatTime(seconds: number, nanos: number, micro: boolean): string {
  const iso = new Date(seconds * 1000).toISOString(); // 2024-01-02T03:04:05.000Z
  const whole = iso.slice(0, 19);
  if (!micro) return `${whole}Z`;
  const micros = Math.floor(Math.max(0, nanos) / 1000);
  return `${whole}.${String(micros).padStart(6, '0')}Z`;
}

/** The bytes of a length-delimited value. */
export function bytesOf(value: WireValue): Uint8Array {
  if (value.wireType !== WIRE_LENGTH_DELIMITED)
    throw new WireFormatError(`wrong wire type ${value.wireType} for a message`);
  return value.bytes;
}

/** Several occurrences of one singular message field, merged as protobuf merges them: by concatenation. */
export function concatenated(values: WireValue[]): Uint8Array {
  const parts = values.map(bytesOf);
  if (parts.length === 1 && parts[0]) return parts[0];
  return Buffer.concat(parts);
}
