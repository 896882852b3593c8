// The arithmetic of rollouts (deployment_util.go): maxSurge and maxUnavailable resolved against the replica count
// (surge rounded up, unavailability down, never both zero), how far the new ReplicaSet may grow, replica sums,
// which ReplicaSet is the new one (its template equals the Deployment's, pod-template-hash aside), proportions
// for scaling mid-rollout, and whether a rollout is complete, progressing, or past its deadline.

import { deepEqual } from '../../api/json.ts';
import type { PodTemplateSpec } from '../common/workload-types.ts';
import type { Deployment, DeploymentStatus, ReplicaSet } from '../common/workload-types.ts';
import { scaledValueFromIntOrPercent } from '../common/int-or-percent.ts';
import { timeOf } from '../common/pod-util.ts';
import { DESIRED_REPLICAS_ANNOTATION, MAX_REPLICAS_ANNOTATION, intAnnotation } from './annotations.ts';
import {
  DEPLOYMENT_PROGRESSING,
  NEW_RS_AVAILABLE_REASON,
  TIMED_OUT_REASON,
  getDeploymentCondition,
} from './conditions.ts';
import { byCreationTimestamp } from './replica-set-sort.ts';

export const DEFAULT_DEPLOYMENT_UNIQUE_LABEL_KEY = 'pod-template-hash';
const MAX_INT32 = 2 ** 31 - 1;

export function replicasOf(d: Deployment | ReplicaSet): number {
  return d.spec?.replicas ?? 0;
}

export function isRollingUpdate(d: Deployment): boolean {
  return d.spec?.strategy?.type === 'RollingUpdate';
}

/** ResolveFenceposts: [maxSurge, maxUnavailable] for `desired`; unavailability 1 when both come out zero. */
export function resolveFenceposts(d: Deployment, desired: number): [number, number] {
  const rollingUpdate = d.spec?.strategy?.rollingUpdate;
  const surge = scaledValueFromIntOrPercent(rollingUpdate?.maxSurge ?? 0, desired, true);
  let unavailable = scaledValueFromIntOrPercent(rollingUpdate?.maxUnavailable ?? 0, desired, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return [surge, unavailable];
}

export function maxSurge(d: Deployment): number {
  if (!isRollingUpdate(d)) return 0;
  return resolveFenceposts(d, replicasOf(d))[0];
}

export function maxUnavailable(d: Deployment): number {
  if (!isRollingUpdate(d) || replicasOf(d) === 0) return 0;
  return Math.min(resolveFenceposts(d, replicasOf(d))[1], replicasOf(d));
}

/** NewRSNewReplicas: how many replicas the new ReplicaSet may have now. */
export function newRSNewReplicas(d: Deployment, allRSs: ReplicaSet[], newRS: ReplicaSet): number {
  const replicas = replicasOf(d);
  switch (d.spec?.strategy?.type) {
    case 'RollingUpdate': {
      const surge = scaledValueFromIntOrPercent(d.spec.strategy.rollingUpdate?.maxSurge ?? 0, replicas, true);
      const currentPodCount = replicaCount(allRSs);
      const maxTotalPods = replicas + surge;
      if (currentPodCount >= maxTotalPods) return replicasOf(newRS);
      const scaleUpCount = Math.min(maxTotalPods - currentPodCount, replicas - replicasOf(newRS));
      return replicasOf(newRS) + scaleUpCount;
    }
    case 'Recreate':
      return replicas;
    default:
      throw new Error(`deployment type ${d.spec?.strategy?.type ?? ''} isn't supported`);
  }
}

/** GetReplicaCountForReplicaSets: the sum of spec.replicas. */
export function replicaCount(replicaSets: ReplicaSet[]): number {
  return replicaSets.reduce((sum, rs) => sum + replicasOf(rs), 0);
}

/** GetActualReplicaCountForReplicaSets: the sum of status.replicas. */
export function actualReplicaCount(replicaSets: ReplicaSet[]): number {
  return replicaSets.reduce((sum, rs) => sum + (rs.status?.replicas ?? 0), 0);
}

export function readyReplicaCount(replicaSets: ReplicaSet[]): number {
  return replicaSets.reduce((sum, rs) => sum + (rs.status?.readyReplicas ?? 0), 0);
}

export function availableReplicaCount(replicaSets: ReplicaSet[]): number {
  return replicaSets.reduce((sum, rs) => sum + (rs.status?.availableReplicas ?? 0), 0);
}

/** FilterActiveReplicaSets: those with replicas > 0. */
export function activeReplicaSets(replicaSets: (ReplicaSet | undefined)[]): ReplicaSet[] {
  return replicaSets.filter((rs): rs is ReplicaSet => rs !== undefined && replicasOf(rs) > 0);
}

/** A template for comparison: without the pod-template-hash label, and with null and empty values dropped. */
function comparable(template: PodTemplateSpec | undefined): unknown {
  const labels = { ...template?.metadata?.labels };
  delete labels[DEFAULT_DEPLOYMENT_UNIQUE_LABEL_KEY];
  return normalize({ ...template, metadata: { ...template?.metadata, labels } });
}

/** Semantic equality treats nil and empty slices and maps alike; JSON null and absent are alike too. */
function normalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.length ? value.map(normalize) : undefined;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const n = normalize(v);
    if (n !== undefined && n !== null) out[k] = n;
  }
  return out;
}

/** EqualIgnoreHash: the two templates are equal apart from the pod-template-hash label. */
export function equalIgnoreHash(a: PodTemplateSpec | undefined, b: PodTemplateSpec | undefined): boolean {
  return deepEqual(comparable(a), comparable(b));
}

/** FindNewReplicaSet: the oldest ReplicaSet whose template is the Deployment's. Sorts `rsList`. */
export function findNewReplicaSet(d: Deployment, rsList: ReplicaSet[]): ReplicaSet | undefined {
  rsList.sort(byCreationTimestamp);
  return rsList.find((rs) => equalIgnoreHash(rs.spec?.template, d.spec?.template));
}

/** FindOldReplicaSets: every ReplicaSet but the new one. */
export function findOldReplicaSets(d: Deployment, rsList: ReplicaSet[]): ReplicaSet[] {
  const newRS = findNewReplicaSet(d, rsList);
  return rsList.filter((rs) => !newRS || rs.metadata.uid !== newRS.metadata.uid);
}

/** IsSaturated: the new ReplicaSet is at the Deployment's size, and all its replicas are available. */
export function isSaturated(d: Deployment, rs: ReplicaSet | undefined): boolean {
  if (!rs) return false;
  const desired = intAnnotation(rs, DESIRED_REPLICAS_ANNOTATION);
  if (desired === undefined) return false;
  const replicas = replicasOf(d);
  return replicasOf(rs) === replicas && desired === replicas && (rs.status?.availableReplicas ?? 0) === replicas;
}

/**
 * FindActiveOrLatest: the only active ReplicaSet, or — when none is active — the new one or else the newest old one;
 * undefined when several are active.
 */
export function findActiveOrLatest(newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): ReplicaSet | undefined {
  if (!newRS && oldRSs.length === 0) return undefined;
  oldRSs.sort((a, b) => byCreationTimestamp(b, a));
  const active = activeReplicaSets([...oldRSs, newRS]);
  if (active.length === 0) return newRS ?? oldRSs[0];
  return active.length === 1 ? active[0] : undefined;
}

/** Go's math.Round: halves away from zero. */
function goRound(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

/**
 * GetProportion: this ReplicaSet's share of `toAdd` replicas (negative to remove) given `added` so far — its size
 * scaled by the Deployment's new size over the size recorded in its max-replicas annotation.
 */
export function getProportion(rs: ReplicaSet, d: Deployment, toAdd: number, added: number): number {
  if (replicasOf(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  const fraction = replicaSetFraction(rs, d);
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

function replicaSetFraction(rs: ReplicaSet, d: Deployment): number {
  if (replicasOf(d) === 0) return -replicasOf(rs);
  const deploymentReplicas = replicasOf(d) + maxSurge(d);
  const annotated = intAnnotation(rs, MAX_REPLICAS_ANNOTATION) ?? d.status?.replicas ?? 0;
  // Upstream never scales proportionally from zero; a zero here would divide by zero.
  if (annotated === 0) return 0;
  return goRound((replicasOf(rs) * deploymentReplicas) / annotated) - replicasOf(rs);
}

/** HasProgressDeadline: set and not MaxInt32. */
export function hasProgressDeadline(d: Deployment): boolean {
  const seconds = d.spec?.progressDeadlineSeconds;
  return seconds !== undefined && seconds !== MAX_INT32;
}

export function hasRevisionHistoryLimit(d: Deployment): boolean {
  const limit = d.spec?.revisionHistoryLimit;
  return limit !== undefined && limit !== MAX_INT32;
}

/** DeploymentComplete: every replica updated and available, and the latest generation observed. */
export function deploymentComplete(d: Deployment, status: DeploymentStatus): boolean {
  const replicas = replicasOf(d);
  return (
    (status.updatedReplicas ?? 0) === replicas &&
    (status.replicas ?? 0) === replicas &&
    (status.availableReplicas ?? 0) === replicas &&
    (status.observedGeneration ?? 0) >= (d.metadata.generation ?? 0)
  );
}

/** DeploymentProgressing: more updated, ready or available replicas, or fewer old ones, than the last status. */
export function deploymentProgressing(d: Deployment, status: DeploymentStatus): boolean {
  const old = d.status ?? {};
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  const newOld = (status.replicas ?? 0) - (status.updatedReplicas ?? 0);
  return (
    (status.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) ||
    newOld < oldOld ||
    (status.readyReplicas ?? 0) > (old.readyReplicas ?? 0) ||
    (status.availableReplicas ?? 0) > (old.availableReplicas ?? 0)
  );
}

/** DeploymentTimedOut: no progress for progressDeadlineSeconds since the Progressing condition last changed. */
export function deploymentTimedOut(d: Deployment, status: DeploymentStatus, now: number): boolean {
  if (!hasProgressDeadline(d)) return false;
  const condition = getDeploymentCondition(status, DEPLOYMENT_PROGRESSING);
  if (!condition) return false;
  if (condition.reason === NEW_RS_AVAILABLE_REASON) return false;
  if (condition.reason === TIMED_OUT_REASON) return true;
  const from = timeOf(condition.lastUpdateTime);
  return from + (d.spec?.progressDeadlineSeconds ?? 0) * 1000 < now;
}
