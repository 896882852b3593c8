// The text go-spew prints for a Go value with `%#v` (SortKeys, DisableMethods) — what hashutil.DeepHashObject feeds
// to the hasher — rebuilt from an object's JSON and the Go shape of its type: every struct field in declaration
// order, zero values included, with type names "(v1.PodSpec){…}", nil pointers "(*int64)<nil>", slices "[a b]",
// sorted maps "map[k:v]", and the private fields of Quantity and Time. The Go shape comes from the protobuf tables
// (field order, message types, pointers) and go-type-facts.ts (Go field names, named types).

import { isPlainObject } from '../../../api/object.ts';
import { protoTables } from '../../../apiserver/protobuf/proto-tables.ts';
import type { ProtoField } from '../../../apiserver/protobuf/proto-table.ts';
import { GO_FIELD_NAMES, GO_NAMED_TYPES } from './go-type-facts.ts';
import { parseGoQuantity } from './go-quantity.ts';

type GoType =
  | { kind: 'basic'; name: string }
  | { kind: 'struct'; name: string; message: string }
  | { kind: 'ptr'; elem: GoType }
  | { kind: 'slice'; name: string; elem: GoType }
  | { kind: 'map'; name: string; value: GoType };

const SCALARS = new Set(['string', 'bool', 'int32', 'int64']);
/** Seconds from Go's zero time (year 1) to the Unix epoch: time.Time's ext for a wall clock without monotonic. */
const UNIX_TO_INTERNAL = 62135596800;

/** `v1.Container` for k8s.io.api.core.v1.Container, `resource.Quantity` for …api.resource.Quantity. */
function goTypeName(message: string): string {
  const parts = message.split('.');
  return `${parts[parts.length - 2]}.${parts[parts.length - 1]}`;
}

function simpleName(message: string): string {
  return message.slice(message.lastIndexOf('.') + 1);
}

/** The Go type of a scalar or message named `type` in protobuf, wrapped in pointers/slices as `goName` says. */
function namedType(goName: string, elemProtoType: string): GoType {
  if (goName.startsWith('*')) return { kind: 'ptr', elem: namedType(goName.slice(1), elemProtoType) };
  if (goName.startsWith('[]')) {
    return { kind: 'slice', name: goName, elem: namedType(goName.slice(2), elemProtoType) };
  }
  return SCALARS.has(elemProtoType)
    ? { kind: 'basic', name: goName }
    : { kind: 'struct', name: goName, message: elemProtoType };
}

function elementType(protoType: string): GoType {
  if (SCALARS.has(protoType)) return { kind: 'basic', name: protoType };
  if (protoType === 'bytes') return { kind: 'slice', name: '[]uint8', elem: { kind: 'basic', name: 'uint8' } };
  return { kind: 'struct', name: goTypeName(protoType), message: protoType };
}

function fieldType(message: string, field: ProtoField, pointer: boolean): GoType {
  const key = `${simpleName(message)}.${field.json ?? field.name}`;
  const named = GO_NAMED_TYPES[key];
  if (field.map) {
    const value = elementType(field.map.value);
    return { kind: 'map', name: named ?? `map[string]${typeString(value)}`, value };
  }
  if (named) return namedType(named, field.type);
  const elem = elementType(field.type);
  if (field.repeated) return { kind: 'slice', name: `[]${typeString(elem)}`, elem };
  return pointer ? { kind: 'ptr', elem } : elem;
}

function typeString(type: GoType): string {
  return type.kind === 'ptr' ? `*${typeString(type.elem)}` : type.name;
}

function goFieldName(message: string, field: ProtoField): string {
  if (field.inline) return simpleName(field.type);
  const json = field.json ?? field.name;
  return GO_FIELD_NAMES[`${simpleName(message)}.${json}`] ?? json.charAt(0).toUpperCase() + json.slice(1);
}

/** Prints `value` (JSON) as spew's %#v prints the Go value of type `type`. */
function format(type: GoType, value: unknown, ignoreType: boolean): string {
  if (type.kind === 'ptr') {
    if (value === undefined || value === null) return ignoreType ? '<nil>' : `(${typeString(type)})<nil>`;
    return (ignoreType ? '<*>' : `(${typeString(type)})`) + format(type.elem, value, true);
  }
  const prefix = ignoreType ? '' : `(${type.name})`;
  switch (type.kind) {
    case 'basic':
      return prefix + basic(type.name, value);
    case 'slice': {
      if (!Array.isArray(value) || value.length === 0) return `${prefix}<nil>`;
      return `${prefix}[${value.map((v) => format(type.elem, v, true)).join(' ')}]`;
    }
    case 'map': {
      if (!isPlainObject(value) || Object.keys(value).length === 0) return `${prefix}<nil>`;
      const keys = Object.keys(value).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      return `${prefix}map[${keys.map((k) => `${k}:${format(type.value, value[k], true)}`).join(' ')}]`;
    }
    case 'struct':
      return prefix + struct(type.message, value);
  }
}

/** A scalar's text; a missing value is its Go zero value (every named type here is a string type). */
function basic(name: string, value: unknown): string {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return value;
  if (name === 'bool') return 'false';
  return NUMERIC.has(name) ? '0' : '';
}

const NUMERIC = new Set(['int32', 'int64', 'uint8']);

function struct(message: string, value: unknown): string {
  const { messages, traits } = protoTables();
  const descriptor = messages[message];
  const obj = isPlainObject(value) ? value : {};
  switch (descriptor?.encoding) {
    case 'time':
      return timeStruct(value);
    case 'quantity':
      return quantityStruct(value);
    case 'int-or-string':
      return intOrStringStruct(value);
    case 'raw-json':
      return `{Raw:([]uint8)${rawBytes(value)}}`;
  }
  const fieldTraits = traits[message] ?? {};
  const fields = (descriptor?.fields ?? []).map((field) => {
    const json = field.json ?? field.name;
    const type = fieldType(message, field, (fieldTraits[json] ?? '').includes('p'));
    const fieldValue = field.inline ? obj : obj[json];
    return `${goFieldName(message, field)}:${format(type, fieldValue, false)}`;
  });
  return `{${fields.join(' ')}}`;
}

/** metav1.Time{time.Time{wall, ext, loc}}: zero for a null timestamp. */
function timeStruct(value: unknown): string {
  const ms = typeof value === 'string' ? Date.parse(value) : NaN;
  const ext = Number.isNaN(ms) ? 0 : Math.floor(ms / 1000) + UNIX_TO_INTERNAL;
  return `{Time:(time.Time){wall:(uint64)0 ext:(int64)${ext} loc:(*time.Location)<nil>}}`;
}

function quantityStruct(value: unknown): string {
  const q = parseGoQuantity(typeof value === 'number' ? String(value) : typeof value === 'string' ? value : '');
  if (!q)
    return '{i:(resource.int64Amount){value:(int64)0 scale:(resource.Scale)0} d:(resource.infDecAmount){Dec:(*inf.Dec)<nil>} s:(string) Format:(resource.Format)}';
  const dec = q.dec
    ? `(*inf.Dec){unscaled:(big.Int){neg:(bool)${q.dec.unscaled < 0n} abs:(big.nat)${natWords(q.dec.unscaled)}} scale:(inf.Scale)${q.dec.scale}}`
    : '(*inf.Dec)<nil>';
  return (
    `{i:(resource.int64Amount){value:(int64)${q.value} scale:(resource.Scale)${q.scale}} ` +
    `d:(resource.infDecAmount){Dec:${dec}} s:(string)${q.s} Format:(resource.Format)${q.format}}`
  );
}

/** big.nat: little-endian 64-bit words of the magnitude, nil for zero. */
function natWords(n: bigint): string {
  let abs = n < 0n ? -n : n;
  if (abs === 0n) return '<nil>';
  const words: string[] = [];
  for (; abs > 0n; abs >>= 64n) words.push(String(abs & (2n ** 64n - 1n)));
  return `[${words.join(' ')}]`;
}

/** intstr.IntOrString{Type, IntVal, StrVal}: Type 0 for a number, 1 for a string. */
function intOrStringStruct(value: unknown): string {
  if (typeof value === 'string') return `{Type:(intstr.Type)1 IntVal:(int32)0 StrVal:(string)${value}}`;
  const n = typeof value === 'number' ? value : 0;
  return `{Type:(intstr.Type)0 IntVal:(int32)${n} StrVal:(string)}`;
}

function rawBytes(value: unknown): string {
  if (value === undefined || value === null) return '<nil>';
  return `[${[...new TextEncoder().encode(JSON.stringify(value))].join(' ')}]`;
}

/** What spew prints for `%#v` of the Go value of protobuf message `message` holding `value`. */
export function spewMessage(message: string, value: unknown): string {
  return `(${goTypeName(message)})${struct(message, value)}`;
}
