// The garbage collector (pkg/controller/garbagecollector): cascading deletion by ownerReferences. Monitors watch every
// deletable resource (rediscovered every 30 s, so custom resources join) and the graph builder keeps the ownership
// graph. Workers of the attemptToDelete queue delete objects whose owners are all gone (checked with live GETs, uid
// compared), drop references to gone owners from objects that still have one, delete the dependents of owners
// deleting in the foreground and then release those owners; workers of the attemptToOrphan queue take an owner
// deleted with the orphan policy out of its dependents' ownerReferences, then remove its finalizer.

import type { KubeObject, OwnerReference } from '../../api/object.ts';
import { isStatusError } from '../../apiserver/errors/status-error.ts';
import { discoverResources } from '../../client/discovery.ts';
import type { InProcessClient } from '../../client/in-process-client.ts';
import { WorkQueue, runWorkers } from '../../client/workqueue.ts';
import type { Clock, Timer } from '../../lab/clock.ts';
import type { GraphNode } from './graph.ts';
import { describeIdentity, identityOfReference } from './graph.ts';
import {
  FINALIZER_DELETE_DEPENDENTS,
  FINALIZER_ORPHAN_DEPENDENTS,
  GraphBuilder,
  hasFinalizer,
} from './graph-builder.ts';
import { Monitors, deletableResources } from './monitors.ts';
import type { PropagationPolicy } from './operations.ts';
import { Operations } from './operations.ts';
import {
  deleteOwnerRefJsonMergePatch,
  deleteOwnerRefStrategicMergePatch,
  unblockOwnerReferencesJsonMergePatch,
  unblockOwnerReferencesStrategicMergePatch,
} from './patches.ts';
import { RestMapper } from './rest-mapper.ts';

/** How often discovery is read again for new or removed resources (kube-controller-manager's 30 s). */
const DISCOVERY_PERIOD_MS = 30_000;

/** A virtual delete event was queued for the graph builder: nothing left to do for the item. */
class VirtualDeleteEnqueued extends Error {}
/** A cluster-scoped object names a namespaced owner: invalid, and retrying does not help. */
class NamespacedOwnerOfClusterScopedObject extends Error {}
/** The item is known only from references: checked again (with back-off) until an informer shows it. */
class NotYetObserved extends Error {}

interface ClassifiedReferences {
  /** The owner exists and is not waiting for its dependents' deletion. */
  solid: OwnerReference[];
  /** The owner does not exist (or another object has its name). */
  dangling: OwnerReference[];
  /** The owner exists, is being deleted, and waits in the foreground for its dependents. */
  waitingForDependentsDeletion: OwnerReference[];
}

export interface GarbageCollectorOptions {
  /** Virtual ms between discovery syncs; 30 s as upstream. */
  discoveryPeriodMs?: number;
}

export class GarbageCollector {
  private readonly attemptToDelete: WorkQueue;
  private readonly attemptToOrphan: WorkQueue;
  private readonly graph: GraphBuilder;
  private readonly monitors: Monitors;
  private readonly mapper: RestMapper;
  private readonly operations: Operations;
  private readonly discoveryPeriodMs: number;
  private discoveryTimer: Timer | undefined;
  private syncingDiscovery = false;
  private stopped = false;

  constructor(
    private readonly client: InProcessClient,
    private readonly clock: Clock,
    options: GarbageCollectorOptions = {},
  ) {
    this.discoveryPeriodMs = options.discoveryPeriodMs ?? DISCOVERY_PERIOD_MS;
    this.attemptToDelete = new WorkQueue(clock, 'garbage_collector_attempt_to_delete');
    this.attemptToOrphan = new WorkQueue(clock, 'garbage_collector_attempt_to_orphan');
    this.graph = new GraphBuilder(this.attemptToDelete, this.attemptToOrphan);
    this.monitors = new Monitors(client, clock, (event) => this.graph.enqueue(event));
    this.mapper = new RestMapper(client);
    this.operations = new Operations(client, this.mapper, clock);
  }

  /**
   * Discovers the deletable resources, starts their monitors and the graph builder, and once the monitors have
   * listed (or a discovery period has passed) starts the workers; from then on discovery is synced periodically.
   */
  async run(workers = 20): Promise<void> {
    this.graph.run();
    await this.syncDiscovery();
    if (this.stopped) return;
    this.monitors.start();
    this.discoveryTimer = this.clock.setInterval(() => void this.syncDiscovery(), this.discoveryPeriodMs);
    await this.waitForMonitors();
    if (this.stopped) return;
    runWorkers(this.attemptToDelete, workers, (uid) => this.attemptToDeleteWorker(uid));
    runWorkers(this.attemptToOrphan, workers, (uid) => this.attemptToOrphanWorker(uid));
  }

  stop(): void {
    this.stopped = true;
    this.discoveryTimer?.cancel();
    this.attemptToDelete.shutDown();
    this.attemptToOrphan.shutDown();
    this.graph.stop();
    this.monitors.stop();
  }

  /** Monitors for exactly the deletable resources discovery reports now (GarbageCollector.Sync). */
  private async syncDiscovery(): Promise<void> {
    if (this.syncingDiscovery) return;
    this.syncingDiscovery = true;
    try {
      const resources = await discoverResources(this.client);
      if (this.stopped || resources.length === 0) return;
      this.mapper.reset(resources);
      this.monitors.sync(deletableResources(resources));
    } catch {
      // Discovery failed: the monitors stay as they are until the next period.
    } finally {
      this.syncingDiscovery = false;
    }
  }

  private async waitForMonitors(): Promise<void> {
    let timer: Timer | undefined;
    await Promise.race([
      this.monitors.waitForSync(),
      new Promise<void>((resolve) => (timer = this.clock.setTimeout(resolve, this.discoveryPeriodMs))),
    ]);
    timer?.cancel();
  }

  // ---- attemptToDelete --------------------------------------------------------------------------------------

  private async attemptToDeleteWorker(uid: string): Promise<void> {
    const item = this.graph.uidToNode.get(uid);
    if (!item) return;
    try {
      await this.attemptToDeleteItem(item);
    } catch (error) {
      if (error instanceof VirtualDeleteEnqueued || error instanceof NamespacedOwnerOfClusterScopedObject) return;
      throw error;
    }
    // A virtual node must be looked at again until it is observed, or until the API server says it is gone.
    if (item.virtual) throw new NotYetObserved(describeIdentity(item.identity));
  }

  /**
   * Looks up the live object and deletes it if its uid matches, it is not waiting for its own dependents, and every
   * owner it names is gone; drops the references to gone owners from an object that still has a solid one.
   */
  private async attemptToDeleteItem(item: GraphNode): Promise<void> {
    // "Being deleted" is a one-way trip: its dependents are handled once it is gone.
    if (item.beingDeleted && !item.deletingDependents) return;
    const latest = await this.getLive(item);
    if (item.deletingDependents) return this.processDeletingDependentsItem(item);

    const ownerReferences = latest.metadata.ownerReferences ?? [];
    if (ownerReferences.length === 0) return;
    const { solid, dangling, waitingForDependentsDeletion } = await this.classifyReferences(item, ownerReferences);

    if (solid.length > 0) {
      if (dangling.length === 0 && waitingForDependentsDeletion.length === 0) return;
      // References to owners waiting for their dependents go too, or those owners would wait forever.
      const ownerUids = [...dangling, ...waitingForDependentsDeletion].map((ref) => ref.uid);
      await this.operations.patch(
        item.identity,
        deleteOwnerRefStrategicMergePatch(item.identity.uid, ownerUids),
        (live) => deleteOwnerRefJsonMergePatch(live, ownerUids),
      );
      return;
    }
    if (waitingForDependentsDeletion.length > 0 && item.dependents.size > 0) {
      if ([...item.dependents].some((dep) => dep.deletingDependents)) {
        // An owner and a dependent both delete in the foreground: a possible cycle, so stop blocking the owners.
        await this.operations.patch(
          item.identity,
          unblockOwnerReferencesStrategicMergePatch(item),
          unblockOwnerReferencesJsonMergePatch,
        );
      }
      // Its owner waits for it, and it has dependents of its own: deleted in the foreground as well.
      return this.deleteItem(item, latest, 'Foreground');
    }
    // No solid owner: garbage. A propagation finalizer it already carries is honoured.
    const policy: PropagationPolicy = hasFinalizer(latest.metadata, FINALIZER_ORPHAN_DEPENDENTS)
      ? 'Orphan'
      : hasFinalizer(latest.metadata, FINALIZER_DELETE_DEPENDENTS)
        ? 'Foreground'
        : 'Background';
    return this.deleteItem(item, latest, policy);
  }

  /** The live object of a node; when it is gone (or another object has its name) the graph is told so. */
  private async getLive(item: GraphNode): Promise<KubeObject> {
    let latest: KubeObject;
    try {
      latest = await this.operations.getObject(item.identity);
    } catch (error) {
      if (isStatusError(error, 'NotFound')) this.virtualDelete(item);
      throw error;
    }
    if (latest.metadata.uid !== item.identity.uid) this.virtualDelete(item);
    return latest;
  }

  private async deleteItem(item: GraphNode, latest: KubeObject, policy: PropagationPolicy): Promise<void> {
    try {
      await this.operations.deleteObject(
        item.identity,
        latest.metadata.resourceVersion,
        latest.metadata.ownerReferences,
        policy,
      );
    } catch (error) {
      if (isStatusError(error, 'NotFound')) this.virtualDelete(item);
      throw error;
    }
  }

  private virtualDelete(item: GraphNode): never {
    this.graph.enqueueVirtualDeleteEvent(item.identity);
    throw new VirtualDeleteEnqueued(describeIdentity(item.identity));
  }

  /** An owner deleting in the foreground: its blocking dependents are deleted; with none left, it is released. */
  private async processDeletingDependentsItem(item: GraphNode): Promise<void> {
    const blocking = item.blockingDependents();
    if (blocking.length === 0) {
      await this.operations.removeFinalizer(item.identity, FINALIZER_DELETE_DEPENDENTS);
      return;
    }
    for (const dep of blocking) if (!dep.deletingDependents) this.attemptToDelete.add(dep.identity.uid);
  }

  /** Sorts an object's references by what the API server says of each owner now (classifyReferences). */
  private async classifyReferences(item: GraphNode, refs: OwnerReference[]): Promise<ClassifiedReferences> {
    const classified: ClassifiedReferences = { solid: [], dangling: [], waitingForDependentsDeletion: [] };
    for (const ref of refs) {
      const owner = await this.liveOwner(item, ref);
      if (!owner) classified.dangling.push(ref);
      else if (owner.metadata.deletionTimestamp && hasFinalizer(owner.metadata, FINALIZER_DELETE_DEPENDENTS))
        classified.waitingForDependentsDeletion.push(ref);
      else classified.solid.push(ref);
    }
    return classified;
  }

  /** The owner a reference names, or undefined if it is dangling: absent, or its name now has another uid. */
  private async liveOwner(item: GraphNode, ref: OwnerReference): Promise<KubeObject | undefined> {
    const clusterScopedKey = identityOfReference(ref, '');
    const namespacedKey = identityOfReference(ref, item.identity.namespace);
    const cache = this.graph.absentOwnerCache;
    if (cache.has(clusterScopedKey) || cache.has(namespacedKey)) return undefined;
    const location = await this.operations.locate(ref.apiVersion, ref.kind, item.identity.namespace);
    if (location.namespaced && item.identity.namespace === '') {
      throw new NamespacedOwnerOfClusterScopedObject(describeIdentity(item.identity));
    }
    const absentKey = location.namespaced ? namespacedKey : clusterScopedKey;
    let owner: KubeObject;
    try {
      owner = await this.client.get(location.gvr, location.namespace, ref.name);
    } catch (error) {
      if (!isStatusError(error, 'NotFound')) throw error;
      cache.add(absentKey);
      return undefined;
    }
    if (owner.metadata.uid !== ref.uid) {
      cache.add(absentKey);
      return undefined;
    }
    return owner;
  }

  // ---- attemptToOrphan --------------------------------------------------------------------------------------

  /** Takes the owner out of every dependent's ownerReferences, then removes its orphan finalizer. */
  private async attemptToOrphanWorker(uid: string): Promise<void> {
    const owner = this.graph.uidToNode.get(uid);
    if (!owner) return;
    const failures: string[] = [];
    await Promise.all(
      [...owner.dependents].map(async (dep) => {
        try {
          await this.operations.patch(
            dep.identity,
            deleteOwnerRefStrategicMergePatch(dep.identity.uid, [uid]),
            (live) => deleteOwnerRefJsonMergePatch(live, [uid]),
          );
        } catch (error) {
          if (isStatusError(error, 'NotFound')) return;
          failures.push(`orphaning ${describeIdentity(dep.identity)} failed, ${String(error)}`);
        }
      }),
    );
    if (failures.length > 0) {
      throw new Error(
        `failed to orphan dependents of owner ${describeIdentity(owner.identity)}, got errors: ${failures.join(', ')}`,
      );
    }
    await this.operations.removeFinalizer(owner.identity, FINALIZER_ORPHAN_DEPENDENTS);
  }
}
