// The DaemonSet controller (pkg/controller/daemon): one pod per eligible node — created with a node affinity term
// that pins it to the node, for the scheduler to bind — removed from nodes that no longer qualify, replaced when it
// failed (after a per-node back-off) or succeeded, updated with RollingUpdate (maxUnavailable, maxSurge) or on delete,
// with ControllerRevisions and the status counts kubectl shows. It follows nodes coming, going, relabelled and
// retainted.

import type { KubeObject } from '../../api/object.ts';
import { deepEqual } from '../../api/json.ts';
import { isStatusError } from '../../apiserver/errors/status-error.ts';
import type { LabelSelector } from '../../apiserver/selectors/label-selector.ts';
import { labelSelectorAsSelector } from '../../apiserver/selectors/label-selector.ts';
import type { EventRecorder } from '../../client/event-recorder.ts';
import type { InProcessClient } from '../../client/in-process-client.ts';
import type { SharedInformer } from '../../client/informer.ts';
import { objectKeyOf } from '../../client/indexer.ts';
import { WorkQueue, runWorkers } from '../../client/workqueue.ts';
import type { Clock } from '../../lab/clock.ts';
import type { Affinity, Node } from '../../scheduler/framework/api-types.ts';
import type { Controller, ControllerContext } from '../controller-context.ts';
import { CONTROLLER_REVISIONS } from '../common/controller-history.ts';
import {
  controllerIndexedInformer,
  controllerRefOf,
  newControllerRef,
  objectsControlledBy,
  orphansIn,
} from '../common/controller-ref.ts';
import { ControllerRefManager, freshController, recheckDeletionTimestamp } from '../common/controller-ref-manager.ts';
import { DelayedEnqueuer } from '../common/delayed-enqueue.ts';
import { ControllerExpectations } from '../common/expectations.ts';
import { RealPodControl, isNamespaceTerminating } from '../common/pod-control.ts';
import { isPodAvailable, isPodReady } from '../common/pod-util.ts';
import { SLOW_START_INITIAL_BATCH_SIZE, slowStartBatch } from '../common/slow-start.ts';
import type { Pod } from '../common/workload-types.ts';
import { DaemonPlacement } from './daemon-placement.ts';
import {
  DAEMONSET_REVISION_HASH_LABEL,
  byCreationTimestampAndPhase,
  createPodTemplate,
  replaceNodeNameNodeAffinity,
  targetNodeName,
  templateGeneration,
} from './daemon-pod-template.ts';
import { DAEMONSETS, DaemonSetHistory } from './daemonset-history.ts';
import { computeDaemonSetCounts, statusUpToDate } from './daemonset-status.ts';
import type { DaemonSet } from './daemonset-types.ts';
import { FailedPodsBackoff } from './failed-pods-backoff.ts';
import { allowsSurge, planRollingUpdate } from './rolling-update.ts';

export { DAEMONSETS };
export const PODS = { group: '', version: 'v1', resource: 'pods' };
export const NODES = { group: '', version: 'v1', resource: 'nodes' };

/** BurstReplicas: at most this many pods are created or deleted per sync. */
const BURST_REPLICAS = 250;
/**
 * A DaemonSet is synced again no sooner than its last sync's duration after it (at most half the time goes to one;
 * waiting longer leaves the process idle while kubelets wait on lab time: 5,000 nodes came up in 37 s of wall time
 * with this, 41–45 s with twice the wait and 61 s with four times, for the same 34–37 s of CPU).
 */
const SYNC_PACING = { factor: 1 };
/** StatusUpdateRetries. */
const STATUS_UPDATE_RETRIES = 1;

function splitKey(key: string): [string, string] {
  const slash = key.indexOf('/');
  return [key.slice(0, slash), key.slice(slash + 1)];
}

/** What a DaemonSet's spec decides about nodes and pods; informers replace changed objects, so they key the memo. */
interface SpecDecisions {
  uid: string;
  generation: number | undefined;
  placement: DaemonPlacement;
  /** Whether the selector matches a pod. */
  matches: WeakMap<KubeObject, boolean>;
}

function selectorOf(ds: DaemonSet): LabelSelector | undefined {
  try {
    return labelSelectorAsSelector(ds.spec?.selector);
  } catch {
    return undefined;
  }
}

export class DaemonSetsController {
  private readonly queue: WorkQueue;
  private readonly delayed: DelayedEnqueuer;
  private readonly expectations: ControllerExpectations;
  private readonly podControl: RealPodControl;
  private readonly history: DaemonSetHistory;
  private readonly failedPodsBackoff = new FailedPodsBackoff();
  /** What each DaemonSet's spec decides, kept while its uid and generation (so its spec) stay the same. */
  private readonly specs = new Map<string, SpecDecisions>();
  /** Counts the pod informer's changes: a claim over an unchanged cache that wrote nothing need not run again. */
  private podChanges = 0;
  /** nodesToDaemonPods of a claimed pod list (the same list is asked for several times in one sync); read-only. */
  private readonly podsByNode = new WeakMap<readonly Pod[], Map<string, Pod[]>>();

  constructor(
    private readonly client: InProcessClient,
    private readonly clock: Clock,
    private readonly daemonSets: SharedInformer,
    revisions: SharedInformer,
    private readonly pods: SharedInformer,
    private readonly nodes: SharedInformer,
    private readonly recorder: EventRecorder,
  ) {
    this.queue = new WorkQueue(clock, 'daemonset');
    this.delayed = new DelayedEnqueuer(clock, this.queue);
    this.expectations = new ControllerExpectations(clock);
    this.podControl = new RealPodControl(client, recorder);
    this.history = new DaemonSetHistory(client, revisions);
    const enqueue = (ds: KubeObject): void => this.queue.add(objectKeyOf(ds));
    daemonSets.addEventHandler({ onAdd: enqueue, onUpdate: (_old, ds) => enqueue(ds), onDelete: enqueue });
    revisions.addEventHandler({
      onAdd: (r) => this.enqueueOwnerOrMatching(r),
      onUpdate: (oldR, r) => {
        if (oldR.metadata.resourceVersion === r.metadata.resourceVersion) return;
        const oldRef = controllerRefOf(oldR);
        if (oldRef && oldRef.uid !== controllerRefOf(r)?.uid) this.enqueueOwnerOrMatching(oldR);
        this.enqueueOwnerOrMatching(r);
      },
      onDelete: (r) => this.enqueueOwnerOrMatching(r),
    });
    pods.addEventHandler({
      onAdd: (pod) => {
        this.podChanges++;
        this.addPod(pod as Pod);
      },
      onUpdate: (oldPod, pod) => {
        this.podChanges++;
        this.updatePod(oldPod as Pod, pod as Pod);
      },
      onDelete: (pod) => {
        this.podChanges++;
        this.deletePod(pod as Pod);
      },
    });
    nodes.addEventHandler({
      onAdd: (node) => this.addNode(node as Node),
      onUpdate: (oldNode, node) => this.updateNode(oldNode as Node, node as Node),
      onDelete: () => this.enqueueAll(),
    });
  }

  run(workers = 2): void {
    // A sync reads every node and pod of the DaemonSet: at thousands of nodes it is paced (see runWorkers).
    runWorkers(this.queue, workers, (key) => this.syncDaemonSet(key), undefined, SYNC_PACING);
  }

  stop(): void {
    this.delayed.stop();
    this.queue.shutDown();
  }

  private allDaemonSets(): DaemonSet[] {
    return this.daemonSets.lister.list() as DaemonSet[];
  }

  private enqueueAll(): void {
    for (const ds of this.allDaemonSets()) this.queue.add(objectKeyOf(ds));
  }

  private resolveControllerRef(
    namespace: string,
    ref: { kind: string; name: string; uid: string },
  ): DaemonSet | undefined {
    if (ref.kind !== 'DaemonSet') return undefined;
    const ds = this.daemonSets.lister.get(namespace, ref.name) as DaemonSet | undefined;
    return ds?.metadata.uid === ref.uid ? ds : undefined;
  }

  /** DaemonSets of the namespace whose selector matches the labels (GetPodDaemonSets). */
  private daemonSetsSelecting(obj: KubeObject): DaemonSet[] {
    return (this.daemonSets.lister.namespace(obj.metadata.namespace ?? '').list() as DaemonSet[]).filter((ds) => {
      const selector = selectorOf(ds);
      return selector !== undefined && !selector.isEmpty() && selector.matches(obj.metadata.labels);
    });
  }

  private enqueueOwnerOrMatching(obj: KubeObject): void {
    const ref = controllerRefOf(obj);
    if (ref) {
      const ds = this.resolveControllerRef(obj.metadata.namespace ?? '', ref);
      if (ds) this.queue.add(objectKeyOf(ds));
      return;
    }
    for (const ds of this.daemonSetsSelecting(obj)) this.queue.add(objectKeyOf(ds));
  }

  private addPod(pod: Pod): void {
    if (pod.metadata.deletionTimestamp) {
      this.deletePod(pod);
      return;
    }
    const ref = controllerRefOf(pod);
    if (ref) {
      const ds = this.resolveControllerRef(pod.metadata.namespace ?? '', ref);
      if (!ds) return;
      this.expectations.creationObserved(objectKeyOf(ds));
      this.queue.add(objectKeyOf(ds));
      return;
    }
    for (const ds of this.daemonSetsSelecting(pod)) this.queue.add(objectKeyOf(ds));
  }

  private updatePod(oldPod: Pod, pod: Pod): void {
    if (oldPod.metadata.resourceVersion === pod.metadata.resourceVersion) return;
    if (pod.metadata.deletionTimestamp) {
      this.deletePod(pod);
      return;
    }
    const ref = controllerRefOf(pod);
    const oldRef = controllerRefOf(oldPod);
    const refChanged = !deepEqual(ref ?? null, oldRef ?? null);
    if (refChanged && oldRef) {
      const oldDs = this.resolveControllerRef(oldPod.metadata.namespace ?? '', oldRef);
      if (oldDs) this.queue.add(objectKeyOf(oldDs));
    }
    if (ref) {
      const ds = this.resolveControllerRef(pod.metadata.namespace ?? '', ref);
      if (!ds) return;
      this.queue.add(objectKeyOf(ds));
      const minReadySeconds = ds.spec?.minReadySeconds ?? 0;
      if (!isPodReady(oldPod) && isPodReady(pod) && minReadySeconds > 0) {
        this.delayed.addAfter(objectKeyOf(ds), minReadySeconds * 1000 + 1000);
      }
      return;
    }
    if (refChanged || !deepEqual(pod.metadata.labels ?? null, oldPod.metadata.labels ?? null)) {
      for (const ds of this.daemonSetsSelecting(pod)) this.queue.add(objectKeyOf(ds));
    }
  }

  private deletePod(pod: Pod): void {
    const ref = controllerRefOf(pod);
    if (!ref) return;
    const ds = this.resolveControllerRef(pod.metadata.namespace ?? '', ref);
    if (!ds) return;
    this.expectations.deletionObserved(objectKeyOf(ds));
    this.queue.add(objectKeyOf(ds));
  }

  private addNode(node: Node): void {
    for (const ds of this.allDaemonSets()) {
      if (this.placementOf(ds).evaluate(node).shouldRun) this.queue.add(objectKeyOf(ds));
    }
  }

  private placementOf(ds: DaemonSet): DaemonPlacement {
    return this.specDecisions(ds).placement;
  }

  /** The DaemonSet's placement and selector matches, kept per spec (a DaemonSet's generation counts its changes). */
  private specDecisions(ds: DaemonSet): SpecDecisions {
    const key = objectKeyOf(ds);
    const uid = ds.metadata.uid ?? '';
    const generation = ds.metadata.generation;
    const known = this.specs.get(key);
    if (known && known.uid === uid && known.generation === generation) return known;
    const decisions = { uid, generation, placement: new DaemonPlacement(ds), matches: new WeakMap() };
    if (generation !== undefined) this.specs.set(key, decisions);
    return decisions;
  }

  /** Only labels and taints decide placement; other node changes are ignored. */
  private updateNode(oldNode: Node, node: Node): void {
    if (
      deepEqual(oldNode.metadata.labels ?? null, node.metadata.labels ?? null) &&
      deepEqual(oldNode.spec?.taints ?? null, node.spec?.taints ?? null)
    ) {
      return;
    }
    for (const ds of this.allDaemonSets()) {
      const placement = this.placementOf(ds);
      const before = placement.evaluate(oldNode);
      const after = placement.evaluate(node);
      if (before.shouldRun !== after.shouldRun || before.shouldContinueRunning !== after.shouldContinueRunning) {
        this.queue.add(objectKeyOf(ds));
      }
    }
  }

  /**
   * getDaemonPods for one sync: claiming again gives the same pods as long as the pod cache has not changed and the
   * last claim adopted or released nothing, so until then the last claim's pods are reused.
   */
  private daemonPodsOf(ds: DaemonSet, selector: LabelSelector): () => Promise<Pod[]> {
    let last: { podChanges: number; pods: Pod[] } | undefined;
    return async () => {
      if (last?.podChanges === this.podChanges) return last.pods;
      const podChanges = this.podChanges;
      const { pods, wrote } = await this.getDaemonPods(ds, selector);
      last = wrote ? undefined : { podChanges, pods };
      return pods;
    };
  }

  /** getDaemonPods: the DaemonSet's pods, after adopting matching orphans and releasing others. */
  private async getDaemonPods(ds: DaemonSet, selector: LabelSelector): Promise<{ pods: Pod[]; wrote: boolean }> {
    let wrote = false;
    const namespace = ds.metadata.namespace ?? '';
    const identity = { apiVersion: 'apps/v1', kind: 'DaemonSet', object: ds };
    const { matches } = this.specDecisions(ds);
    const manager = new ControllerRefManager({
      controller: identity,
      match: (pod) => {
        let match = matches.get(pod);
        if (match === undefined) matches.set(pod, (match = selector.matches(pod.metadata.labels)));
        return match;
      },
      kindName: 'Pod',
      canAdopt: recheckDeletionTimestamp(
        freshController(identity, () => this.client.get(DAEMONSETS, namespace, ds.metadata.name ?? '')),
      ),
      patch: (ns, name, patch) => {
        wrote = true;
        return this.podControl.patchPod(ns, name, patch);
      },
    });
    const candidates = [
      ...objectsControlledBy(this.pods, ds.metadata.uid ?? ''),
      ...orphansIn(this.pods, namespace),
    ] as Pod[];
    return { pods: await manager.claim(candidates), wrote };
  }

  /**
   * getNodesToDaemonPods: the pods by the node they are meant for. Finished pods being deleted are left out unless
   * asked for (the history keeps their revisions).
   */
  private nodesToDaemonPods(pods: readonly Pod[], includeDeletedTerminal: boolean): Map<string, Pod[]> {
    const known = this.podsByNode.get(pods);
    if (known && !includeDeletedTerminal) return known;
    const byNode = new Map<string, Pod[]>();
    for (const pod of pods) {
      const phase = pod.status?.phase;
      const terminal = phase === 'Succeeded' || phase === 'Failed';
      if (!includeDeletedTerminal && terminal && pod.metadata.deletionTimestamp) continue;
      const nodeName = targetNodeName(pod);
      if (nodeName === undefined) continue;
      let list = byNode.get(nodeName);
      if (!list) byNode.set(nodeName, (list = []));
      list.push(pod);
    }
    if (!includeDeletedTerminal) this.podsByNode.set(pods, byNode);
    return byNode;
  }

  private async syncDaemonSet(key: string): Promise<void> {
    const [namespace, name] = splitKey(key);
    const cached = this.daemonSets.lister.get(namespace, name) as DaemonSet | undefined;
    if (!cached) {
      this.expectations.deleteExpectations(key);
      this.specs.delete(key);
      return;
    }
    const nodes = this.nodes.lister.list() as Node[];
    const selectorSpec = cached.spec?.selector;
    if (
      selectorSpec &&
      Object.keys(selectorSpec.matchLabels ?? {}).length === 0 &&
      !selectorSpec.matchExpressions?.length
    ) {
      this.recorder.event(
        cached,
        'Warning',
        'SelectingAll',
        'This daemon set is selecting all pods. A non-empty selector is required.',
      );
      return;
    }
    // A DaemonSet being deleted may have lost its revisions already: its status cannot be trusted.
    if (cached.metadata.deletionTimestamp) return;
    const selector = selectorOf(cached);
    if (!selector) return;

    const daemonPods = this.daemonPodsOf(cached, selector);
    let pods = await daemonPods();
    const { current, old } = await this.history.constructHistory(cached, selector, () => pods);
    const hash = current.metadata.labels?.[DAEMONSET_REVISION_HASH_LABEL] ?? '';
    const placement = this.placementOf(cached);

    if (!this.expectations.satisfiedExpectations(key)) {
      // Only the status: the controller has not acted on this generation yet.
      await this.updateStatus(cached, nodes, pods, hash, placement, false);
      return;
    }
    let error: unknown;
    try {
      await this.manage(cached, nodes, pods, hash, placement);
      if (this.expectations.satisfiedExpectations(key) && cached.spec?.updateStrategy?.type === 'RollingUpdate') {
        pods = await daemonPods();
        const plan = planRollingUpdate(
          cached,
          nodes,
          this.nodesToDaemonPods(pods, false),
          hash,
          placement,
          this.clock.now(),
        );
        await this.syncNodes(cached, plan.podsToDelete, plan.nodesToCreate, hash);
      }
      await this.history.cleanupHistory(cached, old, await daemonPods());
    } catch (err) {
      error = err;
    }
    await this.updateStatus(cached, nodes, await daemonPods(), hash, placement, true);
    if (error !== undefined) throw error;
  }

  /** manage: creates the pods nodes lack, deletes those on nodes that should not run them, failed and excess ones. */
  private async manage(
    ds: DaemonSet,
    nodes: Node[],
    pods: Pod[],
    hash: string,
    placement: DaemonPlacement,
  ): Promise<void> {
    const byNode = this.nodesToDaemonPods(pods, false);
    const nodesNeeding: string[] = [];
    const podsToDelete: string[] = [];
    const nodeNames = new Set<string>();
    for (const node of nodes) {
      const name = node.metadata.name ?? '';
      nodeNames.add(name);
      this.podsShouldBeOnNode(ds, node, placement.evaluate(node), byNode.get(name), hash, nodesNeeding, podsToDelete);
    }
    // Unscheduled pods meant for nodes that are gone would never be scheduled, nor collected.
    for (const [nodeName, nodePods] of byNode) {
      if (nodeNames.has(nodeName)) continue;
      for (const pod of nodePods) {
        if (!pod.spec?.nodeName && !pod.metadata.deletionTimestamp) podsToDelete.push(pod.metadata.name ?? '');
      }
    }
    await this.syncNodes(ds, podsToDelete, nodesNeeding, hash);
  }

  private podsShouldBeOnNode(
    ds: DaemonSet,
    node: Node,
    { shouldRun, shouldContinueRunning }: { shouldRun: boolean; shouldContinueRunning: boolean },
    daemonPods: Pod[] | undefined,
    hash: string,
    nodesNeeding: string[],
    podsToDelete: string[],
  ): void {
    const nodeName = node.metadata.name ?? '';
    if (shouldRun && !daemonPods) {
      nodesNeeding.push(nodeName);
      return;
    }
    if (!daemonPods) return;
    if (!shouldContinueRunning) {
      for (const pod of daemonPods) if (!pod.metadata.deletionTimestamp) podsToDelete.push(pod.metadata.name ?? '');
      return;
    }
    if (daemonPods.length === 1) {
      // The usual case: the node's one pod, alive and not finished, stays.
      const pod = daemonPods[0]!;
      const phase = pod.status?.phase;
      if (!pod.metadata.deletionTimestamp && phase !== 'Failed' && phase !== 'Succeeded') return;
    }
    const now = this.clock.now();
    const running: Pod[] = [];
    for (const pod of daemonPods) {
      if (pod.metadata.deletionTimestamp) continue;
      const podName = `${pod.metadata.namespace}/${pod.metadata.name}`;
      const phase = pod.status?.phase;
      if (phase === 'Failed') {
        // Kubelets that keep rejecting a pod must not make the controller spin: back off per node.
        const backoffKey = `${ds.metadata.uid}/${ds.status?.observedGeneration ?? 0}/${nodeName}`;
        if (this.failedPodsBackoff.isInBackOffSinceUpdate(backoffKey, now)) {
          this.delayed.addAfter(objectKeyOf(ds), this.failedPodsBackoff.get(backoffKey));
          continue;
        }
        this.failedPodsBackoff.next(backoffKey, now);
        this.recorder.event(
          ds,
          'Warning',
          'FailedDaemonPod',
          `Found failed daemon pod ${podName} on node ${nodeName}, will try to kill it`,
        );
        podsToDelete.push(pod.metadata.name ?? '');
      } else if (phase === 'Succeeded') {
        this.recorder.event(
          ds,
          'Normal',
          'SucceededDaemonPod',
          `Found succeeded daemon pod ${podName} on node ${nodeName}, will try to delete it`,
        );
        podsToDelete.push(pod.metadata.name ?? '');
      } else {
        running.push(pod);
      }
    }
    running.sort(byCreationTimestampAndPhase);
    if (!allowsSurge(ds)) {
      // One pod per node: all but the oldest go.
      for (const pod of running.slice(1)) podsToDelete.push(pod.metadata.name ?? '');
      return;
    }
    if (running.length <= 1) {
      if (running.length === 0 && shouldRun) nodesNeeding.push(nodeName);
      return;
    }
    // With surge, an old and a new pod may share the node until the new one is available.
    let oldestNew: Pod | undefined;
    let oldestOld: Pod | undefined;
    for (const pod of running) {
      const isNew = pod.metadata.labels?.[DAEMONSET_REVISION_HASH_LABEL] === hash;
      if (isNew && !oldestNew) oldestNew = pod;
      else if (!isNew && !oldestOld) oldestOld = pod;
      else podsToDelete.push(pod.metadata.name ?? '');
    }
    if (oldestNew && oldestOld) {
      if (!isPodReady(oldestOld) || isPodAvailable(oldestNew, ds.spec?.minReadySeconds ?? 0, now)) {
        podsToDelete.push(oldestOld.metadata.name ?? '');
      }
    }
  }

  /** syncNodes: creates pods pinned to the nodes (slow start) and deletes pods, at most BurstReplicas of each. */
  private async syncNodes(ds: DaemonSet, podsToDelete: string[], nodesNeeding: string[], hash: string): Promise<void> {
    const key = objectKeyOf(ds);
    const createDiff = Math.min(nodesNeeding.length, BURST_REPLICAS);
    const deleteDiff = Math.min(podsToDelete.length, BURST_REPLICAS);
    // SetExpectations(createDiff, deleteDiff), before acting, so no informer event is missed.
    this.expectations.expectCreations(key, createDiff);
    this.expectations.raiseExpectations(key, 0, deleteDiff);
    const template = createPodTemplate(ds.spec?.template ?? {}, templateGeneration(ds), hash);
    const controllerRef = newControllerRef(ds, 'apps/v1', 'DaemonSet');
    const namespace = ds.metadata.namespace ?? '';
    const queue = nodesNeeding.slice(0, createDiff);
    const { successes, error: createError } = await slowStartBatch(
      createDiff,
      SLOW_START_INITIAL_BATCH_SIZE,
      async () => {
        const nodeName = queue.shift() ?? '';
        const podTemplate = {
          ...template,
          spec: {
            ...template.spec,
            affinity: replaceNodeNameNodeAffinity(template.spec?.['affinity'] as Affinity | undefined, nodeName),
          },
        };
        try {
          await this.podControl.createPods(namespace, podTemplate, ds, controllerRef);
        } catch (error) {
          if (!isNamespaceTerminating(error)) throw error;
        }
      },
    );
    // Creations that failed, or were skipped after a failing batch, will never be observed.
    this.expectations.lowerExpectations(key, createDiff - successes, 0);

    let deleteError: unknown;
    await Promise.all(
      podsToDelete.slice(0, deleteDiff).map(async (podName) => {
        try {
          await this.podControl.deletePod(namespace, podName, ds);
        } catch (error) {
          this.expectations.deletionObserved(key);
          if (!isStatusError(error, 'NotFound')) deleteError ??= error;
        }
      }),
    );
    if (createError !== undefined) throw createError;
    if (deleteError !== undefined) throw deleteError;
  }

  /** updateDaemonSetStatus + storeDaemonSetStatus: writes the counts when they changed, retrying once on conflict. */
  private async updateStatus(
    ds: DaemonSet,
    nodes: Node[],
    pods: Pod[],
    hash: string,
    placement: DaemonPlacement,
    updateObservedGeneration: boolean,
  ): Promise<void> {
    const now = this.clock.now();
    const counts = computeDaemonSetCounts(ds, nodes, this.nodesToDaemonPods(pods, false), hash, placement, now);
    const minReadySeconds = ds.spec?.minReadySeconds ?? 0;
    // A last look after minReadySeconds, in case no pod event comes when pods become available.
    if (minReadySeconds > 0 && counts.numberReady !== counts.numberAvailable) {
      this.delayed.addAfter(objectKeyOf(ds), minReadySeconds * 1000);
    }
    if (statusUpToDate(ds, counts)) return;
    let toUpdate: DaemonSet = ds;
    for (let attempt = 0; ; attempt++) {
      const status = { ...toUpdate.status, ...counts };
      if (updateObservedGeneration) status.observedGeneration = ds.metadata.generation;
      try {
        await this.client.update(DAEMONSETS, { ...toUpdate, status }, 'status');
        return;
      } catch (error) {
        if (attempt >= STATUS_UPDATE_RETRIES) throw error;
        toUpdate = (await this.client.get(
          DAEMONSETS,
          ds.metadata.namespace ?? '',
          ds.metadata.name ?? '',
        )) as DaemonSet;
      }
    }
  }
}

/** kube-controller-manager's "daemonset" controller, built from the shared context. */
export function daemonSetController(ctx: ControllerContext): Controller {
  const controller = new DaemonSetsController(
    ctx.client,
    ctx.clock,
    ctx.informers.informerFor(DAEMONSETS),
    controllerIndexedInformer(ctx.informers, CONTROLLER_REVISIONS),
    controllerIndexedInformer(ctx.informers, PODS),
    ctx.informers.informerFor(NODES),
    ctx.recorder('daemonset-controller'),
  );
  return { name: 'daemonset-controller', run: () => controller.run(), stop: () => controller.stop() };
}
