// Where the items of a merged list end up in strategic merge patch: items the patch names (or its $setElementOrder
// lists) in the patch's order, items only the live object has in their live order, the two interleaved by the live
// order where both are known, and items marked `$patch: delete` last. Also the merge-key lookups lists need.

import { goValue } from '../../api/go-format.ts';
import { sortStableAsGo } from './go-stable-sort.ts';
import { hasOwn, isJsonMap } from './json-value.ts';
import { DELETE_DIRECTIVE, DIRECTIVE_MARKER, SET_ELEMENT_ORDER_PREFIX } from './strategic-directives.ts';
import { errNoMergeKey, errNotAMap, errOther } from './strategic-errors.ts';

/** The index of the first map in `list` whose `mergeKey` is `value`, or -1; every map before it must be a map. */
export function findByMergeKey(list: readonly unknown[], mergeKey: string, value: unknown): number {
  for (const [index, item] of list.entries()) {
    if (!isJsonMap(item)) throw errOther(`value for key ${index} is not a map`);
    if (hasOwn(item, mergeKey) && item[mergeKey] === value) return index;
  }
  return -1;
}

/** Splits primitives into those in `by` and the others, each in list order. */
export function partitionPrimitives(list: readonly unknown[], by: readonly unknown[]): [unknown[], unknown[]] {
  const present = new Set(by);
  return [list.filter((item) => present.has(item)), list.filter((item) => !present.has(item))];
}

/** Splits maps into those whose merge key is in `by` and the others, each in list order. */
export function partitionMaps(
  list: readonly unknown[],
  by: readonly unknown[],
  mergeKey: string,
): [unknown[], unknown[]] {
  const inBy: unknown[] = [];
  const notInBy: unknown[] = [];
  for (const item of list) {
    if (!isJsonMap(item)) throw errNotAMap(item);
    if (!hasOwn(item, mergeKey)) throw errNoMergeKey(item, mergeKey);
    (findByMergeKey(by, mergeKey, item[mergeKey]) >= 0 ? inBy : notInBy).push(item);
  }
  return [inBy, notInBy];
}

/** Splits maps into those without and those with `$patch: delete`. */
export function extractToDeleteItems(list: readonly unknown[]): [unknown[], unknown[]] {
  const keep: unknown[] = [];
  const toDelete: unknown[] = [];
  for (const item of list) {
    if (!isJsonMap(item)) throw errNotAMap(item);
    (item[DIRECTIVE_MARKER] === DELETE_DIRECTIVE ? toDelete : keep).push(item);
  }
  return [keep, toDelete];
}

function validateMergeKeyInLists(mergeKey: string, ...lists: (readonly unknown[])[]): void {
  for (const list of lists) {
    for (const item of list) {
      if (!isJsonMap(item)) throw errNotAMap(item);
      if (!hasOwn(item, mergeKey)) throw errNoMergeKey(item, mergeKey);
    }
  }
}

/** Where an item stands in `order` (by merge key for maps, by value otherwise), or -1. */
function positionIn(order: readonly unknown[], mergeKey: string, maps: boolean): (item: unknown) => number {
  const keyOf = (item: unknown): unknown =>
    !maps ? item : isJsonMap(item) && hasOwn(item, mergeKey) ? item[mergeKey] : null;
  const positions = new Map<unknown, number>();
  order.forEach((item, index) => {
    const key = keyOf(item);
    if (!positions.has(key)) positions.set(key, index);
  });
  return (item) => positions.get(keyOf(item)) ?? -1;
}

/** Sorts `toSort` by `order` (normalizeSliceOrder); deletion markers go last. */
function normalizeSliceOrder(toSort: readonly unknown[], order: readonly unknown[], mergeKey: string, maps: boolean) {
  let items = toSort;
  let toDelete: unknown[] = [];
  if (maps) {
    validateMergeKeyInLists(mergeKey, toSort, order);
    [items, toDelete] = extractToDeleteItems(toSort);
  }
  const position = positionIn(order, mergeKey, maps);
  const sorted = sortStableAsGo(items, (a, b) => {
    const i = position(a);
    if (i >= 0) {
      const j = position(b);
      if (j >= 0) return i < j;
    }
    return true;
  });
  return [...sorted, ...toDelete];
}

/** Inserts the server-only items among the patch items, by their places in the live list (mergeSortedSlice). */
function mergeSortedSlice(
  serverOnly: readonly unknown[],
  patch: readonly unknown[],
  serverOrder: readonly unknown[],
  mergeKey: string,
  maps: boolean,
): unknown[] {
  const position = positionIn(serverOrder, mergeKey, maps);
  const merged: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < serverOnly.length || j < patch.length) {
    if (i >= serverOnly.length) merged.push(patch[j++]);
    else if (j >= patch.length) merged.push(serverOnly[i++]);
    else {
      const left = position(serverOnly[i]);
      const right = position(patch[j]);
      merged.push(left >= 0 && right >= 0 && left < right ? serverOnly[i++] : patch[j++]);
    }
  }
  return merged;
}

/**
 * The final order of a merged list: `patch` items sorted by `patchOrder`, `serverOnly` items by `serverOrder` (the
 * live list), then interleaved.
 */
export function normalizeElementOrder(
  patch: readonly unknown[],
  serverOnly: readonly unknown[],
  patchOrder: readonly unknown[],
  serverOrder: readonly unknown[],
  mergeKey: string,
  maps: boolean,
): unknown[] {
  const sortedPatch = normalizeSliceOrder(patch, patchOrder, mergeKey, maps);
  const sortedServerOnly = normalizeSliceOrder(serverOnly, serverOrder, mergeKey, maps);
  return mergeSortedSlice(sortedServerOnly, sortedPatch, serverOrder, mergeKey, maps);
}

function mergeKeyValueEqual(left: unknown, right: unknown, mergeKey: string): boolean {
  if (!mergeKey) return left === right;
  if (!isJsonMap(left)) throw errNotAMap(left);
  if (!isJsonMap(right)) throw errNotAMap(right);
  if (!hasOwn(left, mergeKey)) throw errNoMergeKey(left, mergeKey);
  if (!hasOwn(right, mergeKey)) throw errNoMergeKey(right, mergeKey);
  return left[mergeKey] === right[mergeKey];
}

/** The items of the patch list must appear in the $setElementOrder list, in the same relative order. */
export function validatePatchWithSetOrderList(
  patchList: readonly unknown[],
  setOrderList: readonly unknown[],
  mergeKey: string,
): void {
  if (setOrderList.length === 0 || patchList.length === 0) return;
  const items = mergeKey ? extractToDeleteItems(patchList)[0] : patchList;
  let p = 0;
  let s = 0;
  while (p < items.length && s < setOrderList.length) {
    const item = items[p];
    if (isJsonMap(item) && hasOwn(item, DIRECTIVE_MARKER)) {
      p++;
      continue;
    }
    if (mergeKeyValueEqual(item, setOrderList[s], mergeKey)) p++;
    s++;
  }
  if (p < items.length && s >= setOrderList.length) {
    throw errOther(
      `The order in patch list:\n${goValue(patchList)}\n doesn't match ${SET_ELEMENT_ORDER_PREFIX} list:\n${goValue(setOrderList)}\n`,
    );
  }
}
