// A ReplicaSet's status from its pods (replica_set_utils.go calculateStatus): replicas, fully labeled, ready and
// available replicas, and the ReplicaFailure condition while creating or deleting pods fails (a quota, say).

import { LabelSelector } from '../../apiserver/selectors/label-selector.ts';
import { rfc3339 } from '../../api/json.ts';
import { messageOf } from '../common/error-message.ts';
import { isPodAvailable, isPodReady } from '../common/pod-util.ts';
import type { Pod, ReplicaSet, ReplicaSetCondition, ReplicaSetStatus } from '../common/workload-types.ts';

export const REPLICA_FAILURE = 'ReplicaFailure';

/** The status for `pods` (the active pods the ReplicaSet owns) at lab time `now`. */
export function calculateStatus(
  rs: ReplicaSet,
  pods: Pod[],
  manageReplicasError: unknown,
  now: number,
): ReplicaSetStatus {
  const status: ReplicaSetStatus = { ...rs.status };
  const templateLabels = LabelSelector.fromSet(rs.spec?.template?.metadata?.labels);
  const minReadySeconds = rs.spec?.minReadySeconds ?? 0;
  let fullyLabeled = 0;
  let ready = 0;
  let available = 0;
  for (const pod of pods) {
    if (templateLabels.matches(pod.metadata.labels)) fullyLabeled++;
    if (isPodReady(pod)) {
      ready++;
      if (isPodAvailable(pod, minReadySeconds, now)) available++;
    }
  }
  const failure = replicaFailureOf(rs.status);
  if (manageReplicasError !== undefined && !failure) {
    const diff = pods.length - (rs.spec?.replicas ?? 0);
    const reason = diff < 0 ? 'FailedCreate' : diff > 0 ? 'FailedDelete' : '';
    setCondition(status, {
      type: REPLICA_FAILURE,
      status: 'True',
      lastTransitionTime: rfc3339(now),
      reason,
      message: messageOf(manageReplicasError),
    });
  } else if (manageReplicasError === undefined && failure) {
    status.conditions = (status.conditions ?? []).filter((c) => c.type !== REPLICA_FAILURE);
    if (status.conditions.length === 0) delete status.conditions;
  }
  status.replicas = pods.length;
  status.fullyLabeledReplicas = fullyLabeled;
  status.readyReplicas = ready;
  status.availableReplicas = available;
  return status;
}

function replicaFailureOf(status: ReplicaSetStatus | undefined): ReplicaSetCondition | undefined {
  return status?.conditions?.find((c) => c.type === REPLICA_FAILURE);
}

/** SetCondition: replaces a condition of the same type unless its status and reason are unchanged. */
function setCondition(status: ReplicaSetStatus, condition: ReplicaSetCondition): void {
  const current = status.conditions?.find((c) => c.type === condition.type);
  if (current && current.status === condition.status && current.reason === condition.reason) return;
  status.conditions = [...(status.conditions ?? []).filter((c) => c.type !== condition.type), condition];
}

/** Whether the status needs writing: counts, conditions, or a generation not yet observed. */
export function statusNeedsUpdate(rs: ReplicaSet, status: ReplicaSetStatus): boolean {
  const old = rs.status ?? {};
  return !(
    (old.replicas ?? 0) === (status.replicas ?? 0) &&
    (old.fullyLabeledReplicas ?? 0) === (status.fullyLabeledReplicas ?? 0) &&
    (old.readyReplicas ?? 0) === (status.readyReplicas ?? 0) &&
    (old.availableReplicas ?? 0) === (status.availableReplicas ?? 0) &&
    (rs.metadata.generation ?? 0) === (old.observedGeneration ?? 0) &&
    JSON.stringify(old.conditions ?? []) === JSON.stringify(status.conditions ?? [])
  );
}
