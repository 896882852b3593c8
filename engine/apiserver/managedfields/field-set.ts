// Field sets: the tries of field paths that managedFields entries own, as structured-merge-diff's fieldpath.Set.
// A node per path element (keyed by its serialized form, see path-element.ts) says whether the path itself is a
// member and holds the set below it. Sets are immutable once built; the operations share unchanged subtrees.

import { sortElements } from './path-element.ts';

export interface FieldNode {
  readonly member: boolean;
  /** Undefined or non-empty. */
  readonly children: FieldSet | undefined;
}

/** Every node is a member or has children: an empty set is a map of size 0. */
export type FieldSet = ReadonlyMap<string, FieldNode>;

interface MutableNode {
  member: boolean;
  children: MutableFieldSet | undefined;
}

/** A set being built by inserting paths; hand it on as a FieldSet once complete. */
export type MutableFieldSet = Map<string, MutableNode>;

export const EMPTY_SET: FieldSet = new Map();

export function newFieldSet(): MutableFieldSet {
  return new Map();
}

/** Inserts the first `length` elements of `path` as a member (the empty path, the whole object, is never owned). */
export function insertPath(set: MutableFieldSet, path: readonly string[], length = path.length): void {
  if (length === 0) return;
  let level = set;
  for (let i = 0; i < length - 1; i++) {
    const element = path[i]!;
    let node = level.get(element);
    if (!node) {
      node = { member: false, children: undefined };
      level.set(element, node);
    }
    node.children ??= new Map();
    level = node.children;
  }
  const last = path[length - 1]!;
  const node = level.get(last);
  if (node) node.member = true;
  else level.set(last, { member: true, children: undefined });
}

/** A set of the given paths. */
export function fieldSetOf(paths: readonly (readonly string[])[]): FieldSet {
  const set = newFieldSet();
  for (const path of paths) insertPath(set, path);
  return set;
}

export function isEmpty(set: FieldSet): boolean {
  return set.size === 0;
}

/** Whether `path` is a member. */
export function has(set: FieldSet, path: readonly string[]): boolean {
  let level: FieldSet | undefined = set;
  for (let i = 0; i < path.length; i++) {
    const node: FieldNode | undefined = level?.get(path[i]!);
    if (!node) return false;
    if (i === path.length - 1) return node.member;
    level = node.children;
  }
  return false;
}

/** The paths below `element`, without it. */
export function withPrefix(set: FieldSet, element: string): FieldSet {
  return set.get(element)?.children ?? EMPTY_SET;
}

function node(member: boolean, children: FieldSet | undefined): FieldNode | undefined {
  const kept = children && children.size > 0 ? children : undefined;
  return member || kept ? { member, children: kept } : undefined;
}

export function union(a: FieldSet, b: FieldSet): FieldSet {
  if (a.size === 0) return b;
  if (b.size === 0) return a;
  const out = new Map(a);
  for (const [element, nb] of b) {
    const na = a.get(element);
    if (!na) {
      out.set(element, nb);
      continue;
    }
    const children = na.children && nb.children ? union(na.children, nb.children) : (na.children ?? nb.children);
    out.set(element, { member: na.member || nb.member, children });
  }
  return out;
}

export function intersection(a: FieldSet, b: FieldSet): FieldSet {
  const out = new Map<string, FieldNode>();
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const [element, ns] of small) {
    const nl = large.get(element);
    if (!nl) continue;
    const children = ns.children && nl.children ? intersection(ns.children, nl.children) : undefined;
    const n = node(ns.member && nl.member, children);
    if (n) out.set(element, n);
  }
  return out;
}

/** Paths of `a` not in `b`; as upstream, a member of `b` does not take away the children of the same path in `a`. */
export function difference(a: FieldSet, b: FieldSet): FieldSet {
  if (a.size === 0 || b.size === 0) return a;
  const out = new Map<string, FieldNode>();
  for (const [element, na] of a) {
    const nb = b.get(element);
    if (!nb) {
      out.set(element, na);
      continue;
    }
    const children = na.children && nb.children ? difference(na.children, nb.children) : na.children;
    const n = node(na.member && !nb.member, children);
    if (n) out.set(element, n);
  }
  return out;
}

/** Paths of `a` not in `b`, where a member of `b` also takes away everything below it. */
export function recursiveDifference(a: FieldSet, b: FieldSet): FieldSet {
  if (a.size === 0 || b.size === 0) return a;
  const out = new Map<string, FieldNode>();
  for (const [element, na] of a) {
    const nb = b.get(element);
    if (!nb) {
      out.set(element, na);
      continue;
    }
    if (nb.member) continue;
    const children = na.children && nb.children ? recursiveDifference(na.children, nb.children) : na.children;
    const n = node(na.member, children);
    if (n) out.set(element, n);
  }
  return out;
}

export function equals(a: FieldSet, b: FieldSet): boolean {
  if (a === b) return true;
  if (a.size !== b.size) return false;
  for (const [element, na] of a) {
    const nb = b.get(element);
    if (!nb || na.member !== nb.member) return false;
    if (!equals(na.children ?? EMPTY_SET, nb.children ?? EMPTY_SET)) return false;
  }
  return true;
}

/** Every member path, in upstream's order: at each level the members (sorted), then the subsets (sorted). */
export function memberPaths(set: FieldSet): string[][] {
  const out: string[][] = [];
  collect(set, [], out);
  return out;
}

function collect(set: FieldSet, prefix: string[], out: string[][]): void {
  const sorted = sortElements(set.keys());
  for (const element of sorted) if (set.get(element)!.member) out.push([...prefix, element]);
  for (const element of sorted) {
    const children = set.get(element)!.children;
    if (children) collect(children, [...prefix, element], out);
  }
}
