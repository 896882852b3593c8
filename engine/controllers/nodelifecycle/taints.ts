// Taint arithmetic (pkg/util/taints): taints are the same taint when key and effect match; adding one replaces its
// match, removing one drops every match, and the difference of two sets is what to add and what to remove.

import type { Taint } from './node-types.ts';

export function matchTaint(a: Taint, b: Taint): boolean {
  return a.key === b.key && a.effect === b.effect;
}

export function taintExists(taints: readonly Taint[] | null | undefined, taint: Taint): boolean {
  return (taints ?? []).some((t) => matchTaint(t, taint));
}

function sameTaint(a: Taint, b: Taint): boolean {
  return matchTaint(a, b) && (a.value ?? '') === (b.value ?? '') && (a.timeAdded ?? null) === (b.timeAdded ?? null);
}

/** AddOrUpdateTaint: the taints with `taint` in place of its match (or appended); undefined if already there as is. */
export function addOrUpdateTaint(taints: readonly Taint[], taint: Taint): Taint[] | undefined {
  const match = taints.find((t) => matchTaint(t, taint));
  if (match && sameTaint(match, taint)) return undefined;
  if (!match) return [...taints, taint];
  return taints.map((t) => (t === match ? taint : t));
}

/** RemoveTaint: the taints without `taint`'s matches; undefined if there were none. */
export function removeTaint(taints: readonly Taint[], taint: Taint): Taint[] | undefined {
  const kept = taints.filter((t) => !matchTaint(t, taint));
  return kept.length === taints.length ? undefined : kept;
}

/** TaintSetDiff: the taints of `wanted` missing from `current`, and those of `current` not wanted. */
export function taintSetDiff(wanted: readonly Taint[], current: readonly Taint[]): [Taint[], Taint[]] {
  const toAdd = wanted.filter((t) => !taintExists(current, t));
  const toRemove = current.filter((t) => !taintExists(wanted, t));
  return [toAdd, toRemove];
}
