import { describe, expect, it } from 'vitest';
import { sortStableAsGo } from './go-stable-sort.ts';

/** A deterministic pseudo-random sequence, so the large cases need no fixtures. */
function sequence(length: number, modulo: number): number[] {
  let x = 12345;
  return Array.from({ length }, () => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return x % modulo;
  });
}

describe('sortStableAsGo', () => {
  it.each<[string, number[]]>([
    ['an empty list stays empty', []],
    ['a short list sorts by insertion', [3, 1, 2, 1, 0]],
    ['a list of exactly one block sorts', sequence(20, 7)],
    ['a list spanning blocks is merged', sequence(21, 7)],
    ['a long list with many repeats is merged', sequence(333, 10)],
    ['a long list of distinct values is merged', sequence(1000, 1_000_000)],
  ])('%s, keeping equal items in order', (_name, keys) => {
    const items = keys.map((key, position) => ({ key, position }));
    const expected = [...items].sort((a, b) => a.key - b.key || a.position - b.position);
    expect(sortStableAsGo(items, (a, b) => a.key < b.key)).toEqual(expected);
  });

  it('never changes the list it is given', () => {
    const items = [3, 2, 1];
    sortStableAsGo(items, (a, b) => a < b);
    expect(items).toEqual([3, 2, 1]);
  });

  it('reverses a short list when "less" always holds, as insertion sort does', () => {
    expect(sortStableAsGo(['a', 'b', 'c', 'd'], () => true)).toEqual(['d', 'c', 'b', 'a']);
  });
});
