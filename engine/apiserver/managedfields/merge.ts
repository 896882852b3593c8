// Merging an applied configuration into the live object (structured-merge-diff's TypedValue.Merge): the
// configuration's value wins at every leaf (scalars, atomic lists and maps, empty containers); granular maps merge
// key by key; associative lists merge item by item, matched by key, ordered like the configuration where it speaks.
// Nothing is removed here — removal is pruning (see updater.ts). The result shares unchanged subtrees with its inputs.

import { isPlainObject } from '../../api/object.ts';
import { TypedValueError, listItemElement } from './list-item-key.ts';
import { formatPath } from './path-element.ts';
import type { ListType, MapType, TypeNode } from './type-node.ts';
import { ANY_TYPE, fieldType, resolveType } from './type-node.ts';

/** Merges `rhs` into `lhs`; undefined is an absent value. Throws TypedValueError on duplicate keys in `rhs`. */
export function merge(lhs: unknown, rhs: unknown, type: TypeNode): unknown {
  if (lhs === undefined) return rhs;
  if (rhs === undefined) return lhs;
  const left = resolveType(type, lhs);
  const right = resolveType(type, rhs);
  if (left.kind !== right.kind || right.kind === 'scalar') return rhs;
  if (right.kind === 'list') return mergeList(lhs, rhs, right);
  return mergeMap(lhs, rhs, right);
}

function mergeMap(lhs: unknown, rhs: unknown, map: MapType): unknown {
  const l = isPlainObject(lhs) ? lhs : undefined;
  const r = isPlainObject(rhs) ? rhs : undefined;
  if (map.atomic || ((!l || isEmptyObject(l)) && (!r || isEmptyObject(r)))) return rhs;
  const out: Record<string, unknown> = {};
  if (l) {
    for (const key in l) {
      const rv = r && Object.hasOwn(r, key) ? r[key] : undefined;
      const merged = merge(l[key], rv, fieldType(map, key) ?? ANY_TYPE);
      if (merged !== undefined) out[key] = merged;
    }
  }
  if (r) {
    for (const key in r) if (!l || !Object.hasOwn(l, key)) out[key] = r[key];
  }
  return out;
}

function mergeList(lhs: unknown, rhs: unknown, list: ListType): unknown {
  const l = Array.isArray(lhs) ? lhs : [];
  const r = Array.isArray(rhs) ? rhs : [];
  if (list.atomic || (l.length === 0 && r.length === 0)) return rhs;

  const rhsElements: string[] = [];
  const observedRHS = new Map<string, unknown>();
  for (const item of r) {
    const element = listItemElement(list, item);
    if (observedRHS.has(element)) throw new TypedValueError(`duplicate entries for key ${formatPath([element])}`);
    observedRHS.set(element, item);
    rhsElements.push(element);
  }
  const lhsElements: string[] = [];
  const observedLHS = new Map<string, unknown>();
  for (const item of l) {
    const element = listItemElement(list, item);
    // Duplicated live items are not merged with the configuration.
    observedLHS.set(element, observedLHS.has(element) ? null : item);
    lhsElements.push(element);
  }

  const sharedOrder = rhsElements.filter((element) => observedLHS.has(element));
  let shared = 0;
  let nextShared = sharedOrder[shared++];
  const mergedRHS = new Set<string>();
  const out: unknown[] = [];
  const push = (lChild: unknown, rChild: unknown): void => {
    const merged = merge(lChild, rChild, list.element);
    if (merged !== undefined) out.push(merged);
  };

  let lI = 0;
  let rI = 0;
  while (lI < lhsElements.length || rI < rhsElements.length) {
    if (lI < lhsElements.length && rI < rhsElements.length) {
      const element = lhsElements[lI]!;
      if (element === rhsElements[rI]) {
        mergedRHS.add(element);
        push(observedLHS.get(element), observedRHS.get(element));
        lI++;
        rI++;
        nextShared = sharedOrder[shared++];
        continue;
      }
      if (observedRHS.has(element) && nextShared !== undefined && nextShared !== element) {
        lI++;
        continue;
      }
    }
    if (lI < lhsElements.length) {
      const element = lhsElements[lI]!;
      if (!observedRHS.has(element)) {
        push(l[lI], undefined);
        lI++;
        continue;
      } else if (mergedRHS.has(element)) lI++;
    }
    if (rI < rhsElements.length) {
      const element = rhsElements[rI]!;
      mergedRHS.add(element);
      push(observedLHS.get(element), observedRHS.get(element));
      rI++;
      if (nextShared !== undefined && nextShared === element) nextShared = sharedOrder[shared++];
    }
  }
  return out.length > 0 ? out : undefined;
}

function isEmptyObject(value: Record<string, unknown>): boolean {
  for (const _ in value) return false;
  return true;
}
