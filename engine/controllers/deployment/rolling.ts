// The RollingUpdate strategy (pkg/controller/deployment/rolling.go): grow the new ReplicaSet up to replicas + maxSurge
// pods in total, then shrink the old ones — unhealthy replicas first — while at least replicas − maxUnavailable stay
// available; once the rollout is complete, clean up old ReplicaSets beyond the history limit.

import type { Deployment, ReplicaSet } from '../common/workload-types.ts';
import {
  activeReplicaSets,
  availableReplicaCount,
  deploymentComplete,
  maxUnavailable,
  newRSNewReplicas,
  replicaCount,
  replicasOf,
} from './deployment-util.ts';
import { syncRolloutStatus } from './progress.ts';
import { byCreationTimestamp } from './replica-set-sort.ts';
import type { SyncContext } from './sync-context.ts';
import { allOf, cleanupDeployment, getAllReplicaSetsAndSyncRevision, scaleReplicaSetAndRecordEvent } from './sync.ts';

export async function rolloutRolling(ctx: SyncContext, d: Deployment, rsList: ReplicaSet[]): Promise<void> {
  const all = await getAllReplicaSetsAndSyncRevision(ctx, d, rsList, true);
  const newRS = all.newRS!;
  const allRSs = allOf(all);
  if (await reconcileNewReplicaSet(ctx, allRSs, newRS, d)) return syncRolloutStatus(ctx, allRSs, newRS, d);
  if (await reconcileOldReplicaSets(ctx, allRSs, activeReplicaSets(all.oldRSs), newRS, d)) {
    return syncRolloutStatus(ctx, allRSs, newRS, d);
  }
  if (deploymentComplete(d, d.status ?? {})) await cleanupDeployment(ctx, all.oldRSs, d);
  return syncRolloutStatus(ctx, allRSs, newRS, d);
}

/** Scales the new ReplicaSet down to the Deployment's size, or up as far as maxSurge allows. */
export async function reconcileNewReplicaSet(
  ctx: SyncContext,
  allRSs: ReplicaSet[],
  newRS: ReplicaSet,
  d: Deployment,
): Promise<boolean> {
  if (replicasOf(newRS) === replicasOf(d)) return false;
  if (replicasOf(newRS) > replicasOf(d)) {
    return (await scaleReplicaSetAndRecordEvent(ctx, newRS, replicasOf(d), d)).scaled;
  }
  return (await scaleReplicaSetAndRecordEvent(ctx, newRS, newRSNewReplicas(d, allRSs, newRS), d)).scaled;
}

/**
 * Scales old ReplicaSets down by at most all pods − minAvailable − the new ReplicaSet's unavailable pods: first the
 * replicas that are not available anyway, then available ones while availability stays above the minimum.
 */
export async function reconcileOldReplicaSets(
  ctx: SyncContext,
  allRSs: ReplicaSet[],
  oldRSs: ReplicaSet[],
  newRS: ReplicaSet,
  d: Deployment,
): Promise<boolean> {
  if (replicaCount(oldRSs) === 0) return false;
  const minAvailable = replicasOf(d) - maxUnavailable(d);
  const newRSUnavailablePodCount = replicasOf(newRS) - (newRS.status?.availableReplicas ?? 0);
  const maxScaledDown = replicaCount(allRSs) - minAvailable - newRSUnavailablePodCount;
  if (maxScaledDown <= 0) return false;
  let cleanupCount: number;
  let remaining: ReplicaSet[];
  try {
    ({ oldRSs: remaining, cleanupCount } = await cleanupUnhealthyReplicas(ctx, oldRSs, d, maxScaledDown));
  } catch {
    return false;
  }
  let scaledDownCount: number;
  try {
    scaledDownCount = await scaleDownOldReplicaSetsForRollingUpdate(ctx, [...remaining, newRS], remaining, d);
  } catch {
    return false;
  }
  return cleanupCount + scaledDownCount > 0;
}

/** Scales old ReplicaSets down by their unavailable replicas, oldest first, up to `maxCleanupCount` in total. */
async function cleanupUnhealthyReplicas(
  ctx: SyncContext,
  oldRSs: ReplicaSet[],
  d: Deployment,
  maxCleanupCount: number,
): Promise<{ oldRSs: ReplicaSet[]; cleanupCount: number }> {
  oldRSs.sort(byCreationTimestamp);
  let totalScaledDown = 0;
  for (const [i, target] of oldRSs.entries()) {
    if (totalScaledDown >= maxCleanupCount) break;
    const replicas = replicasOf(target);
    const available = target.status?.availableReplicas ?? 0;
    if (replicas === 0 || replicas === available) continue;
    const scaledDownCount = Math.min(maxCleanupCount - totalScaledDown, replicas - available);
    const newReplicasCount = replicas - scaledDownCount;
    if (newReplicasCount > replicas) {
      throw new Error(
        `when cleaning up unhealthy replicas, got invalid request to scale down ${target.metadata.namespace}/${target.metadata.name} ${replicas} -> ${newReplicasCount}`,
      );
    }
    const { rs } = await scaleReplicaSetAndRecordEvent(ctx, target, newReplicasCount, d);
    totalScaledDown += scaledDownCount;
    oldRSs[i] = rs;
  }
  return { oldRSs, cleanupCount: totalScaledDown };
}

/** Scales old ReplicaSets down, oldest first, by as many replicas as are available above the minimum. */
async function scaleDownOldReplicaSetsForRollingUpdate(
  ctx: SyncContext,
  allRSs: ReplicaSet[],
  oldRSs: ReplicaSet[],
  d: Deployment,
): Promise<number> {
  const minAvailable = replicasOf(d) - maxUnavailable(d);
  const availablePodCount = availableReplicaCount(allRSs);
  if (availablePodCount <= minAvailable) return 0;
  oldRSs.sort(byCreationTimestamp);
  let totalScaledDown = 0;
  const totalScaleDownCount = availablePodCount - minAvailable;
  for (const target of oldRSs) {
    if (totalScaledDown >= totalScaleDownCount) break;
    if (replicasOf(target) === 0) continue;
    const scaleDownCount = Math.min(replicasOf(target), totalScaleDownCount - totalScaledDown);
    await scaleReplicaSetAndRecordEvent(ctx, target, replicasOf(target) - scaleDownCount, d);
    totalScaledDown += scaleDownCount;
  }
  return totalScaledDown;
}
