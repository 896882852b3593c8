import { describe, expect, it } from 'vitest';
import { deepEqual, rfc3339, rfc3339Micro } from './json.ts';

describe('deepEqual', () => {
  it.each([
    ['equal scalars are equal', 1, 1, true],
    ['objects with keys in another order are equal', { a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 }, true],
    ['a missing key makes objects differ', { a: 1 }, { a: 1, b: undefined }, false],
    ['arrays of different length differ', [1], [1, 2], false],
    ['null differs from an empty object', null, {}, false],
    ['an array differs from an object', [], {}, false],
  ])('%s', (_name, a, b, expected) => {
    expect(deepEqual(a, b)).toBe(expected);
  });
});

describe('timestamps', () => {
  it('writes metav1.Time with second precision', () => {
    expect(rfc3339(Date.UTC(2024, 4, 1, 10, 0, 0, 999))).toBe('2024-05-01T10:00:00Z');
  });
  it('writes metav1.MicroTime with six fractional digits', () => {
    expect(rfc3339Micro(Date.UTC(2024, 4, 1, 10, 0, 0, 123))).toBe('2024-05-01T10:00:00.123000Z');
  });
});
