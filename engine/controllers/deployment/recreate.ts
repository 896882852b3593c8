// The Recreate strategy (pkg/controller/deployment/recreate.go): scale every old ReplicaSet to zero, wait until none
// of their pods is left running, and only then create and scale up the new ReplicaSet.

import type { Deployment, Pod, ReplicaSet } from '../common/workload-types.ts';
import { activeReplicaSets, actualReplicaCount, deploymentComplete, replicasOf } from './deployment-util.ts';
import { syncRolloutStatus } from './progress.ts';
import type { SyncContext } from './sync-context.ts';
import { allOf, cleanupDeployment, getAllReplicaSetsAndSyncRevision, scaleReplicaSetAndRecordEvent } from './sync.ts';

/** `podMap`: the pods of each ReplicaSet, by the ReplicaSet's uid. */
export async function rolloutRecreate(
  ctx: SyncContext,
  d: Deployment,
  rsList: ReplicaSet[],
  podMap: Map<string, Pod[]>,
): Promise<void> {
  let all = await getAllReplicaSetsAndSyncRevision(ctx, d, rsList, false);
  let scaledDown = false;
  for (const rs of activeReplicaSets(all.oldRSs)) {
    if ((await scaleReplicaSetAndRecordEvent(ctx, rs, 0, d)).scaled) scaledDown = true;
  }
  if (scaledDown) return syncRolloutStatus(ctx, allOf(all), all.newRS, d);
  if (oldPodsRunning(all.newRS, all.oldRSs, podMap)) return syncRolloutStatus(ctx, allOf(all), all.newRS, d);
  if (!all.newRS) all = await getAllReplicaSetsAndSyncRevision(ctx, d, rsList, true);
  const newRS = all.newRS!;
  await scaleReplicaSetAndRecordEvent(ctx, newRS, replicasOf(d), d);
  if (deploymentComplete(d, d.status ?? {})) await cleanupDeployment(ctx, all.oldRSs, d);
  return syncRolloutStatus(ctx, allOf(all), newRS, d);
}

/** Whether any old ReplicaSet still reports pods, or any pod of an old one is not finished (Unknown counts). */
export function oldPodsRunning(
  newRS: ReplicaSet | undefined,
  oldRSs: ReplicaSet[],
  podMap: Map<string, Pod[]>,
): boolean {
  if (actualReplicaCount(oldRSs) > 0) return true;
  for (const [uid, pods] of podMap) {
    if (newRS && newRS.metadata.uid === uid) continue;
    if (pods.some((pod) => pod.status?.phase !== 'Failed' && pod.status?.phase !== 'Succeeded')) return true;
  }
  return false;
}
