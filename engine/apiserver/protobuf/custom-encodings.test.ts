// Tests of the JSON forms of the types Go marshals by hand.

import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../../api/object.ts';
import { customToJson, formatTime } from './custom-encodings.ts';
import type { ProtoEncoding } from './proto-table.ts';
import { readWireFields } from './wire-reader.ts';

const noNested = (): JsonValue => {
  throw new Error('no nested message expected');
};

function decode(encoding: ProtoEncoding, bytes: number[], nested = noNested): JsonValue {
  return customToJson(encoding, readWireFields(Uint8Array.from(bytes)), nested);
}

const text = (field: number, value: string): number[] => [(field << 3) | 2, value.length, ...Buffer.from(value)];

describe('formatTime', () => {
  it.each([
    [0, 0, false, '1970-01-01T00:00:00Z'],
    [1704164645, 999_999_999, false, '2024-01-02T03:04:05Z'],
    [1704164645, 123_456_789, true, '2024-01-02T03:04:05.123456Z'],
    [1704164645, 0, true, '2024-01-02T03:04:05.000000Z'],
  ])('formats %i s and %i ns (micro: %s) as %s', (seconds, nanos, micro, expected) => {
    expect(formatTime(seconds, nanos, micro)).toBe(expected);
  });
});

describe('customToJson', () => {
  it('writes an empty Time as null, as Go writes the zero time', () => {
    expect(decode('time', [])).toBeNull();
    expect(decode('micro-time', [])).toBeNull();
  });

  it('writes an IntOrString as its int or its string', () => {
    expect(decode('int-or-string', [0x10, 0x50])).toBe(80);
    expect(decode('int-or-string', [0x08, 0x01, ...text(3, '25%')])).toBe('25%');
    expect(decode('int-or-string', [])).toBe(0);
  });

  it('writes a Quantity as its string, and the zero Quantity as "0"', () => {
    expect(decode('quantity', text(1, '500m'))).toBe('500m');
    expect(decode('quantity', [])).toBe('0');
  });

  it('parses raw JSON, and writes missing raw data as null', () => {
    expect(decode('raw-json', text(1, '{"a":[1,true]}'))).toEqual({ a: [1, true] });
    expect(decode('raw-json', [])).toBeNull();
    expect(() => decode('raw-json', text(1, 'not json'))).toThrow('embedded raw data is not JSON');
  });

  it('writes a string-list wrapper as an array, or null when it has no items', () => {
    expect(decode('string-list', [...text(1, 'a'), ...text(1, 'b')])).toEqual(['a', 'b']);
    expect(decode('string-list', [])).toBeNull();
  });

  it('writes JSONSchemaPropsOrBool as a boolean unless it holds a schema', () => {
    expect(decode('schema-or-bool', [0x08, 0x01])).toBe(true);
    expect(decode('schema-or-bool', [])).toBe(false);
    expect(decode('schema-or-bool', [0x08, 0x01, 0x12, 0x00], () => ({ type: 'string' }))).toEqual({ type: 'string' });
  });

  it('writes JSONSchemaPropsOrStringArray as its strings, else its schema', () => {
    expect(decode('schema-or-string-array', [...text(2, 'a')])).toEqual(['a']);
    expect(decode('schema-or-string-array', [0x0a, 0x00], () => ({}))).toEqual({});
    expect(decode('schema-or-string-array', [])).toBeNull();
  });

  it('writes JSONSchemaPropsOrArray as its schemas, else its schema', () => {
    expect(decode('schema-or-array', [0x12, 0x00, 0x12, 0x00], () => ({}))).toEqual([{}, {}]);
    expect(decode('schema-or-array', [0x0a, 0x00], () => ({ type: 'object' }))).toEqual({ type: 'object' });
  });
});
