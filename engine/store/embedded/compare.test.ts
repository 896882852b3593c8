import { describe, expect, it } from 'vitest';
import type { Compare, KeyValue } from '../kv.ts';
import { compareHolds } from './compare.ts';

const kv: KeyValue = {
  key: '/a',
  value: new Uint8Array([0x62]),
  createRevision: 4,
  modRevision: 9,
  version: 3,
  lease: 0,
};

const cases: { name: string; compare: Omit<Compare, 'key'>; against: KeyValue | undefined; holds: boolean }[] = [
  { name: 'an equal version', compare: { target: 'version', result: '=', value: 3 }, against: kv, holds: true },
  {
    name: 'a lower createRevision',
    compare: { target: 'createRevision', result: '>', value: 3 },
    against: kv,
    holds: true,
  },
  {
    name: 'a higher modRevision',
    compare: { target: 'modRevision', result: '<', value: 10 },
    against: kv,
    holds: true,
  },
  {
    name: 'a different modRevision',
    compare: { target: 'modRevision', result: '!=', value: 9 },
    against: kv,
    holds: false,
  },
  {
    name: 'a missing key at version 0',
    compare: { target: 'version', result: '=', value: 0 },
    against: undefined,
    holds: true,
  },
  {
    name: 'a missing key above 0',
    compare: { target: 'modRevision', result: '>', value: 0 },
    against: undefined,
    holds: false,
  },
  {
    name: 'a byte-wise smaller value',
    compare: { target: 'value', result: '>', value: new Uint8Array([0x61, 0xff]) },
    against: kv,
    holds: true,
  },
  {
    name: 'a longer value with the same start',
    compare: { target: 'value', result: '<', value: new Uint8Array([0x62, 0]) },
    against: kv,
    holds: true,
  },
  {
    name: 'any value of a missing key',
    compare: { target: 'value', result: '!=', value: new Uint8Array([1]) },
    against: undefined,
    holds: false,
  },
];

describe('compareHolds', () => {
  it.each(cases)('judges a compare with $name: $holds', ({ compare, against, holds }) => {
    expect(compareHolds({ key: '/a', ...compare }, against)).toBe(holds);
  });

  it('refuses a compare whose value does not fit its target', () => {
    expect(() => compareHolds({ key: '/a', target: 'value', result: '=', value: 1 }, kv)).toThrow(TypeError);
    expect(() => compareHolds({ key: '/a', target: 'version', result: '=', value: new Uint8Array() }, kv)).toThrow(
      TypeError,
    );
  });
});
