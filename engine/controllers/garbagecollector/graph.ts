// The garbage collector's ownership graph (pkg/controller/garbagecollector/graph.go): one node per object uid, with
// the object's identity, the owners its metadata names, the nodes that name it as an owner, and whether it is being
// deleted (and waits for its dependents). A node is "virtual" while it is known only from someone's ownerReference.

import type { OwnerReference } from '../../api/object.ts';

/** The coordinates of an object: an ownerReference's fields plus the namespace (as upstream's objectReference). */
export interface ObjectIdentity {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  namespace: string;
}

export function sameIdentity(a: ObjectIdentity, b: ObjectIdentity): boolean {
  return (
    a.uid === b.uid &&
    a.name === b.name &&
    a.kind === b.kind &&
    a.apiVersion === b.apiVersion &&
    a.namespace === b.namespace
  );
}

/** "v1/ConfigMap, namespace: lab, name: web, uid: …", for messages. */
export function describeIdentity(id: ObjectIdentity): string {
  return `[${id.apiVersion}/${id.kind}, namespace: ${id.namespace}, name: ${id.name}, uid: ${id.uid}]`;
}

/** Whether an ownerReference names the identity's uid, name, kind and apiVersion. */
export function referenceMatches(ref: OwnerReference, id: ObjectIdentity): boolean {
  return ref.uid === id.uid && ref.name === id.name && ref.kind === id.kind && ref.apiVersion === id.apiVersion;
}

/** The identity an ownerReference gives its owner, seen from a dependent in `namespace`. */
export function identityOfReference(ref: OwnerReference, namespace: string): ObjectIdentity {
  return { apiVersion: ref.apiVersion, kind: ref.kind, name: ref.name, uid: ref.uid, namespace };
}

export class GraphNode {
  readonly dependents = new Set<GraphNode>();

  constructor(
    public identity: ObjectIdentity,
    public owners: OwnerReference[],
    /** Known only from ownerReferences, never observed through an informer. */
    public virtual: boolean,
    /** deletionTimestamp is set: a one-way trip to the final deletion. */
    public beingDeleted = false,
    /** deletionTimestamp is set and the foregroundDeletion finalizer waits for the dependents. */
    public deletingDependents = false,
  ) {}

  /** Dependents whose ownerReference to this node has blockOwnerDeletion: true. */
  blockingDependents(): GraphNode[] {
    return [...this.dependents].filter((dep) =>
      dep.owners.some((ref) => ref.uid === this.identity.uid && ref.blockOwnerDeletion === true),
    );
  }
}
