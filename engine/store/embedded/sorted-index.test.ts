import { describe, expect, it } from 'vitest';
import { SortedIndex } from './sorted-index.ts';

interface Item {
  key: string;
}

function keysIn(index: SortedIndex<Item>, start: string, end: string | null): string[] {
  const out: string[] = [];
  index.forEach(start, end, (item) => {
    out.push(item.key);
  });
  return out;
}

/** A deterministic pseudo-random sequence, so failures reproduce. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

describe('SortedIndex', () => {
  it('keeps 20,000 keys in order through random inserts and removals', () => {
    const index = new SortedIndex<Item>();
    const reference = new Set<string>();
    const next = random(42);
    for (let i = 0; i < 40_000; i++) {
      const key = `/k/${Math.floor(next() * 20_000)}`;
      if (next() < 0.7) {
        if (!reference.has(key)) {
          reference.add(key);
          index.insert({ key });
        }
      } else {
        expect(index.remove(key)).toBe(reference.delete(key));
      }
    }
    const sorted = [...reference].sort();
    expect(index.size).toBe(sorted.length);
    expect(keysIn(index, '', null)).toEqual(sorted);
    expect(keysIn(index, '/k/2', '/k/3')).toEqual(sorted.filter((key) => key >= '/k/2' && key < '/k/3'));
  });

  it('stops a walk when the visitor returns false', () => {
    const index = new SortedIndex<Item>();
    for (const key of ['a', 'b', 'c', 'd']) index.insert({ key });
    const seen: string[] = [];
    index.forEach('b', null, (item) => {
      seen.push(item.key);
      return seen.length < 2;
    });
    expect(seen).toEqual(['b', 'c']);
  });

  it('finds nothing in an empty index and removes nothing', () => {
    const index = new SortedIndex<Item>();
    expect(keysIn(index, '', null)).toEqual([]);
    expect(index.remove('a')).toBe(false);
  });
});
