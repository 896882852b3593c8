// Tests of the protobuf wire-format reader.

import { describe, expect, it } from 'vitest';
import {
  floatFromBits,
  readPacked,
  readWireFields,
  WIRE_FIXED64,
  WIRE_VARINT,
  WireFormatError,
} from './wire-reader.ts';

describe('readWireFields', () => {
  it('reads a one-byte and a multi-byte varint', () => {
    const fields = readWireFields(Uint8Array.from([0x08, 0x01, 0x10, 0xac, 0x02]));
    expect(fields.get(1)).toEqual([{ wireType: 0, bits: 1n }]);
    expect(fields.get(2)).toEqual([{ wireType: 0, bits: 300n }]);
  });

  it("reads a ten-byte varint as the 64-bit two's complement of a negative number", () => {
    const minusOne = [0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01];
    const [value] = readWireFields(Uint8Array.from(minusOne)).get(1) ?? [];
    expect(value).toEqual({ wireType: 0, bits: 0xffffffffffffffffn });
  });

  it('reads length-delimited values and keeps repeated occurrences in order', () => {
    const fields = readWireFields(Uint8Array.from([0x0a, 0x01, 0x61, 0x0a, 0x00, 0x0a, 0x02, 0x62, 0x63]));
    const texts = (fields.get(1) ?? []).map((value) => ('bytes' in value ? Buffer.from(value.bytes).toString() : ''));
    expect(texts).toEqual(['a', '', 'bc']);
  });

  it('reads fixed 64-bit and 32-bit values little-endian', () => {
    const fields = readWireFields(Uint8Array.from([0x09, 1, 0, 0, 0, 0, 0, 0, 0, 0x15, 2, 0, 0, 0]));
    expect(fields.get(1)).toEqual([{ wireType: 1, bits: 1n }]);
    expect(fields.get(2)).toEqual([{ wireType: 5, bits: 2n }]);
  });

  it.each([
    ['a varint cut short', [0x08, 0x80]],
    ['a length running past the end', [0x0a, 0x05, 0x61]],
    ['a fixed value cut short', [0x09, 1, 2]],
    ['a start-group wire type', [0x0b]],
    ['field number zero', [0x00, 0x01]],
    ['a varint longer than ten bytes', [0x08, ...Array<number>(10).fill(0xff), 0x01]],
  ])('rejects %s', (_name, bytes) => {
    expect(() => readWireFields(Uint8Array.from(bytes))).toThrow(WireFormatError);
  });
});

describe('readPacked', () => {
  it('unpacks varints', () => {
    expect(readPacked(Uint8Array.from([0x01, 0xac, 0x02]), WIRE_VARINT)).toEqual([
      { wireType: 0, bits: 1n },
      { wireType: 0, bits: 300n },
    ]);
  });

  it('unpacks doubles', () => {
    const bytes = Buffer.alloc(16);
    bytes.writeDoubleLE(1.5, 0);
    bytes.writeDoubleLE(-2, 8);
    const values = readPacked(bytes, WIRE_FIXED64).map((value) => ('bits' in value ? floatFromBits(value.bits) : NaN));
    expect(values).toEqual([1.5, -2]);
  });
});
