// The garbage collector's graph builder (graph_builder.go): the single writer of the ownership graph. It takes the
// events of the monitors (and the virtual deletes of the workers) one at a time, keeps uid → node up to date — adding
// "virtual" nodes for owners it has not observed — and puts on the attemptToDelete queue the objects that may have
// become garbage, and on the attemptToOrphan queue the owners whose dependents must be orphaned. Queues hold uids.

import type { KubeObject, ObjectMeta, OwnerReference } from '../../api/object.ts';
import type { WorkQueue } from '../../client/workqueue.ts';
import type { ObjectIdentity } from './graph.ts';
import { GraphNode, identityOfReference, referenceMatches, sameIdentity } from './graph.ts';
import type { GraphEvent } from './graph-changes.ts';
import { GraphChanges } from './graph-changes.ts';
import { alternateOwnerIdentity, partitionDependents, referencesDiff } from './owner-references.ts';
import type { ReferencesDiff } from './owner-references.ts';
import { ReferenceCache } from './reference-cache.ts';

export const FINALIZER_DELETE_DEPENDENTS = 'foregroundDeletion';
export const FINALIZER_ORPHAN_DEPENDENTS = 'orphan';

export function hasFinalizer(meta: ObjectMeta, finalizer: string): boolean {
  return meta.finalizers?.includes(finalizer) ?? false;
}

/** The object is being deleted with `finalizer`, and was not (or not with it) before. */
function deletionStartsWithFinalizer(oldObj: KubeObject | undefined, meta: ObjectMeta, finalizer: string): boolean {
  if (!meta.deletionTimestamp || !hasFinalizer(meta, finalizer)) return false;
  if (!oldObj) return true;
  return !oldObj.metadata.deletionTimestamp || !hasFinalizer(oldObj.metadata, finalizer);
}

function identityFromEvent(event: GraphEvent): ObjectIdentity {
  const meta = event.obj.metadata;
  return {
    apiVersion: event.apiVersion,
    kind: event.kind,
    name: meta.name ?? '',
    uid: meta.uid ?? '',
    namespace: meta.namespace ?? '',
  };
}

export class GraphBuilder {
  readonly uidToNode = new Map<string, GraphNode>();
  /** Owners the API server said are gone; shared with the workers. */
  readonly absentOwnerCache = new ReferenceCache();
  private readonly changes = new GraphChanges();

  constructor(
    private readonly attemptToDelete: WorkQueue,
    private readonly attemptToOrphan: WorkQueue,
  ) {}

  /** What the monitors' handlers call: the event waits its turn. */
  enqueue(event: GraphEvent): void {
    this.changes.add(event);
  }

  /** Tells the graph an object is gone, as the API server said (its node may be virtual). */
  enqueueVirtualDeleteEvent(id: ObjectIdentity): void {
    this.changes.add({
      type: 'delete',
      virtual: true,
      apiVersion: id.apiVersion,
      kind: id.kind,
      obj: {
        apiVersion: id.apiVersion,
        kind: id.kind,
        metadata: { name: id.name, uid: id.uid, ...(id.namespace ? { namespace: id.namespace } : {}) },
      },
    });
  }

  run(): void {
    const loop = async (): Promise<void> => {
      for (;;) {
        const event = await this.changes.next();
        if (!event) return;
        this.processGraphChange(event);
      }
    };
    void loop();
  }

  stop(): void {
    this.changes.shutDown();
  }

  /** Applies one event to the graph and queues the work it calls for (processGraphChanges). */
  processGraphChange(event: GraphEvent): void {
    const meta = event.obj.metadata;
    if (!meta.uid) return;
    const existing = this.uidToNode.get(meta.uid);
    if (existing && !event.virtual && existing.virtual) this.markObserved(existing, identityFromEvent(event));

    if (event.type === 'delete') {
      if (existing) this.processDelete(event, existing);
      return;
    }
    const owners = meta.ownerReferences ?? [];
    const beingDeleted = meta.deletionTimestamp !== undefined;
    if (!existing) {
      const node = new GraphNode(
        identityFromEvent(event),
        owners,
        false,
        beingDeleted,
        beingDeleted && hasFinalizer(meta, FINALIZER_DELETE_DEPENDENTS),
      );
      this.uidToNode.set(node.identity.uid, node);
      this.addDependentToOwners(node, owners);
      this.processTransitions(event.oldObj, meta, node);
      return;
    }
    if (existing.identity.apiVersion !== event.apiVersion || existing.identity.kind !== event.kind) {
      existing.identity = { ...existing.identity, apiVersion: event.apiVersion, kind: event.kind };
    }
    const diff = referencesDiff(existing.owners, owners);
    if (diff.added.length || diff.removed.length || diff.changed.length) {
      // A dependent that stops blocking may let an owner waiting in the foreground go.
      this.addUnblockedOwnersToDeleteQueue(diff);
      existing.owners = owners;
      this.addDependentToOwners(existing, diff.added);
      this.removeDependentFromOwners(existing, diff.removed);
    }
    if (beingDeleted) existing.beingDeleted = true;
    this.processTransitions(event.oldObj, meta, existing);
  }

  /**
   * A virtual node is observed for the first time. If its dependents named it with other coordinates than the
   * object really has, they are checked again (their references may be invalid).
   */
  private markObserved(node: GraphNode, observed: ObjectIdentity): void {
    if (!sameIdentity(node.identity, observed)) {
      const { nonmatching } = partitionDependents(node.dependents, observed);
      for (const dep of nonmatching) this.attemptToDelete.add(dep.identity.uid);
      node.identity = observed;
    }
    node.virtual = false;
  }

  private processDelete(event: GraphEvent, existing: GraphNode): void {
    let removeExisting = true;
    if (event.virtual) {
      const deleted = identityFromEvent(event);
      const { matching, nonmatching } = partitionDependents(existing.dependents, deleted);
      if (existing.virtual) {
        // Not sure of a virtual node's coordinates: keep it while some dependents name it otherwise.
        if (nonmatching.length > 0) {
          removeExisting = false;
          this.collectMatching(deleted, matching);
          if (sameIdentity(existing.identity, deleted)) {
            const replacement = alternateOwnerIdentity(nonmatching, deleted);
            if (replacement) {
              existing.identity = replacement;
              this.attemptToDelete.addRateLimited(existing.identity.uid);
            }
          }
        }
      } else if (!sameIdentity(existing.identity, deleted)) {
        // An observed object is not removed on the word of a virtual delete with other coordinates.
        removeExisting = false;
        this.collectMatching(deleted, matching);
      }
    }
    if (!removeExisting) return;
    this.removeNode(existing);
    if (existing.dependents.size > 0) this.absentOwnerCache.add(identityFromEvent(event));
    for (const dep of existing.dependents) this.attemptToDelete.add(dep.identity.uid);
    for (const ref of existing.owners) {
      // An owner deleting in the foreground may now have no dependents left.
      const owner = this.uidToNode.get(ref.uid);
      if (owner?.deletingDependents) this.attemptToDelete.add(owner.identity.uid);
    }
  }

  /** The identity is verified absent: dependents naming exactly it can be collected. */
  private collectMatching(absent: ObjectIdentity, matching: GraphNode[]): void {
    if (matching.length === 0) return;
    this.absentOwnerCache.add(absent);
    for (const dep of matching) this.attemptToDelete.add(dep.identity.uid);
  }

  /**
   * Adds the node to its owners' dependents, creating virtual owners (queued, so the API server confirms whether they
   * exist). A reference that disagrees with an observed owner's coordinates or namespace queues the node itself.
   */
  private addDependentToOwners(node: GraphNode, owners: OwnerReference[]): void {
    let potentiallyInvalid = false;
    for (const ref of owners) {
      let owner = this.uidToNode.get(ref.uid);
      if (!owner) {
        owner = new GraphNode(identityOfReference(ref, node.identity.namespace), [], true);
        this.uidToNode.set(owner.identity.uid, owner);
        owner.dependents.add(node);
        this.attemptToDelete.add(owner.identity.uid);
        continue;
      }
      owner.dependents.add(node);
      if (potentiallyInvalid) continue;
      const ownerNamespaced = owner.identity.namespace !== '';
      if (ownerNamespaced && owner.identity.namespace !== node.identity.namespace) potentiallyInvalid = true;
      else if (!referenceMatches(ref, owner.identity)) potentiallyInvalid = true;
      // A virtual cluster-scoped owner named from another namespace may really be a missing namespaced object.
      else if (!ownerNamespaced && owner.identity.namespace !== node.identity.namespace && owner.virtual) {
        potentiallyInvalid = true;
      }
    }
    if (potentiallyInvalid) this.attemptToDelete.add(node.identity.uid);
  }

  private removeDependentFromOwners(node: GraphNode, owners: OwnerReference[]): void {
    for (const ref of owners) this.uidToNode.get(ref.uid)?.dependents.delete(node);
  }

  private removeNode(node: GraphNode): void {
    this.uidToNode.delete(node.identity.uid);
    this.removeDependentFromOwners(node, node.owners);
  }

  /** Owners a removed reference, or one no longer blocking, was holding back. */
  private addUnblockedOwnersToDeleteQueue(diff: ReferencesDiff): void {
    const unblocked = [
      ...diff.removed.filter((ref) => ref.blockOwnerDeletion === true).map((ref) => ref.uid),
      ...diff.changed
        .filter((c) => c.oldRef.blockOwnerDeletion === true && c.newRef.blockOwnerDeletion !== true)
        .map((c) => c.newRef.uid),
    ];
    for (const uid of unblocked) if (this.uidToNode.has(uid)) this.attemptToDelete.add(uid);
  }

  /** Deletion with the orphan finalizer starts orphaning; with foregroundDeletion, deleting the dependents first. */
  private processTransitions(oldObj: KubeObject | undefined, meta: ObjectMeta, node: GraphNode): void {
    if (deletionStartsWithFinalizer(oldObj, meta, FINALIZER_ORPHAN_DEPENDENTS)) {
      this.attemptToOrphan.add(node.identity.uid);
      return;
    }
    if (deletionStartsWithFinalizer(oldObj, meta, FINALIZER_DELETE_DEPENDENTS)) {
      node.deletingDependents = true;
      for (const dep of node.dependents) this.attemptToDelete.add(dep.identity.uid);
      this.attemptToDelete.add(node.identity.uid);
    }
  }
}
