// The status the disruption controller computes for a PodDisruptionBudget (pkg/controller/disruption): how many of
// its pods are healthy (ready, not being deleted, not just evicted), how many must be, how many may still be
// disrupted, the DisruptionAllowed condition, and which evictions are still expected to delete their pod — those
// older than two minutes are dropped.

import { rfc3339 } from '../../api/json.ts';
import { isPodReady, timeOf } from '../common/pod-util.ts';
import type { Pod } from '../common/workload-types.ts';
import type { Condition, PodDisruptionBudget, PodDisruptionBudgetStatus } from './pdb-types.ts';

/** How long an eviction may take to show as the pod's deletion (DeletionTimeout). */
export const DELETION_TIMEOUT_MS = 2 * 60 * 1000;
export const DISRUPTION_ALLOWED = 'DisruptionAllowed';

export interface DisruptedPods {
  disruptedPods: Record<string, string>;
  /** When the earliest of the still-expected evictions times out (lab ms). */
  recheckTime: number | undefined;
  /** Pods evicted more than two minutes ago that still stand. */
  notDeleted: Pod[];
}

/** buildDisruptedPodMap */
export function buildDisruptedPods(pods: readonly Pod[], pdb: PodDisruptionBudget, now: number): DisruptedPods {
  const recorded = pdb.status?.disruptedPods;
  const result: DisruptedPods = { disruptedPods: {}, recheckTime: undefined, notDeleted: [] };
  if (!recorded) return result;
  for (const pod of pods) {
    if (pod.metadata.deletionTimestamp) continue;
    const name = pod.metadata.name ?? '';
    const disruptedAt = recorded[name];
    if (disruptedAt === undefined) continue;
    const expectedDeletion = timeOf(disruptedAt) + DELETION_TIMEOUT_MS;
    if (expectedDeletion < now) {
      result.notDeleted.push(pod);
    } else {
      if (result.recheckTime === undefined || expectedDeletion < result.recheckTime)
        result.recheckTime = expectedDeletion;
      result.disruptedPods[name] = disruptedAt;
    }
  }
  return result;
}

/** countHealthyPods: ready pods that are neither being deleted nor recently evicted. */
export function countHealthyPods(pods: readonly Pod[], disruptedPods: Record<string, string>, now: number): number {
  let healthy = 0;
  for (const pod of pods) {
    if (pod.metadata.deletionTimestamp) continue;
    const disruptedAt = disruptedPods[pod.metadata.name ?? ''];
    if (disruptedAt !== undefined && timeOf(disruptedAt) + DELETION_TIMEOUT_MS > now) continue;
    if (isPodReady(pod)) healthy++;
  }
  return healthy;
}

/** apimeta.SetStatusCondition: the transition time moves only when the status changes. */
export function setStatusCondition(conditions: Condition[], condition: Condition, now: number): Condition[] {
  const existing = conditions.find((c) => c.type === condition.type);
  if (!existing)
    return [...conditions, { ...condition, lastTransitionTime: condition.lastTransitionTime ?? rfc3339(now) }];
  const lastTransitionTime =
    existing.status === condition.status ? existing.lastTransitionTime : (condition.lastTransitionTime ?? rfc3339(now));
  return conditions.map((c) => (c === existing ? { ...existing, ...condition, lastTransitionTime } : c));
}

/** The DisruptionAllowed condition for a status (UpdateDisruptionAllowedCondition). */
export function disruptionAllowedCondition(status: PodDisruptionBudgetStatus): Condition {
  const allowed = (status.disruptionsAllowed ?? 0) > 0;
  return {
    type: DISRUPTION_ALLOWED,
    status: allowed ? 'True' : 'False',
    reason: allowed ? 'SufficientPods' : 'InsufficientPods',
    message: '',
    observedGeneration: status.observedGeneration ?? 0,
  };
}

/** ConditionsAreUpToDate */
export function conditionsUpToDate(pdb: PodDisruptionBudget): boolean {
  const status = pdb.status ?? {};
  const condition = status.conditions?.find((c) => c.type === DISRUPTION_ALLOWED);
  if (!condition || (status.observedGeneration ?? 0) !== (pdb.metadata.generation ?? 0)) return false;
  const wanted = disruptionAllowedCondition(status);
  return condition.status === wanted.status && condition.reason === wanted.reason;
}

function sameDisruptedPods(a: Record<string, string> | null | undefined, b: Record<string, string>): boolean {
  const keys = Object.keys(a ?? {});
  return keys.length === Object.keys(b).length && keys.every((k) => b[k] === a?.[k]);
}

export interface Counts {
  currentHealthy: number;
  desiredHealthy: number;
  expectedPods: number;
  disruptedPods: Record<string, string>;
}

/**
 * The status to write (updatePdbStatus), or undefined when the budget's status is already current. Disruptions are
 * allowed only while more pods are healthy than desired and some are expected.
 */
export function nextStatus(
  pdb: PodDisruptionBudget,
  counts: Counts,
  now: number,
): PodDisruptionBudgetStatus | undefined {
  const { currentHealthy, desiredHealthy, expectedPods, disruptedPods } = counts;
  let disruptionsAllowed = currentHealthy - desiredHealthy;
  if (expectedPods <= 0 || disruptionsAllowed <= 0) disruptionsAllowed = 0;
  const status = pdb.status ?? {};
  const generation = pdb.metadata.generation ?? 0;
  if (
    (status.currentHealthy ?? 0) === currentHealthy &&
    (status.desiredHealthy ?? 0) === desiredHealthy &&
    (status.expectedPods ?? 0) === expectedPods &&
    (status.disruptionsAllowed ?? 0) === disruptionsAllowed &&
    sameDisruptedPods(status.disruptedPods, disruptedPods) &&
    (status.observedGeneration ?? 0) === generation &&
    conditionsUpToDate(pdb)
  ) {
    return undefined;
  }
  const next: PodDisruptionBudgetStatus = {
    currentHealthy,
    desiredHealthy,
    expectedPods,
    disruptionsAllowed,
    disruptedPods: Object.keys(disruptedPods).length > 0 ? disruptedPods : null,
    observedGeneration: generation,
  };
  next.conditions = setStatusCondition(status.conditions ?? [], disruptionAllowedCondition(next), now);
  return next;
}
