// The strategic merge patch between two statuses, as kubelet sends its status updates (CreateTwoWayMergePatch):
// changed fields only, null for removed ones, and lists with a merge key (conditions by type, addresses by type,
// podIPs and hostIPs by ip) patched item by item with their $setElementOrder; other lists are replaced whole.

import { deepEqual } from '../../api/json.ts';
import { isPlainObject } from '../../api/object.ts';

/** Merge keys of the status lists patched item by item. */
export const POD_STATUS_MERGE_KEYS: Readonly<Record<string, string>> = {
  conditions: 'type',
  podIPs: 'ip',
  hostIPs: 'ip',
};
export const NODE_STATUS_MERGE_KEYS: Readonly<Record<string, string>> = { conditions: 'type', addresses: 'type' };

type Json = Record<string, unknown>;

/** The patch of a map: its changed keys, null for those gone; undefined when nothing changed. */
function diffMaps(before: Json, after: Json, mergeKeys: Readonly<Record<string, string>>): Json | undefined {
  const patch: Json = {};
  let changed = false;
  for (const [key, value] of Object.entries(after)) {
    if (value === undefined) continue;
    const old = before[key];
    if (deepEqual(old, value)) continue;
    const mergeKey = mergeKeys[key];
    if (mergeKey && Array.isArray(value) && Array.isArray(old)) {
      const listPatch = diffList(old, value, mergeKey);
      if (!listPatch) continue;
      patch[key] = listPatch.items;
      patch[`$setElementOrder/${key}`] = listPatch.order;
    } else if (isPlainObject(value) && isPlainObject(old)) {
      const nested = diffMaps(old, value, {});
      if (!nested) continue;
      patch[key] = nested;
    } else {
      patch[key] = value;
    }
    changed = true;
  }
  for (const key of Object.keys(before)) {
    if (before[key] !== undefined && after[key] === undefined) {
      patch[key] = null;
      changed = true;
    }
  }
  return changed ? patch : undefined;
}

function diffList(
  before: unknown[],
  after: unknown[],
  mergeKey: string,
): { items: unknown[]; order: unknown[] } | undefined {
  const keyOf = (item: unknown) => (isPlainObject(item) ? item[mergeKey] : undefined);
  const old = new Map<unknown, Json>();
  for (const item of before) if (isPlainObject(item)) old.set(keyOf(item), item);
  const items: unknown[] = [];
  const seen = new Set<unknown>();
  for (const item of after) {
    if (!isPlainObject(item)) continue;
    const key = keyOf(item);
    seen.add(key);
    const previous = old.get(key);
    if (!previous) items.push(item);
    else {
      const changed = diffMaps(previous, item, {});
      if (changed) items.push({ [mergeKey]: key, ...changed });
    }
  }
  for (const key of old.keys()) if (!seen.has(key)) items.push({ [mergeKey]: key, $patch: 'delete' });
  const order = after.map((item) => ({ [mergeKey]: keyOf(item) }));
  const reordered = !deepEqual(
    before.map(keyOf).filter((k) => seen.has(k)),
    after.map(keyOf).filter((k) => old.has(k)),
  );
  if (items.length === 0 && !reordered) return undefined;
  return { items, order };
}

/** The patch turning status `before` into `after`; undefined when they are the same. */
export function statusPatch(before: Json, after: Json, mergeKeys: Readonly<Record<string, string>>): Json | undefined {
  return diffMaps(before, after, mergeKeys);
}
