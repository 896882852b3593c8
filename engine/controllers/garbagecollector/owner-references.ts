// Reasoning about ownerReferences for the graph builder (graph_builder.go): how a dependent's references changed
// between two versions, which dependents agree with an owner's observed coordinates, and which other identity a
// virtual owner may have when its dependents disagree about it.

import { deepEqual } from '../../api/json.ts';
import type { OwnerReference } from '../../api/object.ts';
import type { GraphNode, ObjectIdentity } from './graph.ts';
import { identityOfReference, referenceMatches, sameIdentity } from './graph.ts';

export interface ReferencesDiff {
  added: OwnerReference[];
  removed: OwnerReference[];
  changed: { oldRef: OwnerReference; newRef: OwnerReference }[];
}

/** References added, removed, or changed in another field, matched by uid. */
export function referencesDiff(oldRefs: OwnerReference[], newRefs: OwnerReference[]): ReferencesDiff {
  const oldByUid = new Map(oldRefs.map((ref) => [ref.uid, ref]));
  const diff: ReferencesDiff = { added: [], removed: [], changed: [] };
  for (const ref of newRefs) {
    const old = oldByUid.get(ref.uid);
    if (!old) diff.added.push(ref);
    else if (!deepEqual(old, ref)) diff.changed.push({ oldRef: old, newRef: ref });
    oldByUid.delete(ref.uid);
  }
  diff.removed.push(...oldByUid.values());
  return diff;
}

/**
 * Splits dependents into those with a reference matching the owner's identity and those with a reference to its uid
 * under other coordinates (or in another namespace than a namespaced owner). A dependent can be in both lists.
 */
export function partitionDependents(
  dependents: Iterable<GraphNode>,
  owner: ObjectIdentity,
): { matching: GraphNode[]; nonmatching: GraphNode[] } {
  const matching: GraphNode[] = [];
  const nonmatching: GraphNode[] = [];
  const ownerNamespaced = owner.namespace !== '';
  for (const dep of dependents) {
    let match = false;
    let mismatch = false;
    if (ownerNamespaced && dep.identity.namespace !== owner.namespace) {
      mismatch = true;
    } else {
      for (const ref of dep.owners) {
        if (ref.uid !== owner.uid) continue;
        if (referenceMatches(ref, owner)) match = true;
        else mismatch = true;
      }
    }
    if (match) matching.push(dep);
    if (mismatch) nonmatching.push(dep);
  }
  return { matching, nonmatching };
}

/** Kind and apiVersion first, then namespace, name and uid (upstream's referenceLessThan). */
function lessThan(a: ObjectIdentity, b: ObjectIdentity): boolean {
  for (const field of ['kind', 'apiVersion', 'namespace', 'name', 'uid'] as const) {
    if (a[field] !== b[field]) return a[field] < b[field];
  }
  return false;
}

/**
 * Another identity the dependents give the absent owner's uid: the first following `absent` in lessThan order, or
 * else the first of all; undefined when every dependent agrees with `absent`.
 */
export function alternateOwnerIdentity(
  dependents: Iterable<GraphNode>,
  absent: ObjectIdentity,
): ObjectIdentity | undefined {
  const absentClusterScoped = absent.namespace === '';
  const seen: ObjectIdentity[] = [absent];
  let first: ObjectIdentity | undefined;
  let firstFollowing: ObjectIdentity | undefined;
  for (const dep of dependents) {
    for (const ref of dep.owners) {
      if (ref.uid !== absent.uid) continue;
      if (referenceMatches(ref, absent) && (absentClusterScoped || absent.namespace === dep.identity.namespace)) {
        continue;
      }
      const candidate = identityOfReference(ref, dep.identity.namespace);
      // The absent identity's apiVersion/kind is known to be cluster-scoped.
      if (absentClusterScoped && candidate.apiVersion === absent.apiVersion && candidate.kind === absent.kind) {
        candidate.namespace = '';
      }
      if (seen.some((s) => sameIdentity(s, candidate))) continue;
      seen.push(candidate);
      if (!first || lessThan(candidate, first)) first = candidate;
      if (lessThan(absent, candidate) && (!firstFollowing || lessThan(candidate, firstFollowing))) {
        firstFollowing = candidate;
      }
    }
  }
  return firstFollowing ?? first;
}
