// The field-ownership engine (structured-merge-diff's merge.Updater): Update moves every changed field to the
// writer; Apply merges a configuration, prunes what its applier no longer specifies (unless someone else owns it),
// and fails on fields whose value it changes while another manager owns them — unless forced, which takes them over.

import type { Comparison } from './compare.ts';
import { compare } from './compare.ts';
import type { FieldSet } from './field-set.ts';
import { EMPTY_SET, difference, intersection, isEmpty, memberPaths, recursiveDifference, union } from './field-set.ts';
import type { VersionedSet } from './managers.ts';
import { merge } from './merge.ts';
import { ensureNamedFieldsAreMembers } from './named-fields.ts';
import { compareStrings } from './path-element.ts';
import { removeItems } from './remove-items.ts';
import { toFieldSet } from './to-field-set.ts';
import type { TypeNode } from './type-node.ts';

export interface UpdaterContext {
  readonly type: TypeNode;
  /** A built-in kind: compared with the fields of its Go zero value, as a decoded Go object has them. */
  readonly typed: boolean;
  /** Fields nobody can own through this endpoint (the strategy's reset fields), as members. */
  readonly ignored: FieldSet;
}

export interface Conflict {
  /** The manager identifier (see managers.ts). */
  readonly manager: string;
  readonly path: readonly string[];
}

/** Apply would change fields that other managers own. */
export class ApplyConflicts extends Error {
  constructor(readonly conflicts: readonly Conflict[]) {
    super(`${conflicts.length} apply conflicts`);
    this.name = 'ApplyConflicts';
  }
}

type Managers = Map<string, VersionedSet>;

function filter(set: FieldSet, ctx: UpdaterContext): FieldSet {
  return recursiveDifference(set, ctx.ignored);
}

/**
 * Takes changed fields away from the other managers (failing on conflicts unless forced) and drops empty entries.
 * Returns the comparison of the two objects, and the same without the ignored fields.
 */
function reassign(
  live: unknown,
  next: unknown,
  managers: Managers,
  workflow: string,
  force: boolean,
  ctx: UpdaterContext,
): { raw: Comparison; comparison: Comparison } {
  const raw = compare(live, next, ctx.type, { lhsTyped: ctx.typed, rhsTyped: ctx.typed });
  const comparison = {
    added: filter(raw.added, ctx),
    modified: filter(raw.modified, ctx),
    removed: filter(raw.removed, ctx),
  };
  const changed = union(comparison.modified, comparison.added);
  const conflicts = new Map<string, FieldSet>();
  for (const [manager, versioned] of managers) {
    if (manager === workflow) continue;
    const conflict = intersection(versioned.set, changed);
    if (!isEmpty(conflict)) conflicts.set(manager, conflict);
  }
  if (!force && conflicts.size > 0) throw new ApplyConflicts(conflictList(conflicts));
  for (const [manager, versioned] of managers) {
    if (manager === workflow) continue;
    let set = versioned.set;
    const conflict = conflicts.get(manager);
    if (conflict) set = difference(set, conflict);
    set = difference(set, comparison.removed);
    if (set !== versioned.set) managers.set(manager, { ...versioned, set });
  }
  for (const [manager, versioned] of managers) if (isEmpty(versioned.set)) managers.delete(manager);
  return { raw, comparison };
}

function conflictList(conflicts: Map<string, FieldSet>): Conflict[] {
  const out: Conflict[] = [];
  for (const manager of [...conflicts.keys()].sort(compareStrings)) {
    for (const path of memberPaths(conflicts.get(manager)!)) out.push({ manager, path });
  }
  return out;
}

/** Records a non-apply write of `next` over `live` by `manager`, in place on `managers`. */
export function update(
  live: unknown,
  next: unknown,
  apiVersion: string,
  managers: Managers,
  manager: string,
  ctx: UpdaterContext,
): void {
  const { comparison } = reassign(live, next, managers, manager, true, ctx);
  const previous = managers.get(manager)?.set ?? EMPTY_SET;
  const set = filter(
    union(union(difference(previous, comparison.removed), comparison.modified), comparison.added),
    ctx,
  );
  if (isEmpty(set)) managers.delete(manager);
  else managers.set(manager, { set, apiVersion, applied: false });
}

/**
 * Applies `config` over `live` for `manager`, updating `managers` in place. Returns the new object, or undefined
 * when the object does not change — as a Go object would not: a null or empty value the configuration adds where
 * the Go type always has one is no change. Throws ApplyConflicts unless `force`, TypedValueError on bad lists.
 */
export function apply(
  live: unknown,
  config: unknown,
  apiVersion: string,
  managers: Managers,
  manager: string,
  force: boolean,
  ctx: UpdaterContext,
): unknown {
  const merged = merge(live, config, ctx.type);
  const lastSet = managers.get(manager)?.set;
  managers.set(manager, { set: filter(toFieldSet(config, ctx.type), ctx), apiVersion, applied: true });
  const pruned = lastSet && !isEmpty(lastSet) ? prune(merged, managers, lastSet, ctx) : merged;
  const { raw } = reassign(live, pruned, managers, manager, force, ctx);
  return isEmpty(raw.added) && isEmpty(raw.modified) && isEmpty(raw.removed) ? undefined : pruned;
}

/** Removes what the applier applied last time but not now, unless another manager (or the new config) owns it. */
function prune(merged: unknown, managers: Managers, lastSet: FieldSet, ctx: UpdaterContext): unknown {
  const ensure = (set: FieldSet): FieldSet => ensureNamedFieldsAreMembers(set, ctx.type);
  const last = ensure(lastSet);
  let pruned = removeItems(merged, last, ctx.type);

  let owned: FieldSet = EMPTY_SET;
  for (const versioned of managers.values()) owned = union(owned, versioned.set);
  const mergedSet = ensure(toFieldSet(merged, ctx.type));
  const prunedSet = ensure(toFieldSet(pruned, ctx.type));
  pruned = removeItems(merged, difference(mergedSet, union(prunedSet, ensure(owned))), ctx.type);

  const dangling = intersection(difference(mergedSet, ensure(toFieldSet(pruned, ctx.type))), last);
  return removeItems(merged, dangling, ctx.type);
}
