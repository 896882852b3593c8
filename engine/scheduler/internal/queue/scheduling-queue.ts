// The scheduling queue (internal/queue/scheduling_queue.go): activeQ (what to schedule next, by the QueueSort
// plugin: priority, then time queued), backoffQ (pods waiting out 1 s, 2 s, 4 s… up to 10 s after a failed
// attempt) and unschedulablePods (parked until a cluster event that a rejecting plugin says may help — its
// QueueingHint — or five minutes pass). Gated pods (PreEnqueue) park in unschedulablePods too. Events that arrive
// while a pod is being scheduled are kept and replayed when the pod fails, so none is lost.

import type { KubeObject } from '../../../api/object.ts';
import type { Clock, Timer } from '../../../lab/clock.ts';
import type { Pod } from '../../framework/api-types.ts';
import {
  ActionType,
  UnschedulableTimeout,
  eventMatches,
  podSchedulingPropertiesChange,
} from '../../framework/events.ts';
import type { ClusterEvent, ClusterEventWithHint } from '../../framework/events.ts';
import type { NominatingInfo } from '../../framework/interface.ts';
import { PodInfo } from '../../framework/pod-info.ts';
import { newQueuedPodInfo } from '../../framework/queued-pod-info.ts';
import type { QueuedPodInfo } from '../../framework/queued-pod-info.ts';
import type { Status } from '../../framework/status.ts';
import { Heap } from './heap.ts';
import type { Nominator } from './nominator.ts';

/** DefaultPodInitialBackoffDuration. */
export const DEFAULT_POD_INITIAL_BACKOFF_MS = 1000;
/** DefaultPodMaxBackoffDuration. */
export const DEFAULT_POD_MAX_BACKOFF_MS = 10_000;
/** DefaultPodMaxInUnschedulablePodsDuration: after this, an unschedulable pod is tried again regardless. */
export const DEFAULT_POD_MAX_IN_UNSCHEDULABLE_PODS_MS = 5 * 60 * 1000;
/** How often completed back-offs are moved to activeQ. */
const BACKOFF_FLUSH_INTERVAL_MS = 1000;
/** How often unschedulable pods are checked against the maximum stay. */
const UNSCHEDULABLE_FLUSH_INTERVAL_MS = 30_000;

/** Where a requeued pod goes: straight back, after its back-off, or nowhere yet. */
type QueueingStrategy = 'queueSkip' | 'queueAfterBackoff' | 'queueImmediately';

export type QueueName = 'activeQ' | 'backoffQ' | 'unschedulablePods';

export interface SchedulingQueueOptions {
  clock: Clock;
  less: (a: QueuedPodInfo, b: QueuedPodInfo) => boolean;
  preEnqueue: (pod: Pod) => Status | null;
  /** The events each plugin registered, with their hints. */
  eventsByPlugin: ReadonlyMap<string, ClusterEventWithHint[]>;
  nominator: Nominator;
  podInitialBackoffMs?: number;
  podMaxBackoffMs?: number;
  podMaxInUnschedulablePodsMs?: number;
}

interface InFlightEvent {
  event: ClusterEvent;
  oldObj: KubeObject | undefined;
  newObj: KubeObject | undefined;
}

const keyOf = (p: QueuedPodInfo): string => p.podInfo.key;
const podKey = (pod: Pod): string => `${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}`;

export class SchedulingQueue {
  private readonly clock: Clock;
  private readonly activeQ: Heap<QueuedPodInfo>;
  private readonly backoffQ: Heap<QueuedPodInfo>;
  private readonly unschedulablePods = new Map<string, QueuedPodInfo>();
  private readonly preEnqueue: (pod: Pod) => Status | null;
  private readonly eventsByPlugin: ReadonlyMap<string, ClusterEventWithHint[]>;
  readonly nominator: Nominator;
  private readonly initialBackoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly maxInUnschedulableMs: number;
  /** Pods popped and not yet done, with where their events start in inFlightEvents. */
  private readonly inFlightPods = new Map<string, number>();
  private inFlightEvents: InFlightEvent[] = [];
  private schedCycle = 0;
  private readonly waiters: ((p: QueuedPodInfo | undefined) => void)[] = [];
  private timers: Timer[] = [];
  private closed = false;

  constructor(options: SchedulingQueueOptions) {
    this.clock = options.clock;
    this.activeQ = new Heap(keyOf, options.less);
    this.backoffQ = new Heap(keyOf, (a, b) => this.backoffTime(a) < this.backoffTime(b));
    this.preEnqueue = options.preEnqueue;
    this.eventsByPlugin = options.eventsByPlugin;
    this.nominator = options.nominator;
    this.initialBackoffMs = options.podInitialBackoffMs ?? DEFAULT_POD_INITIAL_BACKOFF_MS;
    this.maxBackoffMs = options.podMaxBackoffMs ?? DEFAULT_POD_MAX_BACKOFF_MS;
    this.maxInUnschedulableMs = options.podMaxInUnschedulablePodsMs ?? DEFAULT_POD_MAX_IN_UNSCHEDULABLE_PODS_MS;
  }

  /** Starts the periodic flushes of completed back-offs and of long-unschedulable pods. */
  run(): void {
    this.timers = [
      this.clock.setInterval(() => this.flushBackoffQCompleted(), BACKOFF_FLUSH_INTERVAL_MS),
      this.clock.setInterval(() => this.flushUnschedulablePodsLeftover(), UNSCHEDULABLE_FLUSH_INTERVAL_MS),
    ];
  }

  close(): void {
    this.closed = true;
    for (const timer of this.timers) timer.cancel();
    for (const waiter of this.waiters.splice(0)) waiter(undefined);
  }

  /** Incremented at every pop. */
  get schedulingCycle(): number {
    return this.schedCycle;
  }

  /** A new unscheduled pod. */
  add(pod: Pod): void {
    this.moveToActiveQ(newQueuedPodInfo(new PodInfo(pod), this.clock.now()), 'PodAdd');
  }

  /** An unscheduled pod changed: update it where it waits, and let its own change requeue it if that may help. */
  update(oldPod: Pod, newPod: Pod): void {
    const events = podSchedulingPropertiesChange(newPod, oldPod);
    const uid = newPod.metadata.uid ?? '';
    if (this.inFlightPods.has(uid)) {
      for (const event of events) this.inFlightEvents.push({ event, oldObj: oldPod, newObj: newPod });
      return;
    }
    const key = podKey(oldPod);
    for (const heap of [this.activeQ, this.backoffQ]) {
      const pInfo = heap.get(key);
      if (!pInfo) continue;
      pInfo.podInfo = new PodInfo(newPod);
      this.nominator.updateNominatedPod(oldPod, pInfo.podInfo);
      heap.addOrUpdate(pInfo);
      return;
    }
    const pInfo = this.unschedulablePods.get(podKey(newPod));
    if (pInfo) {
      pInfo.podInfo = new PodInfo(newPod);
      this.nominator.updateNominatedPod(oldPod, pInfo.podInfo);
      for (const event of events) {
        const strategy = this.isPodWorthRequeuing(pInfo, event, oldPod, newPod);
        if (strategy === 'queueSkip') continue;
        this.unschedulablePods.delete(keyOf(pInfo));
        if (this.requeuePodViaQueueingHint(pInfo, strategy, event.label) === 'activeQ') break;
      }
      return;
    }
    this.moveToActiveQ(newQueuedPodInfo(new PodInfo(newPod), this.clock.now()), 'PodUpdate');
  }

  delete(pod: Pod): void {
    this.nominator.deleteNominatedPodIfExists(pod);
    const key = podKey(pod);
    this.activeQ.delete(key);
    this.backoffQ.delete(key);
    this.unschedulablePods.delete(key);
  }

  /** The next pod to schedule; waits while activeQ is empty; undefined once closed. */
  pop(): Promise<QueuedPodInfo | undefined> {
    if (this.closed) return Promise.resolve(undefined);
    const pInfo = this.activeQ.pop();
    if (pInfo) return Promise.resolve(this.startAttempt(pInfo));
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** The pod's attempt is over (scheduled, or handed back): stop recording events for it. */
  done(uid: string): void {
    this.inFlightPods.delete(uid);
    if (this.inFlightPods.size === 0) {
      this.inFlightEvents = [];
      return;
    }
    const oldest = Math.min(...this.inFlightPods.values());
    if (oldest > 0) {
      this.inFlightEvents = this.inFlightEvents.slice(oldest);
      for (const [id, start] of this.inFlightPods) this.inFlightPods.set(id, start - oldest);
    }
  }

  /**
   * Takes back a pod whose attempt failed: to backoffQ or activeQ when an event during the attempt may have made it
   * schedulable (or it failed with an error), else to unschedulablePods.
   */
  addUnschedulableIfNotPresent(pInfo: QueuedPodInfo): void {
    const key = keyOf(pInfo);
    const uid = pInfo.podInfo.uid;
    try {
      if (this.unschedulablePods.has(key) || this.activeQ.has(key) || this.backoffQ.has(key)) return;
      pInfo.timestamp = this.clock.now();
      const strategy = this.determineSchedulingHintForInFlightPod(pInfo);
      this.requeuePodViaQueueingHint(pInfo, strategy, 'ScheduleAttemptFailure');
    } finally {
      this.done(uid);
    }
  }

  /** Moves the unschedulable pods a cluster event may help to activeQ or backoffQ. */
  moveAllToActiveOrBackoffQueue(
    event: ClusterEvent,
    oldObj: KubeObject | undefined,
    newObj: KubeObject | undefined,
    preCheck?: (pod: Pod) => boolean,
  ): void {
    if (this.unschedulablePods.size > 0 && this.isEventOfInterest(event)) {
      const pods = [...this.unschedulablePods.values()].filter((p) => !preCheck || preCheck(p.podInfo.pod));
      this.movePodsToActiveOrBackoffQueue(pods, event, oldObj, newObj);
    }
    if (this.inFlightPods.size > 0) this.inFlightEvents.push({ event, oldObj, newObj });
  }

  /** Moves pods whose back-off is over to activeQ. */
  flushBackoffQCompleted(): void {
    for (;;) {
      const pInfo = this.backoffQ.peek();
      if (!pInfo || this.isPodBackingoff(pInfo)) return;
      this.backoffQ.pop();
      this.moveToActiveQ(pInfo, 'BackoffComplete');
    }
  }

  /** Gives every pod unschedulable for longer than the maximum stay another try. */
  flushUnschedulablePodsLeftover(): void {
    const now = this.clock.now();
    const stale = [...this.unschedulablePods.values()].filter((p) => now - p.timestamp > this.maxInUnschedulableMs);
    if (stale.length) this.movePodsToActiveOrBackoffQueue(stale, UnschedulableTimeout, undefined, undefined);
  }

  addNominatedPod(podInfo: PodInfo, nominatingInfo: NominatingInfo | undefined): void {
    this.nominator.addNominatedPod(podInfo, nominatingInfo);
  }

  /** Which queue holds the pod, if any. */
  whereIs(pod: Pod): QueueName | undefined {
    const key = podKey(pod);
    if (this.activeQ.has(key)) return 'activeQ';
    if (this.backoffQ.has(key)) return 'backoffQ';
    if (this.unschedulablePods.has(key)) return 'unschedulablePods';
    return undefined;
  }

  /** The queued pod by key, wherever it waits. */
  get(pod: Pod): QueuedPodInfo | undefined {
    const key = podKey(pod);
    return this.activeQ.get(key) ?? this.backoffQ.get(key) ?? this.unschedulablePods.get(key);
  }

  /** How many pods wait in each queue. */
  get sizes(): Record<QueueName, number> {
    return {
      activeQ: this.activeQ.length,
      backoffQ: this.backoffQ.length,
      unschedulablePods: this.unschedulablePods.size,
    };
  }

  /** Virtual ms when the pod's back-off ends: last queued + 1 s × 2^(attempts−1), at most 10 s. */
  backoffTime(pInfo: QueuedPodInfo): number {
    return pInfo.timestamp + this.calculateBackoffDuration(pInfo);
  }

  private calculateBackoffDuration(pInfo: QueuedPodInfo): number {
    if (pInfo.attempts === 0) return 0;
    let duration = this.initialBackoffMs;
    for (let i = 1; i < pInfo.attempts; i++) {
      if (duration > this.maxBackoffMs - duration) return this.maxBackoffMs;
      duration += duration;
    }
    return duration;
  }

  private isPodBackingoff(pInfo: QueuedPodInfo): boolean {
    return this.backoffTime(pInfo) > this.clock.now();
  }

  private startAttempt(pInfo: QueuedPodInfo): QueuedPodInfo {
    pInfo.attempts++;
    this.schedCycle++;
    this.inFlightPods.set(pInfo.podInfo.uid, this.inFlightEvents.length);
    pInfo.unschedulablePlugins.clear();
    pInfo.pendingPlugins.clear();
    return pInfo;
  }

  /** Runs PreEnqueue: gated pods park in unschedulablePods, the others go to activeQ. Whether it was activated. */
  private moveToActiveQ(pInfo: QueuedPodInfo, event: string): boolean {
    const key = keyOf(pInfo);
    const gate = this.preEnqueue(pInfo.podInfo.pod);
    pInfo.gated = gate !== null;
    if (gate) {
      pInfo.gatedMessage = gate.message();
      pInfo.unschedulablePlugins.add(gate.plugin);
      if (!this.activeQ.has(key) && !this.backoffQ.has(key)) this.unschedulablePods.set(key, pInfo);
      return false;
    }
    pInfo.gatedMessage = '';
    pInfo.initialAttemptTimestamp ??= this.clock.now();
    this.unschedulablePods.delete(key);
    this.backoffQ.delete(key);
    if (event === 'PodAdd' || event === 'PodUpdate') this.nominator.addNominatedPod(pInfo.podInfo, undefined);
    const waiter = this.waiters.shift();
    if (waiter) waiter(this.startAttempt(pInfo));
    else this.activeQ.addOrUpdate(pInfo);
    return true;
  }

  private requeuePodViaQueueingHint(pInfo: QueuedPodInfo, strategy: QueueingStrategy, event: string): QueueName {
    if (strategy === 'queueSkip') {
      this.unschedulablePods.set(keyOf(pInfo), pInfo);
      return 'unschedulablePods';
    }
    if (strategy === 'queueAfterBackoff' && this.isPodBackingoff(pInfo)) {
      this.backoffQ.addOrUpdate(pInfo);
      return 'backoffQ';
    }
    return this.moveToActiveQ(pInfo, event) ? 'activeQ' : 'unschedulablePods';
  }

  private movePodsToActiveOrBackoffQueue(
    pods: readonly QueuedPodInfo[],
    event: ClusterEvent,
    oldObj: KubeObject | undefined,
    newObj: KubeObject | undefined,
  ): void {
    for (const pInfo of pods) {
      const strategy = this.isPodWorthRequeuing(pInfo, event, oldObj, newObj);
      if (strategy === 'queueSkip') continue;
      this.unschedulablePods.delete(keyOf(pInfo));
      this.requeuePodViaQueueingHint(pInfo, strategy, event.label);
    }
  }

  private determineSchedulingHintForInFlightPod(pInfo: QueuedPodInfo): QueueingStrategy {
    const start = this.inFlightPods.get(pInfo.podInfo.uid);
    const events = start === undefined ? [] : this.inFlightEvents.slice(start);
    if (pInfo.unschedulablePlugins.size === 0 && pInfo.pendingPlugins.size === 0) return 'queueAfterBackoff';
    let strategy: QueueingStrategy = 'queueSkip';
    for (const e of events) {
      const s = this.isPodWorthRequeuing(pInfo, e.event, e.oldObj, e.newObj);
      if (s === 'queueImmediately') return s;
      if (s === 'queueAfterBackoff') {
        strategy = s;
        if (pInfo.pendingPlugins.size === 0) return s;
      }
    }
    return strategy;
  }

  /** Asks the hints of the plugins that rejected the pod whether the event may make it schedulable. */
  private isPodWorthRequeuing(
    pInfo: QueuedPodInfo,
    event: ClusterEvent,
    oldObj: KubeObject | undefined,
    newObj: KubeObject | undefined,
  ): QueueingStrategy {
    const rejectors = new Set([...pInfo.unschedulablePlugins, ...pInfo.pendingPlugins]);
    if (rejectors.size === 0) return 'queueAfterBackoff';
    if (event.resource === '*' && event.actionType === ActionType.All) return 'queueAfterBackoff';
    let strategy: QueueingStrategy = 'queueSkip';
    for (const plugin of rejectors) {
      for (const registration of this.eventsByPlugin.get(plugin) ?? []) {
        if (!eventMatches(registration.event, event)) continue;
        const hint = registration.queueingHintFn
          ? safeHint(() => registration.queueingHintFn!(pInfo.podInfo.pod, oldObj, newObj))
          : 'Queue';
        if (hint === 'QueueSkip') continue;
        if (pInfo.pendingPlugins.has(plugin)) return 'queueImmediately';
        if (pInfo.pendingPlugins.size === 0) return 'queueAfterBackoff';
        strategy = 'queueAfterBackoff';
      }
    }
    return strategy;
  }

  /** Whether any plugin registered for the event (isEventOfInterest). */
  private isEventOfInterest(event: ClusterEvent): boolean {
    if (event.resource === '*') return true;
    for (const registrations of this.eventsByPlugin.values()) {
      if (registrations.some((r) => eventMatches(r.event, event))) return true;
    }
    return false;
  }
}

/** A hint that throws queues the pod, so that it is never stuck (as upstream treats a hint's error). */
function safeHint(fn: () => 'Queue' | 'QueueSkip'): 'Queue' | 'QueueSkip' {
  try {
    return fn();
  } catch {
    return 'Queue';
  }
}
