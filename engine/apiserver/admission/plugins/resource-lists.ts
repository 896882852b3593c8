// ResourceLists as admission computes with them (k8s.io/kubernetes/pkg/quota/v1 resources.go): a map from
// resource name to Quantity, read from an object's JSON, summed, masked, compared and printed as upstream does.

import type { Quantity } from '../../../api/quantity.ts';
import { record } from '../../validation/access.ts';
import { ZERO_QUANTITY, tryQuantity } from '../../validation/core/quantities.ts';

export type ResourceList = Map<string, Quantity>;

/** The quantities of a JSON resource list (entries that are not quantities are left out). */
export function resourceList(value: unknown): ResourceList {
  const out: ResourceList = new Map();
  for (const [name, raw] of Object.entries(record(value) ?? {})) {
    const quantity = tryQuantity(raw);
    if (quantity) out.set(name, quantity);
  }
  return out;
}

/** A resource list as JSON, its names sorted as Go writes map keys. */
export function resourceListJson(list: ResourceList): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of sortedNames(list)) out[name] = list.get(name)!.toString();
  return out;
}

/** Adds `source` into `target`, name by name. */
export function addInto(target: ResourceList, source: ResourceList): void {
  for (const [name, quantity] of source) {
    const existing = target.get(name);
    target.set(name, existing ? existing.add(quantity) : quantity);
  }
}

/** Raises each of `target`'s quantities to `source`'s where that is greater. */
export function maxInto(target: ResourceList, source: ResourceList): void {
  for (const [name, quantity] of source) {
    const existing = target.get(name);
    if (!existing || quantity.cmp(existing) > 0) target.set(name, quantity);
  }
}

/** quota.Add: the sum of two lists. */
export function addLists(a: ResourceList, b: ResourceList): ResourceList {
  const out = new Map(a);
  addInto(out, b);
  return out;
}

/** quota.SubtractWithNonNegativeResult: a − b per name, never below zero, over the names of both. */
export function subtractNonNegative(a: ResourceList, b: ResourceList): ResourceList {
  const out: ResourceList = new Map();
  for (const [name, quantity] of a) {
    const other = b.get(name);
    const difference = other ? quantity.sub(other) : quantity;
    out.set(name, difference.cmp(ZERO_QUANTITY) > 0 ? difference : ZERO_QUANTITY);
  }
  for (const name of b.keys()) if (!out.has(name)) out.set(name, ZERO_QUANTITY);
  return out;
}

/** quota.Mask: only the given names. */
export function mask(list: ResourceList, names: Iterable<string>): ResourceList {
  const out: ResourceList = new Map();
  for (const name of names) {
    const quantity = list.get(name);
    if (quantity) out.set(name, quantity);
  }
  return out;
}

/** quota.RemoveZeros. */
export function removeZeros(list: ResourceList): ResourceList {
  return new Map([...list].filter(([, quantity]) => !quantity.isZero()));
}

/** quota.Equals: the same names with equal quantities. */
export function sameLists(a: ResourceList, b: ResourceList): boolean {
  if (a.size !== b.size) return false;
  for (const [name, quantity] of a) {
    const other = b.get(name);
    if (!other || other.cmp(quantity) !== 0) return false;
  }
  return true;
}

/** The names whose quantity in `a` is greater than in `b` (quota.LessThanOrEqual's failures), sorted. */
export function exceededNames(a: ResourceList, b: ResourceList): string[] {
  return sortedNames(b).filter((name) => {
    const value = a.get(name);
    return value !== undefined && value.cmp(b.get(name)!) > 0;
  });
}

/** `name=quantity` pairs sorted by name and joined with commas, as the quota errors print lists. */
export function prettyPrint(list: ResourceList): string {
  return sortedNames(list)
    .map((name) => `${name}=${list.get(name)!.toString()}`)
    .join(',');
}

export function sortedNames(list: ResourceList): string[] {
  return [...list.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
