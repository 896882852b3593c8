// The patches the garbage collector sends (patch.go): dropping ownerReferences and unblocking them — as strategic
// merge patches carrying the dependent's uid (a precondition), or for kinds without strategic merge (custom
// resources) as JSON merge patches carrying the resourceVersion they were computed from — and removing a finalizer.

import type { KubeObject, OwnerReference } from '../../api/object.ts';
import type { GraphNode } from './graph.ts';

export type Patch = { metadata: Record<string, unknown> };

/** Deletes the references to `ownerUids` by their merge key; fails with a Conflict if the uid is another object's. */
export function deleteOwnerRefStrategicMergePatch(dependentUid: string, ownerUids: string[]): Patch {
  return { metadata: { ownerReferences: ownerUids.map((uid) => ({ $patch: 'delete', uid })), uid: dependentUid } };
}

/** The object's references without those to `ownerUids`. */
export function deleteOwnerRefJsonMergePatch(live: KubeObject, ownerUids: string[]): Patch {
  const kept = (live.metadata.ownerReferences ?? []).filter((ref) => !ownerUids.includes(ref.uid));
  return ownerReferencesMergePatch(live, kept);
}

/** Sets blockOwnerDeletion to false on every reference of the node that blocks its owner. */
export function unblockOwnerReferencesStrategicMergePatch(node: GraphNode): Patch {
  const unblocked = node.owners
    .filter((ref) => ref.blockOwnerDeletion === true)
    .map((ref) => ({ ...ref, blockOwnerDeletion: false }));
  return { metadata: { ownerReferences: unblocked, uid: node.identity.uid } };
}

/** The object's references, none of them blocking. */
export function unblockOwnerReferencesJsonMergePatch(live: KubeObject): Patch {
  const refs = (live.metadata.ownerReferences ?? []).map((ref) => ({ ...ref, blockOwnerDeletion: false }));
  return ownerReferencesMergePatch(live, refs);
}

/** The object's finalizers without `finalizer`, at the resourceVersion they were read at. */
export function removeFinalizerMergePatch(live: KubeObject, finalizer: string): Patch {
  const kept = (live.metadata.finalizers ?? []).filter((f) => f !== finalizer);
  return { metadata: { resourceVersion: live.metadata.resourceVersion, finalizers: kept.length ? kept : null } };
}

function ownerReferencesMergePatch(live: KubeObject, refs: OwnerReference[]): Patch {
  return { metadata: { resourceVersion: live.metadata.resourceVersion, ownerReferences: refs.length ? refs : null } };
}
