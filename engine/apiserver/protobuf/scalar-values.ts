// Protobuf scalars as Go's JSON encoder writes them: strings, booleans, int32/int64 (as plain numbers), doubles, and
// bytes as base64 — the only scalar types the Kubernetes .proto files use. Also the zero value of each, which Go
// writes for unset non-pointer fields.

import type { JsonValue } from '../../api/object.ts';
import {
  floatFromBits,
  WIRE_FIXED64,
  WIRE_LENGTH_DELIMITED,
  WIRE_VARINT,
  WireFormatError,
  type WireValue,
} from './wire-reader.ts';

const utf8 = new TextDecoder('utf-8');

const EXPECTED_WIRE_TYPE: Record<string, number> = {
  string: WIRE_LENGTH_DELIMITED,
  bytes: WIRE_LENGTH_DELIMITED,
  bool: WIRE_VARINT,
  int32: WIRE_VARINT,
  int64: WIRE_VARINT,
  double: WIRE_FIXED64,
};

export function isScalarType(type: string): boolean {
  return EXPECTED_WIRE_TYPE[type] !== undefined;
}

/** Whether a repeated field of this type may arrive packed into one length-delimited value. */
export function isPackable(type: string): boolean {
  const wireType = EXPECTED_WIRE_TYPE[type];
  return wireType !== undefined && wireType !== WIRE_LENGTH_DELIMITED;
}

export function scalarToJson(type: string, value: WireValue): JsonValue {
  const expected = EXPECTED_WIRE_TYPE[type];
  if (expected === undefined) throw new WireFormatError(`unsupported scalar type ${type}`);
  if (value.wireType !== expected) {
    throw new WireFormatError(`wrong wire type ${value.wireType} for a ${type} (expected ${expected})`);
  }
  if (value.wireType === WIRE_LENGTH_DELIMITED) {
    return type === 'string' ? utf8.decode(value.bytes) : Buffer.from(value.bytes).toString('base64');
  }
  switch (type) {
    case 'bool':
      return value.bits !== 0n;
    case 'int32':
      return Number(BigInt.asIntN(32, value.bits));
    case 'int64':
      return Number(BigInt.asIntN(64, value.bits));
    default:
      return floatFromBits(value.bits);
  }
}

/** What Go writes for an unset non-pointer field: "" / false / 0, and null for a nil []byte. */
export function zeroScalar(type: string): JsonValue {
  if (type === 'string') return '';
  if (type === 'bool') return false;
  if (type === 'bytes') return null;
  return 0;
}

/** Whether omitempty drops the value: "", false, 0, and a nil or empty []byte. */
export function isEmptyScalar(value: JsonValue): boolean {
  return value === '' || value === false || value === 0 || value === null;
}
