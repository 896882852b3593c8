// Rollout progress (pkg/controller/deployment/progress.go): the status after a rollout step with its Progressing
// condition — ReplicaSetUpdated while replicas move, NewReplicaSetAvailable once complete, ProgressDeadlineExceeded
// after progressDeadlineSeconds without progress — a ReplicaFailure copied from the ReplicaSets, and a look again at
// the deadline for a Deployment that made no progress.

import type { Deployment, DeploymentCondition, ReplicaSet } from '../common/workload-types.ts';
import {
  DEPLOYMENT_PROGRESSING,
  DEPLOYMENT_REPLICA_FAILURE,
  NEW_RS_AVAILABLE_REASON,
  REPLICA_SET_UPDATED_REASON,
  TIMED_OUT_REASON,
  getDeploymentCondition,
  newDeploymentCondition,
  removeDeploymentCondition,
  replicaSetToDeploymentCondition,
  setDeploymentCondition,
} from './conditions.ts';
import {
  deploymentComplete,
  deploymentProgressing,
  deploymentTimedOut,
  hasProgressDeadline,
} from './deployment-util.ts';
import type { SyncContext } from './sync-context.ts';
import { updateDeploymentStatus } from './sync-context.ts';
import { calculateStatus, sameStatus } from './sync.ts';

/** syncRolloutStatus: the status with the Progressing and ReplicaFailure conditions brought up to date. */
export async function syncRolloutStatus(
  ctx: SyncContext,
  allRSs: ReplicaSet[],
  newRS: ReplicaSet | undefined,
  d: Deployment,
): Promise<void> {
  const now = ctx.clock.now();
  const status = calculateStatus(allRSs, newRS, d, now);
  if (!hasProgressDeadline(d)) removeDeploymentCondition(status, DEPLOYMENT_PROGRESSING);
  const currentCond = getDeploymentCondition(d.status, DEPLOYMENT_PROGRESSING);
  const isCompleteDeployment =
    (status.replicas ?? 0) === (status.updatedReplicas ?? 0) && currentCond?.reason === NEW_RS_AVAILABLE_REASON;
  if (hasProgressDeadline(d) && !isCompleteDeployment) {
    const subject = newRS ? `ReplicaSet "${newRS.metadata.name}"` : `Deployment "${d.metadata.name}"`;
    if (deploymentComplete(d, status)) {
      const message = `${subject} has successfully progressed.`;
      setDeploymentCondition(
        status,
        newDeploymentCondition(DEPLOYMENT_PROGRESSING, 'True', NEW_RS_AVAILABLE_REASON, message, now),
      );
    } else if (deploymentProgressing(d, status)) {
      const condition = newDeploymentCondition(
        DEPLOYMENT_PROGRESSING,
        'True',
        REPLICA_SET_UPDATED_REASON,
        `${subject} is progressing.`,
        now,
      );
      // Progress moves lastUpdateTime even with the same reason; the transition time stays while it stays True.
      if (currentCond) {
        if (currentCond.status === 'True') condition.lastTransitionTime = currentCond.lastTransitionTime;
        removeDeploymentCondition(status, DEPLOYMENT_PROGRESSING);
      }
      setDeploymentCondition(status, condition);
    } else if (deploymentTimedOut(d, status, now)) {
      const message = `${subject} has timed out progressing.`;
      setDeploymentCondition(
        status,
        newDeploymentCondition(DEPLOYMENT_PROGRESSING, 'False', TIMED_OUT_REASON, message, now),
      );
    }
  }
  const failure = replicaFailures(allRSs, newRS)[0];
  if (failure) setDeploymentCondition(status, failure);
  else removeDeploymentCondition(status, DEPLOYMENT_REPLICA_FAILURE);

  if (sameStatus(d.status, status)) {
    requeueStuckDeployment(ctx, d, status);
    return;
  }
  d.status = status;
  await updateDeploymentStatus(ctx, d);
}

/** The ReplicaFailure conditions of the new ReplicaSet, or else of any ReplicaSet. */
function replicaFailures(allRSs: ReplicaSet[], newRS: ReplicaSet | undefined): DeploymentCondition[] {
  const failuresOf = (rs: ReplicaSet) =>
    (rs.status?.conditions ?? [])
      .filter((c) => c.type === DEPLOYMENT_REPLICA_FAILURE)
      .map(replicaSetToDeploymentCondition);
  const ofNew = newRS ? failuresOf(newRS) : [];
  return ofNew.length > 0 ? ofNew : allRSs.flatMap(failuresOf);
}

/**
 * requeueStuckDeployment: a Deployment with a deadline that is neither complete nor timed out is looked at again when
 * its deadline passes (lastUpdateTime + progressDeadlineSeconds, plus a second), or right away (rate-limited) when
 * that is less than a second off. Returns the delay in ms, -1 when none.
 */
export function requeueStuckDeployment(ctx: SyncContext, d: Deployment, status: Deployment['status'] & object): number {
  const currentCond = getDeploymentCondition(d.status, DEPLOYMENT_PROGRESSING);
  if (!hasProgressDeadline(d) || !currentCond) return -1;
  if (deploymentComplete(d, status) || currentCond.reason === TIMED_OUT_REASON) return -1;
  const lastUpdate = currentCond.lastUpdateTime ? Date.parse(currentCond.lastUpdateTime) : 0;
  const after = lastUpdate + (d.spec?.progressDeadlineSeconds ?? 0) * 1000 - ctx.clock.now();
  if (after < 1000) {
    ctx.enqueueRateLimited(d);
    return 0;
  }
  ctx.enqueueAfter(d, after + 1000);
  return after;
}
