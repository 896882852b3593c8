// Decodes one protobuf message to the JSON Go would write for the same object. Go's protobuf marshalling writes
// every non-pointer field, zero or not, so each field is judged by its Go traits: an omitempty non-pointer scalar is
// dropped when zero, a pointer keeps an explicit zero (replicas: 0), an unset non-pointer struct is still written
// ({} or, for Time, null), a nil list or map without omitempty is null. Inline (embedded) messages merge into the
// parent, and types Go marshals by hand take their own form.

import type { JsonValue } from '../../api/object.ts';
import { bytesOf, concatenated, customToJson } from './custom-encodings.ts';
import type { JsonFieldTrait, ProtoField } from './proto-table.ts';
import type { ProtoTables } from './proto-tables.ts';
import { isEmptyScalar, isPackable, isScalarType, scalarToJson, zeroScalar } from './scalar-values.ts';
import {
  readPacked,
  readWireFields,
  WIRE_FIXED64,
  WIRE_LENGTH_DELIMITED,
  WIRE_VARINT,
  WireFormatError,
  type WireValue,
} from './wire-reader.ts';

/** Marks a field Go's JSON encoder leaves out. */
const OMIT = Symbol('omit');
type FieldJson = JsonValue | typeof OMIT;

const EMPTY = new Uint8Array(0);

/** The JSON value of the message `name` (fully qualified) encoded in `bytes`. */
export function messageToJson(tables: ProtoTables, name: string, bytes: Uint8Array): JsonValue {
  const message = tables.messages[name];
  if (!message) throw new WireFormatError(`no protobuf descriptor for ${name}`);
  const wire = readWireFields(bytes);
  const nested = (type: string, data: Uint8Array): JsonValue => messageToJson(tables, type, data);
  if (message.encoding) return customToJson(message.encoding, wire, nested);
  const traits = tables.traits[name];
  const out: { [key: string]: JsonValue } = {};
  for (const field of message.fields) {
    const values = wire.get(field.tag) ?? [];
    if (field.inline) {
      Object.assign(out, messageToJson(tables, field.type, values.length > 0 ? concatenated(values) : EMPTY));
      continue;
    }
    const json = field.json ?? field.name;
    const value = fieldToJson(tables, field, values, traits?.[json] ?? 'po');
    if (value !== OMIT) out[json] = value;
  }
  return out;
}

function fieldToJson(tables: ProtoTables, field: ProtoField, values: WireValue[], trait: JsonFieldTrait): FieldJson {
  const pointer = trait.includes('p');
  const omitEmpty = trait.includes('o');
  if (field.map) {
    if (values.length === 0) return omitEmpty ? OMIT : null;
    const entries: { [key: string]: JsonValue } = {};
    for (const value of values) {
      const entry = readWireFields(bytesOf(value));
      const key = entry.get(1)?.at(-1);
      entries[key ? String(scalarToJson(field.map.key, key)) : ''] = mapValueToJson(
        tables,
        field.map.value,
        entry.get(2),
      );
    }
    return entries;
  }
  if (field.repeated) {
    const items = repeatedValues(field.type, values).map((value) => valueToJson(tables, field.type, value));
    return items.length > 0 ? items : omitEmpty ? OMIT : null;
  }
  if (values.length === 0 && pointer) return omitEmpty ? OMIT : null;
  if (isScalarType(field.type)) {
    const last = values.at(-1);
    const value = last ? scalarToJson(field.type, last) : zeroScalar(field.type);
    return !pointer && omitEmpty && isEmptyScalar(value) ? OMIT : value;
  }
  const value = messageToJson(tables, field.type, values.length > 0 ? concatenated(values) : EMPTY);
  // Of the hand-marshalled types only the string lists are Go slices, which omitempty drops when empty.
  const isEmptyList = value === null && tables.messages[field.type]?.encoding === 'string-list';
  return omitEmpty && isEmptyList ? OMIT : value;
}

/** A map value; a missing one is the zero value of its type. */
function mapValueToJson(tables: ProtoTables, type: string, values: WireValue[] | undefined): JsonValue {
  const last = values?.at(-1);
  if (isScalarType(type)) return last ? scalarToJson(type, last) : type === 'bytes' ? '' : zeroScalar(type);
  return messageToJson(tables, type, values && values.length > 0 ? concatenated(values) : EMPTY);
}

function valueToJson(tables: ProtoTables, type: string, value: WireValue): JsonValue {
  return isScalarType(type) ? scalarToJson(type, value) : messageToJson(tables, type, bytesOf(value));
}

/** The items of a repeated field, unpacking numeric values that arrive packed. */
function repeatedValues(type: string, values: WireValue[]): WireValue[] {
  if (!isPackable(type)) return values;
  return values.flatMap((value) =>
    value.wireType === WIRE_LENGTH_DELIMITED
      ? readPacked(value.bytes, type === 'double' ? WIRE_FIXED64 : WIRE_VARINT)
      : [value],
  );
}
