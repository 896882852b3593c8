import { describe, expect, it } from 'vitest';
import {
  formatIntervals,
  hasIndex,
  mergeIntervals,
  parseIntervals,
  totalIndexes,
  withOrderedIndexes,
} from './ordered-intervals.ts';

describe('sets of completion indexes', () => {
  it.each([
    ['an empty string is no index', '', 10, ''],
    ['single indexes and ranges read back as written', '1,3-5,7', 10, '1,3-5,7'],
    ['two adjacent indexes are written as a pair', '3-4', 10, '3,4'],
    ['touching intervals merge', '1,2,3-5', 10, '1-5'],
    ['indexes at or above completions are dropped', '1,3-12,15', 10, '1,3-9'],
    ['corrupted intervals are skipped', 'a,2,x-3,5-y,7', 10, '2,7'],
  ])('%s', (_case, text, completions, written) => {
    expect(formatIntervals(parseIntervals(text, completions))).toBe(written);
  });

  it.each([
    ['adds indexes into gaps', '1,5', [2, 3, 9], '1-3,5,9'],
    ['adds nothing new for indexes already there', '1-5', [2, 4], '1-5'],
    ['bridges two intervals', '1,3', [2], '1-3'],
  ])('%s', (_case, text, indexes, written) => {
    expect(formatIntervals(withOrderedIndexes(parseIntervals(text, 100), indexes))).toBe(written);
  });

  it('merges two sets and counts and finds their indexes', () => {
    const merged = mergeIntervals(parseIntervals('0-2,8', 100), parseIntervals('3,10-11', 100));
    expect(formatIntervals(merged)).toBe('0-3,8,10,11');
    expect(totalIndexes(merged)).toBe(7);
    expect([0, 3, 4, 8, 9, 11, 12].map((ix) => hasIndex(merged, ix))).toEqual([
      true,
      true,
      false,
      true,
      false,
      true,
      false,
    ]);
  });
});
