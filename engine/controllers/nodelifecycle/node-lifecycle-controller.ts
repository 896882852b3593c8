// The node lifecycle controller (pkg/controller/nodelifecycle): watches node health through the kubelets' Leases and
// Ready heartbeats. A node unheard of for the grace period turns Unknown ("Kubelet stopped posting node status."),
// its pods are marked not ready, and it is tainted node.kubernetes.io/unreachable (not-ready for a node whose kubelet
// reports Ready=False) NoSchedule at once and NoExecute at the zone's eviction rate — 0.1 node/s, slower or stopped
// when much of a zone is down — so the taint eviction controller evicts its pods. NoSchedule taints also follow the
// pressure conditions and spec.unschedulable (cordon). Taints come off when the node is Ready again.

import type { KubeObject } from '../../api/object.ts';
import type { EventRecorder } from '../../client/event-recorder.ts';
import type { InProcessClient } from '../../client/in-process-client.ts';
import type { SharedInformer } from '../../client/informer.ts';
import { WorkQueue, runWorkers } from '../../client/workqueue.ts';
import type { Clock, Timer } from '../../lab/clock.ts';
import { controllerIndexedInformer } from '../common/controller-ref.ts';
import type { Pod } from '../common/workload-types.ts';
import type { Controller, ControllerContext } from '../controller-context.ts';
import { markPodsNotReady } from './mark-pods-not-ready.ts';
import type { GracePeriods, NodeHealth } from './node-health.ts';
import { checkNodeHealth } from './node-health.ts';
import { NodeTaints } from './node-taints-client.ts';
import type { Lease, Node, NodeCondition, Taint } from './node-types.ts';
import {
  NODE_LEASE_NAMESPACE,
  NOT_READY_NO_EXECUTE,
  UNREACHABLE_NO_EXECUTE,
  nodeCondition,
  TAINT_NODE_DISK_PRESSURE,
  TAINT_NODE_MEMORY_PRESSURE,
  TAINT_NODE_NETWORK_UNAVAILABLE,
  TAINT_NODE_NOT_READY,
  TAINT_NODE_PID_PRESSURE,
  TAINT_NODE_UNREACHABLE,
  TAINT_NODE_UNSCHEDULABLE,
} from './node-types.ts';
import { PodsByNode } from './pods-by-node.ts';
import { RateLimitedTimedQueue } from './rate-limited-timed-queue.ts';
import type { TryResult } from './rate-limited-timed-queue.ts';
import { taintExists, taintSetDiff } from './taints.ts';
import { evictionLimiter } from '../../client/token-bucket.ts';
import type { ZoneState } from './zones.ts';
import { LABEL_EXCLUDE_DISRUPTION, computeZoneState, zoneKey } from './zones.ts';

const NODES = { group: '', version: 'v1', resource: 'nodes' };

export interface NodeLifecycleOptions {
  /** How often node health is checked (--node-monitor-period, 5 s). */
  nodeMonitorPeriodMs?: number;
  /** --node-monitor-grace-period: 40 s, as the lab teaches it (kube-controller-manager 1.32 defaults to 50 s). */
  nodeMonitorGracePeriodMs?: number;
  /** --node-startup-grace-period (60 s). */
  nodeStartupGracePeriodMs?: number;
  /** Nodes tainted NoExecute per second in a healthy zone (--node-eviction-rate, 0.1). */
  evictionLimiterQPS?: number;
  /** The same in a partially disrupted large zone (--secondary-node-eviction-rate, 0.01). */
  secondaryEvictionLimiterQPS?: number;
  /** Zones of more nodes than this are large (--large-cluster-size-threshold, 50). */
  largeClusterThreshold?: number;
  /** The share of not-ready nodes that makes a zone partially disrupted (--unhealthy-zone-threshold, 0.55). */
  unhealthyZoneThreshold?: number;
}

/** How often queued nodes are tainted NoExecute (scheduler.NodeEvictionPeriod). */
const NODE_EVICTION_PERIOD_MS = 100;
/** Health updates of one node are retried this often per pass (NodeHealthUpdateRetry). */
const NODE_HEALTH_UPDATE_RETRY = 5;
/** Nodes checked concurrently in a pass (nodeUpdateWorkerSize). */
const NODE_UPDATE_WORKERS = 8;

/** Which condition status taints a node NoSchedule with which key (nodeConditionToTaintKeyStatusMap). */
const CONDITION_TAINTS: Record<string, Record<string, string>> = {
  Ready: { False: TAINT_NODE_NOT_READY, Unknown: TAINT_NODE_UNREACHABLE },
  MemoryPressure: { True: TAINT_NODE_MEMORY_PRESSURE },
  DiskPressure: { True: TAINT_NODE_DISK_PRESSURE },
  NetworkUnavailable: { True: TAINT_NODE_NETWORK_UNAVAILABLE },
  PIDPressure: { True: TAINT_NODE_PID_PRESSURE },
};
const CONDITION_TAINT_KEYS = new Set(Object.values(CONDITION_TAINTS).flatMap((m) => Object.values(m)));

/** Beta node labels kept equal to their stable ones (labelReconcileInfo). */
const LABEL_RECONCILE = [
  { primary: 'kubernetes.io/os', secondary: 'beta.kubernetes.io/os' },
  { primary: 'kubernetes.io/arch', secondary: 'beta.kubernetes.io/arch' },
];

export interface NodeLifecycleInformers {
  nodes: SharedInformer;
  pods: SharedInformer;
  leases: SharedInformer;
}

/** The taints a node should carry NoSchedule for its conditions and cordon (doNoScheduleTaintingPass). */
export function noScheduleTaints(node: Node): Taint[] {
  const taints: Taint[] = [];
  for (const condition of node.status?.conditions ?? []) {
    const key = CONDITION_TAINTS[condition.type]?.[condition.status];
    if (key) taints.push({ key, effect: 'NoSchedule' });
  }
  if (node.spec?.unschedulable) taints.push({ key: TAINT_NODE_UNSCHEDULABLE, effect: 'NoSchedule' });
  return taints;
}

export class NodeLifecycleController {
  private readonly periods: GracePeriods;
  private readonly monitorPeriodMs: number;
  private readonly evictionQPS: number;
  private readonly secondaryEvictionQPS: number;
  private readonly largeClusterThreshold: number;
  private readonly unhealthyZoneThreshold: number;
  private readonly taints: NodeTaints;
  private readonly podsByNode: PodsByNode;
  private readonly nodeUpdateQueue: WorkQueue;
  private readonly podUpdateQueue: WorkQueue;
  private readonly knownNodes = new Map<string, Node>();
  private readonly health = new Map<string, NodeHealth>();
  private readonly nodesToRetry = new Set<string>();
  private readonly zoneStates = new Map<string, ZoneState>();
  private readonly zoneTainters = new Map<string, RateLimitedTimedQueue>();
  private timers: Timer[] = [];
  private monitoring = false;
  private tainting = false;

  constructor(
    private readonly client: InProcessClient,
    private readonly clock: Clock,
    private readonly recorder: EventRecorder,
    private readonly informers: NodeLifecycleInformers,
    options: NodeLifecycleOptions = {},
  ) {
    this.monitorPeriodMs = options.nodeMonitorPeriodMs ?? 5000;
    this.periods = {
      monitorMs: options.nodeMonitorGracePeriodMs ?? 40_000,
      startupMs: options.nodeStartupGracePeriodMs ?? 60_000,
    };
    this.evictionQPS = options.evictionLimiterQPS ?? 0.1;
    this.secondaryEvictionQPS = options.secondaryEvictionLimiterQPS ?? 0.01;
    this.largeClusterThreshold = options.largeClusterThreshold ?? 50;
    this.unhealthyZoneThreshold = options.unhealthyZoneThreshold ?? 0.55;
    this.taints = new NodeTaints(client, clock);
    this.podsByNode = new PodsByNode(informers.pods);
    this.nodeUpdateQueue = new WorkQueue(clock, 'node_lifecycle_controller');
    this.podUpdateQueue = new WorkQueue(clock, 'node_lifecycle_controller_pods');
    informers.nodes.addEventHandler({
      onAdd: (node) => this.nodeUpdateQueue.add(node.metadata.name ?? ''),
      onUpdate: (_old, node) => this.nodeUpdateQueue.add(node.metadata.name ?? ''),
      onDelete: (node) => this.nodesToRetry.delete(node.metadata.name ?? ''),
    });
    informers.pods.addEventHandler({
      onAdd: (pod) => this.podUpdated(undefined, pod),
      onUpdate: (old, pod) => this.podUpdated(old, pod),
    });
  }

  run(): void {
    runWorkers(this.nodeUpdateQueue, NODE_UPDATE_WORKERS, (name) => this.processNode(name));
    runWorkers(this.podUpdateQueue, 4, (key) => this.processPod(key));
    this.timers = [
      this.clock.setInterval(() => void this.noExecuteTaintingPass(), NODE_EVICTION_PERIOD_MS),
      this.clock.setInterval(() => void this.monitorNodeHealth(), this.monitorPeriodMs),
    ];
  }

  stop(): void {
    for (const timer of this.timers) timer.cancel();
    this.nodeUpdateQueue.shutDown();
    this.podUpdateQueue.shutDown();
  }

  private node(name: string): Node | undefined {
    return this.informers.nodes.lister.get('', name) as Node | undefined;
  }

  private podUpdated(old: KubeObject | undefined, pod: KubeObject): void {
    const nodeName = (pod as Pod).spec?.nodeName;
    if (nodeName && (!old || (old as Pod).spec?.nodeName !== nodeName)) {
      this.podUpdateQueue.add(`${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}`);
    }
  }

  /** doNodeProcessingPassWorker: NoSchedule taints and beta labels of a node that changed. */
  private async processNode(name: string): Promise<void> {
    await this.noScheduleTaintingPass(name).catch(() => undefined);
    await this.reconcileNodeLabels(name).catch(() => undefined);
  }

  private async noScheduleTaintingPass(name: string): Promise<void> {
    const node = this.node(name);
    if (!node) return;
    const current = (node.spec?.taints ?? []).filter(
      (t) => t.effect === 'NoSchedule' && (t.key === TAINT_NODE_UNSCHEDULABLE || CONDITION_TAINT_KEYS.has(t.key)),
    );
    const [toAdd, toRemove] = taintSetDiff(noScheduleTaints(node), current);
    if (toAdd.length === 0 && toRemove.length === 0) return;
    if (!(await this.taints.swap(node, toAdd, toRemove))) throw new Error(`failed to swap taints of node ${name}`);
  }

  private async reconcileNodeLabels(name: string): Promise<void> {
    const labels = this.node(name)?.metadata.labels;
    if (!labels) return;
    const update: Record<string, string> = {};
    for (const { primary, secondary } of LABEL_RECONCILE) {
      const value = labels[primary];
      if (value !== undefined && labels[secondary] !== value) update[secondary] = value;
    }
    if (Object.keys(update).length === 0) return;
    await this.client.patch(NODES, '', name, 'merge', { metadata: { labels: update } });
  }

  /** A pod bound to a node that is not Ready is marked not ready too (the lagging-cache case of the monitor pass). */
  private async processPod(key: string): Promise<void> {
    const [namespace = '', name = ''] = key.split('/');
    const pod = this.informers.pods.lister.get(namespace, name) as Pod | undefined;
    if (!pod) return;
    const nodeName = pod.spec?.nodeName ?? '';
    const health = this.health.get(nodeName);
    if (!health) return;
    if (!this.node(nodeName)) throw new Error(`node ${nodeName} is not in the cache`);
    const ready = health.readyCondition;
    if (ready && ready.status !== 'True') {
      await markPodsNotReady(this.client, this.recorder, this.clock, [pod], nodeName);
    }
  }

  private tainterFor(node: Node): RateLimitedTimedQueue {
    const zone = zoneKey(node);
    let tainter = this.zoneTainters.get(zone);
    if (!tainter) {
      tainter = new RateLimitedTimedQueue(evictionLimiter(this.evictionQPS, this.clock), this.clock);
      this.zoneTainters.set(zone, tainter);
      this.zoneStates.set(zone, 'Initial');
    }
    return tainter;
  }

  private recordNodeEvent(node: Node, reason: string, message: string): void {
    const ref: KubeObject = {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: node.metadata.name, uid: node.metadata.uid },
    };
    this.recorder.event(ref, 'Normal', reason, message);
  }

  /** monitorNodeHealth: one pass over every node's health, then over the zones'. */
  private async monitorNodeHealth(): Promise<void> {
    if (this.monitoring) return;
    this.monitoring = true;
    try {
      const nodes = this.informers.nodes.lister.list() as Node[];
      const names = new Set<string>();
      for (const node of nodes) {
        const name = node.metadata.name ?? '';
        names.add(name);
        if (!this.knownNodes.has(name)) {
          this.recordNodeEvent(node, 'RegisteredNode', `Node ${name} event: Registered Node ${name} in Controller`);
          this.knownNodes.set(name, node);
          this.tainterFor(node);
          await this.markNodeAsReachable(node).catch(() => undefined);
        } else if (!this.zoneStates.has(zoneKey(node))) {
          this.tainterFor(node);
        }
      }
      for (const [name, node] of this.knownNodes) {
        if (names.has(name)) continue;
        this.recordNodeEvent(node, 'RemovingNode', `Node ${name} event: Removing Node ${name} from Controller`);
        this.knownNodes.delete(name);
        this.health.delete(name);
      }

      const zoneConditions = new Map<string, (NodeCondition | undefined)[]>();
      let next = 0;
      const worker = async (): Promise<void> => {
        while (next < nodes.length) {
          const node = nodes[next++]!;
          const current = await this.updateNode(node);
          if (current === null || node.metadata.labels?.[LABEL_EXCLUDE_DISRUPTION] !== undefined) continue;
          const zone = zoneKey(node);
          let conditions = zoneConditions.get(zone);
          if (!conditions) zoneConditions.set(zone, (conditions = []));
          conditions.push(current);
        }
      };
      await Promise.all(Array.from({ length: NODE_UPDATE_WORKERS }, worker));
      await this.handleDisruption(zoneConditions, nodes);
    } finally {
      this.monitoring = false;
    }
  }

  /** One node of a monitor pass; its Ready condition after the check, or null if its health could not be updated. */
  private async updateNode(cached: Node): Promise<NodeCondition | undefined | null> {
    const name = cached.metadata.name ?? '';
    let node = cached;
    let check;
    for (let attempt = 1; ; attempt++) {
      const lease = this.informers.leases.lister.get(NODE_LEASE_NAMESPACE, name) as Lease | undefined;
      check = checkNodeHealth(node, this.health.get(name), lease, this.clock.now(), this.periods);
      this.health.set(name, check.health);
      if (!check.update) break;
      try {
        await this.client.request('PUT', `/api/v1/nodes/${name}/status`, { body: check.update });
        this.health.set(name, {
          ...check.health,
          readyCondition: check.current,
          readyTransitionTimestamp: this.clock.now(),
        });
        break;
      } catch {
        if (attempt >= NODE_HEALTH_UPDATE_RETRY) return null;
        try {
          node = (await this.client.get(NODES, '', name)) as Node;
        } catch {
          return null;
        }
      }
    }

    const { observed, current } = check;
    if (current) {
      const updated = check.update ?? node;
      await this.processTaintBasedEviction(updated, observed);
      const needsRetry = this.nodesToRetry.has(name);
      const becameNotReady = current.status !== 'True' && observed.status === 'True';
      if (becameNotReady) this.recordNodeEvent(updated, 'NodeNotReady', `Node ${name} status is now: NodeNotReady`);
      if (becameNotReady || (needsRetry && observed.status !== 'True')) {
        try {
          await markPodsNotReady(this.client, this.recorder, this.clock, this.podsByNode.podsOn(name), name);
        } catch {
          this.nodesToRetry.add(name);
          return current;
        }
      }
    }
    this.nodesToRetry.delete(name);
    return current;
  }

  /** processTaintBaseEviction: queue a not-ready or unreachable node for its NoExecute taint; untaint a Ready one. */
  private async processTaintBasedEviction(node: Node, observed: NodeCondition): Promise<void> {
    const taints = node.spec?.taints;
    if (observed.status === 'False') {
      if (taintExists(taints, UNREACHABLE_NO_EXECUTE)) {
        await this.taints.swap(node, [NOT_READY_NO_EXECUTE], [UNREACHABLE_NO_EXECUTE]);
      } else {
        this.markNodeForTainting(node, NOT_READY_NO_EXECUTE);
      }
    } else if (observed.status === 'Unknown') {
      if (taintExists(taints, NOT_READY_NO_EXECUTE)) {
        await this.taints.swap(node, [UNREACHABLE_NO_EXECUTE], [NOT_READY_NO_EXECUTE]);
      } else {
        this.markNodeForTainting(node, UNREACHABLE_NO_EXECUTE);
      }
    } else if (observed.status === 'True') {
      await this.markNodeAsReachable(node).catch(() => undefined);
    }
  }

  private markNodeForTainting(node: Node, taint: Taint): void {
    const tainter = this.tainterFor(node);
    const name = node.metadata.name ?? '';
    if (!taintExists(node.spec?.taints, taint)) tainter.remove(name);
    tainter.add(name, node.metadata.uid ?? '');
  }

  private async markNodeAsReachable(node: Node): Promise<void> {
    await this.taints.remove(node, [UNREACHABLE_NO_EXECUTE, NOT_READY_NO_EXECUTE]);
    this.tainterFor(node).remove(node.metadata.name ?? '');
  }

  /** doNoExecuteTaintingPass: taints queued nodes NoExecute, as fast as each zone's limiter allows. */
  private async noExecuteTaintingPass(): Promise<void> {
    if (this.tainting) return;
    this.tainting = true;
    try {
      for (const tainter of [...this.zoneTainters.values()]) {
        await tainter.try(async ({ value }): Promise<TryResult> => {
          const node = this.node(value);
          if (!node) return { done: true };
          const ready = nodeCondition(node, 'Ready');
          if (!ready) return { done: true };
          // Unreachable and not-ready mirror the Ready condition, so they never go together.
          let add: Taint;
          let opposite: Taint;
          if (ready.status === 'False') [add, opposite] = [NOT_READY_NO_EXECUTE, UNREACHABLE_NO_EXECUTE];
          else if (ready.status === 'Unknown') [add, opposite] = [UNREACHABLE_NO_EXECUTE, NOT_READY_NO_EXECUTE];
          else return { done: true };
          return (await this.taints.swap(node, [add], [opposite])) ? { done: true } : { done: false, retryAfterMs: 0 };
        });
      }
    } finally {
      this.tainting = false;
    }
  }

  /** handleDisruption: zone states set the zones' tainting rates; with every zone down, no node is tainted at all. */
  private async handleDisruption(
    zoneConditions: Map<string, (NodeCondition | undefined)[]>,
    nodes: readonly Node[],
  ): Promise<void> {
    const newStates = new Map<string, ZoneState>();
    let allAreFullyDisrupted = true;
    for (const [zone, conditions] of zoneConditions) {
      const [, state] = computeZoneState(conditions, this.unhealthyZoneThreshold);
      if (state !== 'FullDisruption') allAreFullyDisrupted = false;
      newStates.set(zone, state);
      if (!this.zoneStates.has(zone)) this.zoneStates.set(zone, 'Initial');
    }
    let allWasFullyDisrupted = true;
    for (const [zone, state] of this.zoneStates) {
      if (!zoneConditions.has(zone)) {
        this.zoneStates.delete(zone);
        continue;
      }
      if (state !== 'FullDisruption') {
        allWasFullyDisrupted = false;
        break;
      }
    }
    if (allAreFullyDisrupted && allWasFullyDisrupted) return;

    if (allAreFullyDisrupted) {
      // Every node down at once is more likely the control plane's network than the nodes: evict nothing.
      for (const node of nodes) await this.markNodeAsReachable(node).catch(() => undefined);
      for (const zone of this.zoneStates.keys()) {
        this.zoneTainters.get(zone)?.swapLimiter(0);
        this.zoneStates.set(zone, 'FullDisruption');
      }
      return;
    }
    if (allWasFullyDisrupted) {
      const now = this.clock.now();
      for (const node of nodes) {
        const health = this.health.get(node.metadata.name ?? '');
        if (health)
          this.health.set(node.metadata.name ?? '', { ...health, probeTimestamp: now, readyTransitionTimestamp: now });
      }
      for (const zone of this.zoneStates.keys()) {
        const state = newStates.get(zone) ?? 'Normal';
        this.setLimiterInZone(zone, zoneConditions.get(zone)?.length ?? 0, state);
        this.zoneStates.set(zone, state);
      }
      return;
    }
    for (const [zone, state] of this.zoneStates) {
      const newState = newStates.get(zone);
      if (!newState || newState === state) continue;
      this.setLimiterInZone(zone, zoneConditions.get(zone)?.length ?? 0, newState);
      this.zoneStates.set(zone, newState);
    }
  }

  private setLimiterInZone(zone: string, zoneSize: number, state: ZoneState): void {
    const tainter = this.zoneTainters.get(zone);
    if (!tainter) return;
    if (state === 'Normal' || state === 'FullDisruption') tainter.swapLimiter(this.evictionQPS);
    else if (state === 'PartialDisruption') {
      tainter.swapLimiter(zoneSize > this.largeClusterThreshold ? this.secondaryEvictionQPS : 0);
    }
  }
}

/** The node lifecycle controller, built from the controller manager's context. */
export function nodeLifecycleController(ctx: ControllerContext, options: NodeLifecycleOptions = {}): Controller {
  const controller = new NodeLifecycleController(
    ctx.client,
    ctx.clock,
    ctx.recorder('node-controller'),
    {
      nodes: ctx.informers.informerFor(NODES),
      pods: controllerIndexedInformer(ctx.informers, { group: '', version: 'v1', resource: 'pods' }),
      leases: ctx.informers.informerFor(
        { group: 'coordination.k8s.io', version: 'v1', resource: 'leases' },
        { namespace: NODE_LEASE_NAMESPACE },
      ),
    },
    options,
  );
  return { name: 'node-lifecycle-controller', run: () => controller.run(), stop: () => controller.stop() };
}
