// Removing fields and list items from a value (structured-merge-diff's TypedValue.RemoveItems): a member of the set
// goes away with everything below it; a path with members below it is walked into. A map or list that loses all its
// content goes away too (upstream leaves a null there, which decoding into the Go type turns into the same thing).

import { isPlainObject } from '../../api/object.ts';
import type { FieldSet } from './field-set.ts';
import { withPrefix } from './field-set.ts';
import { listItemElementOrUndefined } from './list-item-key.ts';
import { fieldElement } from './path-element.ts';
import type { ListType, MapType, TypeNode } from './type-node.ts';
import { ANY_TYPE, fieldType, resolveType } from './type-node.ts';

/** `value` without the members of `toRemove`; undefined when nothing is left of it. */
export function removeItems(value: unknown, toRemove: FieldSet, type: TypeNode): unknown {
  if (toRemove.size === 0) return value;
  const resolved = resolveType(type, value);
  if (resolved.kind === 'list') return removeFromList(value, toRemove, resolved);
  if (resolved.kind === 'map') return removeFromMap(value, toRemove, resolved);
  return value;
}

function removeFromList(value: unknown, toRemove: FieldSet, list: ListType): unknown {
  if (!Array.isArray(value) || value.length === 0) return value;
  if (list.atomic) return undefined;
  const items: unknown[] = [];
  for (const item of value) {
    const element = listItemElementOrUndefined(list, item);
    if (element === undefined) {
      items.push(item);
      continue;
    }
    if (toRemove.get(element)?.member) continue;
    const kept = removeItems(item, withPrefix(toRemove, element), list.element);
    if (kept !== undefined) items.push(kept);
  }
  return items.length > 0 ? items : undefined;
}

function removeFromMap(value: unknown, toRemove: FieldSet, map: MapType): unknown {
  if (!isPlainObject(value)) return value;
  let empty = true;
  for (const _ in value) {
    empty = false;
    break;
  }
  if (empty) return value;
  if (map.atomic) return undefined;
  const out: Record<string, unknown> = {};
  let kept = false;
  for (const key in value) {
    const element = fieldElement(key);
    if (toRemove.get(element)?.member) continue;
    const child = removeItems(value[key], withPrefix(toRemove, element), fieldType(map, key) ?? ANY_TYPE);
    if (child === undefined) continue;
    out[key] = child;
    kept = true;
  }
  return kept ? out : undefined;
}
