// The StatefulSet control loop (stateful_set_control.go): from the set's revisions it picks the current and update
// revision, then brings the pods to spec — OrderedReady creates ordinals one at a time, each waiting for its
// predecessors to be running, ready and available, and removes surplus ordinals highest first; Parallel does both at
// once — then rolls pods to the update revision from the highest ordinal down to the partition (one at a time, or up
// to maxUnavailable), or leaves that to whoever deletes them (OnDelete). Finally it writes the status and trims the
// revision history to revisionHistoryLimit, keeping every revision a pod still runs.

import { deepCopy } from '../../api/object.ts';
import { isStatusError } from '../../apiserver/errors/status-error.ts';
import type { LabelSelector } from '../../apiserver/selectors/label-selector.ts';
import type { InProcessClient } from '../../client/in-process-client.ts';
import type { Clock } from '../../lab/clock.ts';
import type { ControllerHistory, ControllerRevision } from '../common/controller-history.ts';
import {
  equalRevision,
  findEqualRevisions,
  nextRevision,
  sortControllerRevisions,
} from '../common/controller-history.ts';
import { scaledValueFromIntOrPercent } from '../common/int-or-percent.ts';
import { slowStartBatch } from '../common/slow-start.ts';
import type { Pod } from '../common/workload-types.ts';
import type { StatefulPodControl } from './stateful-pod-control.ts';
import { applyRevision, newRevision } from './stateful-set-revision.ts';
import { completeRollingUpdate, computeReplicaStatus, inconsistentStatus } from './stateful-set-status.ts';
import {
  allowsBurst,
  endOrdinal,
  identityMatches,
  isCreated,
  isFailed,
  isHealthy,
  isPending,
  isRunningAndAvailable,
  isRunningAndReady,
  isSucceeded,
  isTerminating,
  newVersionedStatefulSetPod,
  ordinalOf,
  podInOrdinalRange,
  podRevision,
  startOrdinal,
  storageMatches,
} from './stateful-set-utils.ts';
import type { StatefulSet, StatefulSetStatus } from './statefulset-types.ts';

export const STATEFULSETS = { group: 'apps', version: 'v1', resource: 'statefulsets' };
/** retry.DefaultRetry's number of attempts for status conflicts. */
const STATUS_UPDATE_ATTEMPTS = 5;

/** What one pass over a set produced: the status it computed (if it got that far) and the first error. */
interface PassResult {
  status?: StatefulSetStatus;
  error?: unknown;
}

/** getStatefulSetMaxUnavailable: maxUnavailable of the replicas, rounded down, at least 1. */
export function statefulSetMaxUnavailable(set: StatefulSet, replicas: number): number {
  const value = set.spec?.updateStrategy?.rollingUpdate?.maxUnavailable ?? 1;
  return Math.max(1, scaledValueFromIntOrPercent(value, replicas, false));
}

/** runForAll: in order, stopping at the first pod that blocks; or (Parallel) all at once in slow-start batches. */
async function runForAll(
  count: number,
  fn: (i: number) => Promise<boolean>,
  monotonic: boolean,
): Promise<{ exit: boolean; error?: unknown }> {
  if (monotonic) {
    for (let i = 0; i < count; i++) {
      try {
        if (await fn(i)) return { exit: true };
      } catch (error) {
        return { exit: true, error };
      }
    }
    return { exit: false };
  }
  let next = 0;
  const { error } = await slowStartBatch(count, 1, async () => {
    await fn(next++);
  });
  return { exit: error !== undefined, error };
}

export class StatefulSetControl {
  constructor(
    private readonly client: InProcessClient,
    private readonly clock: Clock,
    private readonly history: ControllerHistory,
    private readonly podControl: StatefulPodControl,
  ) {}

  /** UpdateStatefulSet: one pass; resolves with the status written, throws the first error after trimming history. */
  async updateStatefulSet(cached: StatefulSet, selector: LabelSelector, pods: Pod[]): Promise<StatefulSetStatus> {
    const set = deepCopy(cached);
    const revisions = sortControllerRevisions(this.history.listControllerRevisions(set, selector));
    let current: ControllerRevision | undefined;
    let update: ControllerRevision | undefined;
    let result: PassResult;
    try {
      ({ current, update } = await this.statefulSetRevisions(set, revisions));
      result = await this.performUpdate(set, current, update, pods);
    } catch (error) {
      result = { error };
    }
    await this.truncateHistory(set, pods, revisions, current, update);
    if (result.error !== undefined || !result.status) throw result.error;
    return result.status;
  }

  private async performUpdate(
    set: StatefulSet,
    current: ControllerRevision,
    update: ControllerRevision,
    pods: Pod[],
  ): Promise<PassResult> {
    const { status, error } = await this.updatePods(set, current, update, pods);
    if (!status) return { error };
    try {
      await this.updateStatefulSetStatus(set, status);
    } catch (statusError) {
      return { status, error: error ?? statusError };
    }
    return { status, error };
  }

  /**
   * getStatefulSetRevisions: the update revision is the set's template — the newest revision if equal, an older
   * equal one renumbered (a rollback), or a new one; the current revision is the one the status names, or the update
   * revision for a new set.
   */
  private async statefulSetRevisions(
    set: StatefulSet,
    revisions: ControllerRevision[],
  ): Promise<{ current: ControllerRevision; update: ControllerRevision }> {
    const collisionCount = { value: set.status?.collisionCount ?? 0 };
    let update = newRevision(set, nextRevision(revisions), collisionCount.value);
    const equal = findEqualRevisions(revisions, update);
    const lastEqual = equal[equal.length - 1];
    const newest = revisions[revisions.length - 1];
    if (lastEqual && equalRevision(newest, lastEqual)) update = newest!;
    else if (lastEqual) update = await this.history.updateControllerRevision(lastEqual, update.revision);
    else update = await this.history.createControllerRevision(set, update, collisionCount);
    // The collision count the revisions were named with goes into the status.
    set.status = { ...set.status, collisionCount: collisionCount.value };
    const current = revisions.find((r) => r.metadata.name === set.status?.currentRevision) ?? update;
    return { current, update };
  }

  /** updateStatefulSet: the pod work of one pass, and the status it leaves. */
  private async updatePods(
    set: StatefulSet,
    currentRevision: ControllerRevision,
    updateRevision: ControllerRevision,
    pods: Pod[],
  ): Promise<PassResult> {
    const currentSet = applyRevision(set, currentRevision);
    const updateSet = applyRevision(set, updateRevision);
    const currentName = currentRevision.metadata.name ?? '';
    const updateName = updateRevision.metadata.name ?? '';
    const minReadySeconds = set.spec?.minReadySeconds ?? 0;
    const now = this.clock.now();
    const status: StatefulSetStatus = {
      observedGeneration: set.metadata.generation,
      currentRevision: currentName,
      updateRevision: updateName,
      collisionCount: set.status?.collisionCount ?? 0,
    };
    const setCounts = (...lists: Pod[][]): void => {
      Object.assign(status, computeReplicaStatus(lists, minReadySeconds, currentName, updateName, now));
    };
    setCounts(pods);

    const start = startOrdinal(set);
    const replicas: Pod[] = [];
    const condemned: Pod[] = [];
    for (const pod of pods) {
      if (podInOrdinalRange(pod, set)) replicas[ordinalOf(pod) - start] = pod;
      else if (ordinalOf(pod) >= 0) condemned.push(pod);
    }
    for (let ordinal = start; ordinal <= endOrdinal(set); ordinal++) {
      replicas[ordinal - start] ??= newVersionedStatefulSetPod(currentSet, updateSet, currentName, updateName, ordinal);
    }
    condemned.sort((a, b) => ordinalOf(b) - ordinalOf(a));

    // The first unhealthy replica, else the lowest unhealthy condemned pod.
    const firstUnhealthyPod =
      replicas.find((pod) => !isHealthy(pod)) ?? [...condemned].reverse().find((pod) => !isHealthy(pod));

    if (set.metadata.deletionTimestamp) return { status };
    const monotonic = !allowsBurst(set);

    const steps: [Pod[], (i: number) => Promise<boolean>][] = [
      [replicas, (i) => this.processReplica(set, updateSet, monotonic, replicas[i]!)],
      [condemned, (i) => this.fixPodClaim(updateSet, condemned[i]!)],
      [condemned, (i) => this.processCondemned(set, firstUnhealthyPod, monotonic, condemned[i]!)],
    ];
    for (const [list, fn] of steps) {
      const { exit, error } = await runForAll(list.length, fn, monotonic);
      if (exit || error !== undefined) {
        setCounts(replicas, condemned);
        return { status, error };
      }
    }
    setCounts(replicas, condemned);

    // OnDelete: pods are updated when someone deletes them.
    if (set.spec?.updateStrategy?.type === 'OnDelete') return { status };
    try {
      if (set.spec?.updateStrategy?.rollingUpdate?.maxUnavailable !== undefined) {
        await this.rollWithMaxUnavailable(set, replicas, updateName, status);
      } else {
        await this.rollOneAtATime(set, replicas, updateName, status);
      }
    } catch (error) {
      return { status, error };
    }
    return { status };
  }

  /** processReplica: brings one ordinal to spec; whether an OrderedReady set must stop here for now. */
  private async processReplica(
    set: StatefulSet,
    updateSet: StatefulSet,
    monotonic: boolean,
    pod: Pod,
  ): Promise<boolean> {
    // A finished pod — failed, evicted, or exited — is deleted; the next pass recreates it.
    if (isFailed(pod) || isSucceeded(pod)) {
      if (!pod.metadata.deletionTimestamp) await this.podControl.deleteStatefulPod(set, pod);
      return true;
    }
    if (!isCreated(pod)) {
      // A claim still owned by an earlier pod of this name is about to be deleted: wait for it.
      if (this.podControl.podClaimIsStale(set, pod)) return true;
      await this.podControl.createStatefulPod(set, pod);
      if (monotonic) return true;
    }
    if (isPending(pod)) await this.podControl.createMissingPersistentVolumeClaims(set, pod);
    if (monotonic) {
      if (isTerminating(pod)) return true;
      if (!isRunningAndReady(pod)) return true;
      if (!isRunningAndAvailable(pod, set.spec?.minReadySeconds ?? 0, this.clock.now())) return true;
    }
    let retentionMatch: boolean;
    try {
      retentionMatch = this.podControl.claimsMatchRetentionPolicy(updateSet, pod);
    } catch {
      retentionMatch = true;
    }
    if (identityMatches(set, pod) && storageMatches(set, pod) && retentionMatch) return false;
    await this.podControl.updateStatefulPod(updateSet, pod);
    return false;
  }

  /** The claims of a pod about to be scaled away get the owners the policy asks for (whenScaled: Delete). */
  private async fixPodClaim(updateSet: StatefulSet, pod: Pod): Promise<boolean> {
    if (!this.podControl.claimsMatchRetentionPolicy(updateSet, pod)) {
      await this.podControl.updatePodClaimForRetentionPolicy(updateSet, pod);
    }
    return false;
  }

  /** processCondemned: deletes a pod beyond the replicas — OrderedReady, only once the others are healthy. */
  private async processCondemned(
    set: StatefulSet,
    firstUnhealthyPod: Pod | undefined,
    monotonic: boolean,
    pod: Pod,
  ): Promise<boolean> {
    if (isTerminating(pod)) return monotonic;
    if (monotonic && pod !== firstUnhealthyPod) {
      if (!isRunningAndReady(pod)) return true;
      if (!isRunningAndAvailable(pod, set.spec?.minReadySeconds ?? 0, this.clock.now())) return true;
    }
    await this.podControl.deleteStatefulPod(set, pod);
    return true;
  }

  /** The rolling update: the highest ordinal at or above the partition not at the update revision is deleted. */
  private async rollOneAtATime(
    set: StatefulSet,
    replicas: Pod[],
    updateName: string,
    status: StatefulSetStatus,
  ): Promise<void> {
    const updateMin = set.spec?.updateStrategy?.rollingUpdate?.partition ?? 0;
    for (let target = replicas.length - 1; target >= updateMin; target--) {
      const pod = replicas[target]!;
      if (podRevision(pod) !== updateName && !isTerminating(pod)) {
        await this.podControl.deleteStatefulPod(set, pod);
        status.currentReplicas = (status.currentReplicas ?? 0) - 1;
        return;
      }
      // Wait for the updated pod to be healthy before touching the next one.
      if (!isHealthy(pod)) return;
    }
  }

  /** updateStatefulSetAfterInvariantEstablished: up to maxUnavailable pods down at once, highest ordinals first. */
  private async rollWithMaxUnavailable(
    set: StatefulSet,
    replicas: Pod[],
    updateName: string,
    status: StatefulSetStatus,
  ): Promise<void> {
    const updateMin = set.spec?.updateStrategy?.rollingUpdate?.partition ?? 0;
    const maxUnavailable = statefulSetMaxUnavailable(set, set.spec?.replicas ?? 1);
    const unavailable = replicas.filter((pod) => !isHealthy(pod)).length;
    if (unavailable >= maxUnavailable) return;
    let deleted = 0;
    for (let target = replicas.length - 1; target >= updateMin && deleted < maxUnavailable - unavailable; target--) {
      const pod = replicas[target]!;
      if (podRevision(pod) === updateName || isTerminating(pod)) continue;
      await this.podControl.deleteStatefulPod(set, pod);
      deleted++;
      status.currentReplicas = (status.currentReplicas ?? 0) - 1;
    }
  }

  /** updateStatefulSetStatus: completes a finished rolling update, writes the status if it says something new. */
  private async updateStatefulSetStatus(set: StatefulSet, status: StatefulSetStatus): Promise<void> {
    completeRollingUpdate(set, status);
    if (!inconsistentStatus(set, status)) return;
    let current = set;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.client.update(STATEFULSETS, { ...current, status }, 'status');
        return;
      } catch (error) {
        if (!isStatusError(error, 'Conflict') || attempt >= STATUS_UPDATE_ATTEMPTS) throw error;
        const { namespace = '', name = '' } = set.metadata;
        current = (await this.client.get(STATEFULSETS, namespace, name)) as StatefulSet;
      }
    }
  }

  /**
   * truncateHistory: deletes the oldest revisions beyond revisionHistoryLimit, never the current or update revision
   * nor one a pod still runs.
   */
  private async truncateHistory(
    set: StatefulSet,
    pods: Pod[],
    revisions: ControllerRevision[],
    current: ControllerRevision | undefined,
    update: ControllerRevision | undefined,
  ): Promise<void> {
    const live = new Set<string>(pods.map(podRevision));
    if (current) live.add(current.metadata.name ?? '');
    if (update) live.add(update.metadata.name ?? '');
    const old = revisions.filter((r) => !live.has(r.metadata.name ?? ''));
    const limit = set.spec?.revisionHistoryLimit ?? 10;
    if (limit < 0 || old.length <= limit) return;
    for (const revision of old.slice(0, old.length - limit)) await this.history.deleteControllerRevision(revision);
  }
}
