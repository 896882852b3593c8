// A reader of the protobuf wire format: splits a message into its fields (tag, wire type, raw value) and converts
// raw values to scalars. Kubernetes uses varints for bool/int32/int64 (never zigzag sint), 64-bit fixed values for
// doubles, and length-delimited values for strings, bytes, nested messages, map entries and packed lists.

export const WIRE_VARINT = 0;
export const WIRE_FIXED64 = 1;
export const WIRE_LENGTH_DELIMITED = 2;
export const WIRE_FIXED32 = 5;

/** One field occurrence: a varint or fixed value as bits, or the bytes of a length-delimited value. */
export type WireValue =
  | { wireType: typeof WIRE_VARINT | typeof WIRE_FIXED64 | typeof WIRE_FIXED32; bits: bigint }
  | { wireType: typeof WIRE_LENGTH_DELIMITED; bytes: Uint8Array };

/** Malformed wire data. */
export class WireFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WireFormatError';
  }
}

/** Every field occurrence of a message, grouped by field number, in the order they appear. */
export function readWireFields(bytes: Uint8Array): Map<number, WireValue[]> {
  const fields = new Map<number, WireValue[]>();
  const cursor = { offset: 0 };
  while (cursor.offset < bytes.length) {
    const key = readVarint(bytes, cursor);
    const fieldNumber = Number(key >> 3n);
    const wireType = Number(key & 7n);
    if (fieldNumber === 0) throw new WireFormatError('illegal field number 0');
    const value = readValue(bytes, cursor, wireType, fieldNumber);
    const list = fields.get(fieldNumber);
    if (list) list.push(value);
    else fields.set(fieldNumber, [value]);
  }
  return fields;
}

function readValue(bytes: Uint8Array, cursor: { offset: number }, wireType: number, field: number): WireValue {
  switch (wireType) {
    case WIRE_VARINT:
      return { wireType, bits: readVarint(bytes, cursor) };
    case WIRE_FIXED64:
      return { wireType, bits: readFixed(bytes, cursor, 8) };
    case WIRE_FIXED32:
      return { wireType, bits: readFixed(bytes, cursor, 4) };
    case WIRE_LENGTH_DELIMITED: {
      const length = Number(readVarint(bytes, cursor));
      const end = cursor.offset + length;
      if (end > bytes.length)
        throw new WireFormatError(`field ${field}: length ${length} runs past the end of the data`);
      const value = bytes.subarray(cursor.offset, end);
      cursor.offset = end;
      return { wireType, bytes: value };
    }
    default:
      throw new WireFormatError(`field ${field}: unsupported wire type ${wireType}`);
  }
}

function readVarint(bytes: Uint8Array, cursor: { offset: number }): bigint {
  let result = 0n;
  for (let shift = 0n; shift < 70n; shift += 7n) {
    const byte = bytes[cursor.offset];
    if (byte === undefined) throw new WireFormatError('unexpected end of data in a varint');
    cursor.offset++;
    result |= BigInt(byte & 0x7f) << shift;
    if (byte < 0x80) return BigInt.asUintN(64, result);
  }
  throw new WireFormatError('varint longer than 10 bytes');
}

function readFixed(bytes: Uint8Array, cursor: { offset: number }, size: 4 | 8): bigint {
  if (cursor.offset + size > bytes.length) throw new WireFormatError('unexpected end of data in a fixed-size value');
  let result = 0n;
  for (let i = size - 1; i >= 0; i--) result = (result << 8n) | BigInt(bytes[cursor.offset + i] ?? 0);
  cursor.offset += size;
  return result;
}

/** The scalar values packed into one length-delimited value (a packed repeated numeric field). */
export function readPacked(bytes: Uint8Array, wireType: typeof WIRE_VARINT | typeof WIRE_FIXED64): WireValue[] {
  const values: WireValue[] = [];
  const cursor = { offset: 0 };
  while (cursor.offset < bytes.length) {
    values.push({ wireType, bits: wireType === WIRE_VARINT ? readVarint(bytes, cursor) : readFixed(bytes, cursor, 8) });
  }
  return values;
}

/** The IEEE 754 double stored in 64 bits. */
export function floatFromBits(bits: bigint): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, bits);
  return view.getFloat64(0);
}
