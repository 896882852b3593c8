import { describe, expect, it } from 'vitest';
import { inRange, upperBound } from './key-range.ts';

describe('key ranges', () => {
  it.each([
    { candidate: '/a', key: '/a', end: undefined, inside: true },
    { candidate: '/ab', key: '/a', end: undefined, inside: false },
    { candidate: '/b', key: '/a', end: '/c', inside: true },
    { candidate: '/c', key: '/a', end: '/c', inside: false },
    { candidate: '/0', key: '/a', end: '/c', inside: false },
    { candidate: '/zzz', key: '/a', end: '\0', inside: true },
  ])('places $candidate in [$key, $end): $inside', ({ candidate, key, end, inside }) => {
    expect(inRange(candidate, key, end)).toBe(inside);
  });

  it('reads an end of "\\0" as no upper bound', () => {
    expect(upperBound('\0')).toBeNull();
    expect(upperBound('/b')).toBe('/b');
  });
});
