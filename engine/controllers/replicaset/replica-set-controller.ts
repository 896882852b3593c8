// The ReplicaSet controller (pkg/controller/replicaset/replica_set.go), which also runs ReplicationControllers as
// upstream's replication manager does: keeps `spec.replicas` active pods per owner — creating them from the template
// in slow-start batches, deleting the least valuable first — adopts matching orphans and releases pods that stopped
// matching, and reports replicas, fullyLabeledReplicas, readyReplicas, availableReplicas and ReplicaFailure in the
// status. Expectations keep it from acting twice on one change while its pod cache catches up.

import type { KubeObject } from '../../api/object.ts';
import { deepCopy } from '../../api/object.ts';
import { deepEqual } from '../../api/json.ts';
import { isStatusError } from '../../apiserver/errors/status-error.ts';
import type { LabelSelector } from '../../apiserver/selectors/label-selector.ts';
import type { EventRecorder } from '../../client/event-recorder.ts';
import type { InProcessClient } from '../../client/in-process-client.ts';
import type { SharedInformer } from '../../client/informer.ts';
import { objectKeyOf } from '../../client/indexer.ts';
import { WorkQueue, runWorkers } from '../../client/workqueue.ts';
import type { Clock } from '../../lab/clock.ts';
import type { Controller, ControllerContext } from '../controller-context.ts';
import { controllerRefOf, newControllerRef, objectsControlledBy, orphansIn } from '../common/controller-ref.ts';
import { ControllerRefManager, freshController, recheckDeletionTimestamp } from '../common/controller-ref-manager.ts';
import type { ControllerIdentity } from '../common/controller-ref-manager.ts';
import { UIDTrackingControllerExpectations } from '../common/expectations.ts';
import type { PodControl } from '../common/pod-control.ts';
import { RealPodControl, isNamespaceTerminating } from '../common/pod-control.ts';
import { filterActivePods, isPodReady, podKey } from '../common/pod-util.ts';
import { SLOW_START_INITIAL_BATCH_SIZE, slowStartBatch } from '../common/slow-start.ts';
import type { Pod, ReplicaSet } from '../common/workload-types.ts';
import { podsToDelete } from './pods-to-delete.ts';
import type { ReplicaSetKind } from './replica-set-kind.ts';
import { calculateStatus, statusNeedsUpdate } from './replica-set-status.ts';

/** At most this many pods are created or deleted in one sync (upstream's BurstReplicas). */
export const BURST_REPLICAS = 500;
/** kube-controller-manager's --concurrent-replicaset-syncs default. */
const WORKERS = 5;
/** Status writes retried once after a conflict (statusUpdateRetries). */
const STATUS_UPDATE_RETRIES = 1;
/**
 * A sync reads every pod of its owner: with thousands of them, the changes arriving meanwhile wait for one sync. Four
 * times the sync's own time, and while the process is busy a quarter of a millisecond per replica at least: the short
 * syncs of many large owners at once took a fifth of the process otherwise (1,000 nodes, 60 ReplicaSets of 1,000 pods
 * starting together); a small one is not held back.
 */
const PACING_FACTOR = 4;
const PACING_MS_PER_REPLICA = 0.25;

export interface ReplicaSetControllerOptions {
  kind: ReplicaSetKind;
  client: InProcessClient;
  clock: Clock;
  recorder: EventRecorder;
  replicaSets: SharedInformer;
  pods: SharedInformer;
  podControl?: PodControl;
  burstReplicas?: number;
}

export class ReplicaSetController implements Controller {
  readonly name: string;
  readonly expectations: UIDTrackingControllerExpectations;
  private readonly queue: WorkQueue;
  private readonly kind: ReplicaSetKind;
  private readonly client: InProcessClient;
  private readonly clock: Clock;
  private readonly replicaSets: SharedInformer;
  private readonly pods: SharedInformer;
  private readonly podControl: PodControl;
  private readonly burstReplicas: number;

  constructor(options: ReplicaSetControllerOptions) {
    this.kind = options.kind;
    this.name = options.kind.controllerName;
    this.client = options.client;
    this.clock = options.clock;
    this.replicaSets = options.replicaSets;
    this.pods = options.pods;
    this.podControl = options.podControl ?? new RealPodControl(options.client, options.recorder);
    this.burstReplicas = options.burstReplicas ?? BURST_REPLICAS;
    this.expectations = new UIDTrackingControllerExpectations(options.clock);
    this.queue = new WorkQueue(options.clock, options.kind.queueName);
    this.replicaSets.addEventHandler({
      onAdd: (rs) => this.enqueue(rs),
      onUpdate: (oldRS, curRS) => this.updateRS(oldRS, curRS),
      onDelete: (rs) => this.deleteRS(rs),
    });
    this.pods.addEventHandler({
      onAdd: (pod) => this.addPod(pod),
      onUpdate: (oldPod, curPod) => this.updatePod(oldPod, curPod),
      onDelete: (pod) => this.deletePod(pod),
    });
  }

  /** Builds the controller of `kind` from the shared context. */
  static fromContext(
    ctx: ControllerContext,
    kind: ReplicaSetKind,
    replicaSets: SharedInformer,
    pods: SharedInformer,
  ): ReplicaSetController {
    return new ReplicaSetController({
      kind,
      client: ctx.client,
      clock: ctx.clock,
      recorder: ctx.recorder(kind.component),
      replicaSets,
      pods,
    });
  }

  run(workers = WORKERS): void {
    runWorkers(this.queue, workers, (key) => this.syncReplicaSet(key), undefined, {
      factor: PACING_FACTOR,
      minIntervalMs: (key) => this.replicasOf(key) * PACING_MS_PER_REPLICA,
    });
  }

  stop(): void {
    this.queue.shutDown();
  }

  /** The replicas the owner of `key` last reported (0 when it is gone). */
  private replicasOf(key: string): number {
    const [namespace = '', name = ''] = key.split('/');
    const rs = this.replicaSets.lister.get(namespace, name) as ReplicaSet | undefined;
    return rs?.status?.replicas ?? 0;
  }

  private enqueue(rs: KubeObject, afterMs = 0): void {
    this.queue.addAfter(objectKeyOf(rs), afterMs);
  }

  private updateRS(oldRS: KubeObject, curRS: KubeObject): void {
    // A delete and re-create between two watch events reads as an update with another uid.
    if (oldRS.metadata.uid !== curRS.metadata.uid) this.deleteRS(oldRS);
    this.enqueue(curRS);
  }

  private deleteRS(rs: KubeObject): void {
    const key = objectKeyOf(rs);
    this.expectations.deleteExpectations(key);
    this.queue.add(key);
  }

  /** The owner of the kind this controller manages that `ref` points to, if it still exists with that uid. */
  private resolveControllerRef(
    namespace: string,
    ref: { kind: string; name: string; uid: string },
  ): ReplicaSet | undefined {
    if (ref.kind !== this.kind.kind) return undefined;
    const rs = this.replicaSets.lister.get(namespace, ref.name);
    return rs?.metadata.uid === ref.uid ? rs : undefined;
  }

  /** The owners whose selector matches an orphan's labels (GetPodReplicaSets). */
  private replicaSetsSelecting(pod: KubeObject): ReplicaSet[] {
    const namespace = pod.metadata.namespace ?? '';
    return this.replicaSets.lister
      .namespace(namespace)
      .list()
      .filter((rs) => {
        const selector = this.selectorOrUndefined(rs);
        return selector !== undefined && !selector.isEmpty() && selector.matches(pod.metadata.labels);
      });
  }

  private selectorOrUndefined(rs: ReplicaSet): LabelSelector | undefined {
    try {
      return this.kind.selectorOf(rs);
    } catch {
      return undefined;
    }
  }

  private addPod(pod: Pod): void {
    if (pod.metadata.deletionTimestamp) {
      // A pod already being deleted when first seen (after a restart) is no creation to observe.
      this.deletePod(pod);
      return;
    }
    const ref = controllerRefOf(pod);
    if (ref) {
      const rs = this.resolveControllerRef(pod.metadata.namespace ?? '', ref);
      if (!rs) return;
      const key = objectKeyOf(rs);
      this.expectations.creationObserved(key);
      this.queue.add(key);
      return;
    }
    for (const rs of this.replicaSetsSelecting(pod)) this.enqueue(rs);
  }

  private updatePod(oldPod: Pod, curPod: Pod): void {
    if (oldPod.metadata.resourceVersion === curPod.metadata.resourceVersion) return;
    const labelChanged = !deepEqual(oldPod.metadata.labels ?? {}, curPod.metadata.labels ?? {});
    if (curPod.metadata.deletionTimestamp) {
      // A graceful deletion starts: count it now rather than when the kubelet finally removes the pod.
      this.deletePod(curPod);
      if (labelChanged) this.deletePod(oldPod);
      return;
    }
    const curRef = controllerRefOf(curPod);
    const oldRef = controllerRefOf(oldPod);
    const refChanged = !deepEqual(curRef ?? null, oldRef ?? null);
    const namespace = curPod.metadata.namespace ?? '';
    if (refChanged && oldRef) {
      const oldRS = this.resolveControllerRef(namespace, oldRef);
      if (oldRS) this.enqueue(oldRS);
    }
    if (curRef) {
      const rs = this.resolveControllerRef(namespace, curRef);
      if (!rs) return;
      this.enqueue(rs);
      const minReadySeconds = rs.spec?.minReadySeconds ?? 0;
      if (!isPodReady(oldPod) && isPodReady(curPod) && minReadySeconds > 0) {
        // Look again once the pod has been ready for minReadySeconds (plus a second against skew).
        this.enqueue(rs, minReadySeconds * 1000 + 1000);
      }
      return;
    }
    if (labelChanged || refChanged) for (const rs of this.replicaSetsSelecting(curPod)) this.enqueue(rs);
  }

  private deletePod(pod: Pod): void {
    const ref = controllerRefOf(pod);
    if (!ref) return;
    const rs = this.resolveControllerRef(pod.metadata.namespace ?? '', ref);
    if (!rs) return;
    const key = objectKeyOf(rs);
    this.expectations.deletionObservedOf(key, podKey(pod));
    this.queue.add(key);
  }

  /** syncReplicaSet: one pass over one owner. Throws to be retried with back-off. */
  async syncReplicaSet(key: string): Promise<void> {
    const [namespace = '', name = ''] = key.split('/');
    const cached = this.replicaSets.lister.get(namespace, name) as ReplicaSet | undefined;
    if (!cached) {
      this.expectations.deleteExpectations(key);
      return;
    }
    const needsSync = this.expectations.satisfiedExpectations(key);
    const selector = this.selectorOrUndefined(cached);
    // An invalid selector is reported by validation; nothing to do until it changes.
    if (!selector) return;
    const pods = await this.claimPods(cached, selector, filterActivePods(this.ownedAndOrphanPods(cached)));
    let manageReplicasError: unknown;
    if (needsSync && !cached.metadata.deletionTimestamp) {
      try {
        await this.manageReplicas(pods, cached);
      } catch (error) {
        manageReplicasError = error;
      }
    }
    const rs = deepCopy(cached);
    const status = calculateStatus(rs, pods, manageReplicasError, this.clock.now());
    const updated = await this.updateStatus(rs, status);
    const replicas = updated.spec?.replicas ?? 0;
    const minReadySeconds = updated.spec?.minReadySeconds ?? 0;
    if (
      manageReplicasError === undefined &&
      minReadySeconds > 0 &&
      updated.status?.readyReplicas === replicas &&
      updated.status?.availableReplicas !== replicas
    ) {
      this.queue.addAfter(key, minReadySeconds * 1000);
    }
    if (manageReplicasError !== undefined) throw manageReplicasError;
  }

  /** The pods this owner controls (of its kind) and the orphans of its namespace (getRSPods). */
  private ownedAndOrphanPods(rs: ReplicaSet): Pod[] {
    const owned = objectsControlledBy(this.pods, rs.metadata.uid ?? '').filter(
      (pod) => controllerRefOf(pod)?.kind === this.kind.kind,
    );
    return [...owned, ...orphansIn(this.pods, rs.metadata.namespace ?? '')];
  }

  private identity(rs: ReplicaSet): ControllerIdentity {
    return { apiVersion: this.kind.apiVersion, kind: this.kind.kind, object: rs };
  }

  private claimPods(rs: ReplicaSet, selector: LabelSelector, pods: Pod[]): Promise<Pod[]> {
    const controller = this.identity(rs);
    const { namespace = '', name = '' } = rs.metadata;
    const manager = new ControllerRefManager({
      controller,
      kindName: 'Pod',
      match: (pod) => selector.matches(pod.metadata.labels),
      patch: (ns, podName, patch) => this.podControl.patchPod(ns, podName, patch),
      canAdopt: recheckDeletionTimestamp(
        freshController(controller, () => this.client.get(this.kind.gvr, namespace, name)),
      ),
    });
    return manager.claim(pods);
  }

  /** Creates or deletes pods to reach spec.replicas (at most burstReplicas per pass). */
  private async manageReplicas(pods: Pod[], rs: ReplicaSet): Promise<void> {
    const key = objectKeyOf(rs);
    let diff = pods.length - (rs.spec?.replicas ?? 0);
    if (diff < 0) {
      diff = Math.min(-diff, this.burstReplicas);
      this.expectations.expectCreations(key, diff);
      const template = rs.spec?.template ?? {};
      const controllerRef = newControllerRef(rs, this.kind.apiVersion, this.kind.kind);
      const { successes, error } = await slowStartBatch(diff, SLOW_START_INITIAL_BATCH_SIZE, async () => {
        try {
          await this.podControl.createPods(rs.metadata.namespace ?? '', template, rs, controllerRef);
        } catch (createError) {
          // In a namespace being torn down no pod can be created; not a failure worth retrying.
          if (!isNamespaceTerminating(createError)) throw createError;
        }
      });
      // Creations never attempted will not be observed: stop expecting them.
      for (let skipped = diff - successes; skipped > 0; skipped--) this.expectations.creationObserved(key);
      if (error !== undefined) throw error;
      return;
    }
    if (diff > 0) {
      diff = Math.min(diff, this.burstReplicas);
      const victims = podsToDelete(pods, this.indirectlyRelatedPods(rs), diff, this.clock.now());
      this.expectations.expectDeletionsOf(key, victims.map(podKey));
      const results = await Promise.allSettled(
        victims.map(async (pod) => {
          try {
            await this.podControl.deletePod(rs.metadata.namespace ?? '', pod.metadata.name ?? '', rs);
          } catch (error) {
            // The informer will not see this deletion: stop expecting it.
            this.expectations.deletionObservedOf(key, podKey(pod));
            if (!isStatusError(error, 'NotFound')) throw error;
          }
        }),
      );
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw failed.reason;
    }
  }

  /** The pods of every owner controlled by the same controller as `rs` (a Deployment's ReplicaSets), or its own. */
  private indirectlyRelatedPods(rs: ReplicaSet): Pod[] {
    const ref = controllerRefOf(rs);
    const relatives = ref ? objectsControlledBy(this.replicaSets, ref.uid) : [rs];
    return relatives.flatMap((relative) => objectsControlledBy(this.pods, relative.metadata.uid ?? ''));
  }

  /** Writes the status if it changed, with the generation it acted on; retries once on a conflict. */
  private async updateStatus(rs: ReplicaSet, status: ReplicaSet['status'] & object): Promise<ReplicaSet> {
    if (!statusNeedsUpdate(rs, status)) return rs;
    const next = { ...status, observedGeneration: rs.metadata.generation ?? 0 };
    let current = rs;
    for (let attempt = 0; ; attempt++) {
      try {
        return (await this.client.update(this.kind.gvr, { ...current, status: next }, 'status')) as ReplicaSet;
      } catch (error) {
        if (attempt >= STATUS_UPDATE_RETRIES) throw error;
        const { namespace = '', name = '' } = current.metadata;
        current = (await this.client.get(this.kind.gvr, namespace, name)) as ReplicaSet;
      }
    }
  }
}
