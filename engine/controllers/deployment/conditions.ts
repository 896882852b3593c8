// Deployment conditions (deployment_util.go): Available and Progressing with upstream's reasons — the ones
// `kubectl rollout status` and `kubectl describe` read — and ReplicaFailure copied up from a ReplicaSet.

import { rfc3339 } from '../../api/json.ts';
import type {
  ConditionStatus,
  DeploymentCondition,
  DeploymentStatus,
  ReplicaSetCondition,
} from '../common/workload-types.ts';

export const DEPLOYMENT_AVAILABLE = 'Available';
export const DEPLOYMENT_PROGRESSING = 'Progressing';
export const DEPLOYMENT_REPLICA_FAILURE = 'ReplicaFailure';

/** A new ReplicaSet was created. */
export const NEW_REPLICA_SET_REASON = 'NewReplicaSetCreated';
/** The new ReplicaSet could not be created. */
export const FAILED_RS_CREATE_REASON = 'ReplicaSetCreateError';
/** The new ReplicaSet of a Deployment that had no Progressing condition yet was found. */
export const FOUND_NEW_RS_REASON = 'FoundNewReplicaSet';
/** The rollout is complete. */
export const NEW_RS_AVAILABLE_REASON = 'NewReplicaSetAvailable';
/** No progress within progressDeadlineSeconds. */
export const TIMED_OUT_REASON = 'ProgressDeadlineExceeded';
/** The rollout made progress. */
export const REPLICA_SET_UPDATED_REASON = 'ReplicaSetUpdated';
export const PAUSED_DEPLOY_REASON = 'DeploymentPaused';
export const RESUMED_DEPLOY_REASON = 'DeploymentResumed';
export const MINIMUM_REPLICAS_AVAILABLE = 'MinimumReplicasAvailable';
export const MINIMUM_REPLICAS_UNAVAILABLE = 'MinimumReplicasUnavailable';

/** NewDeploymentCondition: updated and transitioned at lab time `now`. */
export function newDeploymentCondition(
  type: string,
  status: ConditionStatus,
  reason: string,
  message: string,
  now: number,
): DeploymentCondition {
  const time = rfc3339(now);
  return { type, status, lastUpdateTime: time, lastTransitionTime: time, reason, message };
}

export function getDeploymentCondition(
  status: DeploymentStatus | undefined,
  type: string,
): DeploymentCondition | undefined {
  return status?.conditions?.find((c) => c.type === type);
}

/**
 * SetDeploymentCondition: nothing when status and reason are unchanged; otherwise the condition replaces the old one
 * (moving to the end), keeping its lastTransitionTime when only the reason changed.
 */
export function setDeploymentCondition(status: DeploymentStatus, condition: DeploymentCondition): void {
  const current = getDeploymentCondition(status, condition.type);
  if (current && current.status === condition.status && current.reason === condition.reason) return;
  const next = { ...condition };
  if (current && current.status === condition.status) next.lastTransitionTime = current.lastTransitionTime;
  status.conditions = [...(status.conditions ?? []).filter((c) => c.type !== condition.type), next];
}

export function removeDeploymentCondition(status: DeploymentStatus, type: string): void {
  if (!status.conditions) return;
  status.conditions = status.conditions.filter((c) => c.type !== type);
  if (status.conditions.length === 0) delete status.conditions;
}

/** ReplicaSetToDeploymentCondition: both times are the ReplicaSet condition's transition time. */
export function replicaSetToDeploymentCondition(condition: ReplicaSetCondition): DeploymentCondition {
  return {
    type: condition.type,
    status: condition.status,
    lastUpdateTime: condition.lastTransitionTime ?? null,
    lastTransitionTime: condition.lastTransitionTime ?? null,
    reason: condition.reason ?? '',
    message: condition.message ?? '',
  };
}
