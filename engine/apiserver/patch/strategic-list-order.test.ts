import { describe, expect, it } from 'vitest';
import {
  extractToDeleteItems,
  findByMergeKey,
  normalizeElementOrder,
  partitionMaps,
  partitionPrimitives,
  validatePatchWithSetOrderList,
} from './strategic-list-order.ts';

const named = (...names: string[]) => names.map((name) => ({ name }));

describe('normalizeElementOrder', () => {
  it.each<[string, unknown[], unknown[], unknown[], unknown[], unknown[]]>([
    ['patch items follow the patch order', named('b', 'a'), [], named('a', 'b'), named('a', 'b'), named('a', 'b')],
    ['server-only items keep their live order', [], named('b', 'a'), [], named('a', 'b'), named('a', 'b')],
    [
      'a server-only item goes before a patch item it preceded',
      named('c'),
      named('a'),
      named('c'),
      named('a', 'c'),
      named('a', 'c'),
    ],
    [
      'an item new to the list goes before server-only items',
      named('n'),
      named('a'),
      named('n'),
      named('a'),
      named('n', 'a'),
    ],
    [
      'deletion markers go after the patch items',
      [{ name: 'x', $patch: 'delete' }, { name: 'a' }],
      [],
      named('a'),
      named('a'),
      [{ name: 'a' }, { name: 'x', $patch: 'delete' }],
    ],
  ])('%s', (_name, patch, serverOnly, patchOrder, serverOrder, expected) => {
    expect(normalizeElementOrder(patch, serverOnly, patchOrder, serverOrder, 'name', true)).toEqual(expected);
  });

  it('orders primitives by value', () => {
    expect(normalizeElementOrder([3, 1], [2], [3, 1], [1, 2, 3], '', false)).toEqual([2, 3, 1]);
  });

  it('refuses a map without the merge key', () => {
    expect(() => normalizeElementOrder([{ value: 1 }], [], [], [], 'name', true)).toThrow(
      'map: map[value:1] does not contain declared merge key: name',
    );
  });
});

describe('list helpers', () => {
  it('finds the first map with a merge key value', () => {
    expect(findByMergeKey([{ name: 'a' }, { name: 'b' }, { name: 'b', x: 1 }], 'name', 'b')).toBe(1);
  });

  it('finds nothing for a missing merge key value', () => {
    expect(findByMergeKey(named('a'), 'name', 'z')).toBe(-1);
  });

  it('refuses a list item that is not a map', () => {
    expect(() => findByMergeKey(['a'], 'name', 'a')).toThrow('value for key 0 is not a map');
  });

  it('partitions primitives by presence', () => {
    expect(partitionPrimitives([1, 2, 3], [3, 1])).toEqual([[1, 3], [2]]);
  });

  it('partitions maps by merge key', () => {
    expect(partitionMaps(named('a', 'b', 'c'), named('c', 'a'), 'name')).toEqual([named('a', 'c'), named('b')]);
  });

  it('sets deletion markers apart', () => {
    expect(extractToDeleteItems([{ name: 'a', $patch: 'delete' }, { name: 'b' }])).toEqual([
      [{ name: 'b' }],
      [{ name: 'a', $patch: 'delete' }],
    ]);
  });
});

describe('validatePatchWithSetOrderList', () => {
  it.each<[string, unknown[], unknown[], string]>([
    ['a patch in the same order passes', named('a', 'c'), named('a', 'b', 'c'), 'name'],
    ['deletions are not ordered', [{ name: 'z', $patch: 'delete' }, { name: 'a' }], named('a'), 'name'],
    ['an empty order list passes anything', named('b', 'a'), [], 'name'],
    ['primitives compare by value', [1, 3], [1, 2, 3], ''],
  ])('%s', (_name, patch, order, mergeKey) => {
    expect(() => validatePatchWithSetOrderList(patch, order, mergeKey)).not.toThrow();
  });

  it('refuses a patch in another order', () => {
    expect(() => validatePatchWithSetOrderList([2, 1], [1, 2], '')).toThrow(
      "The order in patch list:\n[2 1]\n doesn't match $setElementOrder list:\n[1 2]\n",
    );
  });
});
