import { describe, expect, it } from 'vitest';
import { ByteReader, ByteWriter } from './bytes.ts';

describe('ByteWriter and ByteReader', () => {
  it.each([0, 1, 127, 128, 300, 2 ** 31, 2 ** 32 + 5, Number.MAX_SAFE_INTEGER])(
    'round-trips the varint %d',
    (value) => {
      const writer = new ByteWriter(16);
      writer.varint(value);
      const reader = new ByteReader(writer.take());
      expect(reader.varint()).toBe(value);
      expect(reader.done).toBe(true);
    },
  );

  it('round-trips strings, bytes, floats and single bytes, growing past its initial size', () => {
    const writer = new ByteWriter(16);
    const big = new Uint8Array(100_000).map((_, i) => i % 251);
    writer.string('/registry/pods/default/nginx-é-🚀');
    writer.bytes(big);
    writer.f64(0.25);
    writer.u8(7);
    writer.string('');
    const reader = new ByteReader(writer.take());
    expect(reader.string()).toBe('/registry/pods/default/nginx-é-🚀');
    expect(reader.bytes()).toEqual(big);
    expect(reader.f64()).toBe(0.25);
    expect(reader.u8()).toBe(7);
    expect(reader.string()).toBe('');
    expect(reader.done).toBe(true);
  });

  it('refuses to read past the end of its data', () => {
    const writer = new ByteWriter();
    writer.bytes(new Uint8Array(10));
    const truncated = writer.take().subarray(0, 5);
    expect(() => new ByteReader(truncated).bytes()).toThrow(RangeError);
  });

  it('refuses negative and unsafe varints', () => {
    const writer = new ByteWriter();
    expect(() => writer.varint(-1)).toThrow(RangeError);
    expect(() => writer.varint(2 ** 53)).toThrow(RangeError);
  });

  it('copies the bytes it reads, so the source can be dropped or reused', () => {
    const writer = new ByteWriter();
    writer.bytes(new Uint8Array([1, 2, 3]));
    const data = writer.take();
    const value = new ByteReader(data).bytes();
    data.fill(0);
    expect([...value]).toEqual([1, 2, 3]);
  });
});
