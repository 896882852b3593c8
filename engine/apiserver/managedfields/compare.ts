// Which fields differ between two values of a type (structured-merge-diff's TypedValue.Compare): added, modified and
// removed paths. Leaves are scalars, atomic lists and maps, and empty containers; a container that appears or
// disappears as a whole is itself added or removed, which is where FieldsV1's "." members come from.
// A side marked typed is read as Go would decode it into the API struct: a present struct also has the fields of
// its Go zero value (`creationTimestamp: null`, `resources: {}`), so ownership matches a real API server's.

import { deepEqual } from '../../api/json.ts';
import { isPlainObject } from '../../api/object.ts';
import type { FieldSet, MutableFieldSet } from './field-set.ts';
import { insertPath, newFieldSet } from './field-set.ts';
import { listItemElement } from './list-item-key.ts';
import { fieldElement } from './path-element.ts';
import type { ListType, MapType, TypeNode } from './type-node.ts';
import { ANY_TYPE, ZERO_STRUCT, fieldType, implicitZero, resolveType } from './type-node.ts';

export interface Comparison {
  readonly added: FieldSet;
  readonly modified: FieldSet;
  readonly removed: FieldSet;
}

/** Whether each side is a typed object (a built-in kind), read with its Go zero-value fields. */
export interface CompareSides {
  readonly lhsTyped: boolean;
  readonly rhsTyped: boolean;
}

/** Compares `lhs` (before) with `rhs` (after); undefined is an absent value. Throws TypedValueError on bad lists. */
export function compare(lhs: unknown, rhs: unknown, type: TypeNode, sides: CompareSides): Comparison {
  const walker = new CompareWalker(sides);
  walker.node(lhs, rhs, type);
  return { added: walker.added, modified: walker.modified, removed: walker.removed };
}

class CompareWalker {
  readonly added: MutableFieldSet = newFieldSet();
  readonly modified: MutableFieldSet = newFieldSet();
  readonly removed: MutableFieldSet = newFieldSet();
  private readonly path: string[] = [];

  constructor(private readonly sides: CompareSides) {}

  node(lhs: unknown, rhs: unknown, type: TypeNode): void {
    const left = lhs === undefined ? undefined : resolveType(type, lhs);
    const right = rhs === undefined ? undefined : resolveType(type, rhs);
    const resolved = (right ?? left)!;
    let leaf = true;
    if (left && right && left.kind !== right.kind) this.leaf(lhs, rhs);
    else if (resolved.kind === 'scalar') this.leaf(lhs, rhs);
    else if (resolved.kind === 'list') leaf = this.list(lhs, rhs, resolved);
    else leaf = this.map(lhs, rhs, resolved);
    if (leaf) return;
    if (lhs === undefined) insertPath(this.added, this.path);
    else if (rhs === undefined) insertPath(this.removed, this.path);
  }

  private leaf(lhs: unknown, rhs: unknown): void {
    if (lhs === undefined) insertPath(this.added, this.path);
    else if (rhs === undefined) insertPath(this.removed, this.path);
    else if (!deepEqual(lhs, rhs)) insertPath(this.modified, this.path);
  }

  /** Returns whether the list was compared as a leaf. */
  private list(lhs: unknown, rhs: unknown, list: ListType): boolean {
    const l = Array.isArray(lhs) ? lhs : undefined;
    const r = Array.isArray(rhs) ? rhs : undefined;
    if (list.atomic || ((!l || l.length === 0) && (!r || r.length === 0))) {
      this.leaf(lhs, rhs);
      return true;
    }
    const order: string[] = [];
    const left = indexItems(list, l, order);
    const right = indexItems(list, r, order, left);
    for (const element of order) {
      const lItems = left.get(element) ?? [];
      const rItems = right.get(element) ?? [];
      this.path.push(element);
      if (lItems.length <= 1 && rItems.length <= 1) this.node(lItems[0], rItems[0], list.element);
      else if (lItems.length >= 2 && rItems.length >= 2) {
        if (!deepEqual(lItems, rItems)) insertPath(this.modified, this.path);
      } else if (lItems.length >= 2) {
        if (rItems.length > 0) this.node(undefined, rItems[0], list.element);
        insertPath(this.removed, this.path);
      } else {
        if (lItems.length > 0) this.node(lItems[0], undefined, list.element);
        insertPath(this.added, this.path);
      }
      this.path.pop();
    }
    return false;
  }

  /** Returns whether the map was compared as a leaf. */
  private map(lhs: unknown, rhs: unknown, map: MapType): boolean {
    const l = isPlainObject(lhs) ? lhs : undefined;
    const r = isPlainObject(rhs) ? rhs : undefined;
    const lTyped = this.sides.lhsTyped && l !== undefined;
    const rTyped = this.sides.rhsTyped && r !== undefined;
    if (map.atomic || (isEmptyMap(l, map, lTyped) && isEmptyMap(r, map, rTyped))) {
      this.leaf(lhs, rhs);
      return true;
    }
    if (l) for (const key in l) this.mapItem(l, r, key, map, lTyped, rTyped);
    if (r) for (const key in r) if (!l || !Object.hasOwn(l, key)) this.mapItem(l, r, key, map, lTyped, rTyped);
    if (lTyped || rTyped) {
      for (const { name } of map.shape.implicit) {
        if ((l && Object.hasOwn(l, name)) || (r && Object.hasOwn(r, name))) continue;
        this.mapItem(l, r, name, map, lTyped, rTyped);
      }
    }
    return false;
  }

  private mapItem(
    l: Record<string, unknown> | undefined,
    r: Record<string, unknown> | undefined,
    key: string,
    map: MapType,
    lTyped: boolean,
    rTyped: boolean,
  ): void {
    const lv = childValue(l, key, map, lTyped);
    const rv = childValue(r, key, map, rTyped);
    if (lv === undefined && rv === undefined) return;
    this.path.push(fieldElement(key));
    this.node(lv, rv, fieldType(map, key) ?? ANY_TYPE);
    this.path.pop();
  }
}

/** Items by path element, recording first appearances in `order` (after those already in `seen`). */
function indexItems(
  list: ListType,
  items: unknown[] | undefined,
  order: string[],
  seen?: Map<string, unknown[]>,
): Map<string, unknown[]> {
  const byElement = new Map<string, unknown[]>();
  for (const item of items ?? []) {
    const element = listItemElement(list, item);
    const existing = byElement.get(element);
    if (existing) existing.push(item);
    else {
      byElement.set(element, [item]);
      if (!seen?.has(element)) order.push(element);
    }
  }
  return byElement;
}

function childValue(m: Record<string, unknown> | undefined, key: string, map: MapType, typed: boolean): unknown {
  if (!m) return undefined;
  const value = Object.hasOwn(m, key) ? m[key] : undefined;
  if (!typed || (value !== undefined && value !== null)) return value;
  const zero = implicitZero(map, key);
  if (zero === undefined || (value === null && zero !== ZERO_STRUCT)) return value;
  return zero;
}

function isEmptyMap(m: Record<string, unknown> | undefined, map: MapType, typed: boolean): boolean {
  if (!m) return true;
  if (typed && map.shape.implicit.length > 0) return false;
  for (const _ in m) return false;
  return true;
}
