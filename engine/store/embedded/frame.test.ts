import { describe, expect, it } from 'vitest';
import { ByteWriter } from './bytes.ts';
import { beginFrame, endFrame, scanFrames } from './frame.ts';

function framed(...payloads: string[]): Buffer {
  const writer = new ByteWriter();
  for (const payload of payloads) {
    const start = beginFrame(writer);
    writer.string(payload);
    endFrame(writer, start);
  }
  return writer.take();
}

describe('frames', () => {
  it('reads back every frame of intact data', () => {
    const data = framed('one', 'two', 'three');
    const scan = scanFrames(data);
    expect(scan.payloads).toHaveLength(3);
    expect(scan.goodBytes).toBe(data.length);
    expect(scan.problem).toBeUndefined();
  });

  const intact = framed('one', 'two');
  const afterFirst = framed('one').length;
  const flipped = Buffer.from(intact);
  flipped[flipped.length - 1]! ^= 0x01;
  const cases: { name: string; data: Uint8Array; problem: RegExp; goodBytes: number }[] = [
    {
      name: 'a partial header',
      data: Buffer.concat([intact, Buffer.from([1, 2, 3])]),
      problem: /partial frame header/,
      goodBytes: intact.length,
    },
    { name: 'a partial payload', data: intact.subarray(0, -1), problem: /partial frame at/, goodBytes: afterFirst },
    { name: 'a flipped payload bit', data: flipped, problem: /CRC mismatch/, goodBytes: afterFirst },
    {
      name: 'zeroes where a frame should be',
      data: Buffer.concat([intact, Buffer.alloc(64)]),
      problem: /empty frame/,
      goodBytes: intact.length,
    },
  ];

  it.each(cases)('stops at the last good frame when the tail has $name', ({ data, problem, goodBytes }) => {
    const scan = scanFrames(data);
    expect(scan.problem).toMatch(problem);
    expect(scan.goodBytes).toBe(goodBytes);
    expect(scan.payloads).toHaveLength(goodBytes === afterFirst ? 1 : 2);
  });
});
