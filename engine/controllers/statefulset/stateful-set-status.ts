// A StatefulSet's status (stateful_set_control.go computeReplicaStatus, stateful_set_utils.go completeRollingUpdate
// and inconsistentStatus): how many pods exist, are ready, available, at the current and at the update revision; a
// rolling update completes — the update revision becomes the current one — once every replica is updated and ready.

import type { Pod } from '../common/workload-types.ts';
import {
  isCreated,
  isRunningAndAvailable,
  isRunningAndReady,
  isTerminating,
  podRevision,
} from './stateful-set-utils.ts';
import type { StatefulSet, StatefulSetStatus } from './statefulset-types.ts';

export interface ReplicaCounts {
  replicas: number;
  readyReplicas: number;
  availableReplicas: number;
  currentReplicas: number;
  updatedReplicas: number;
}

/** computeReplicaStatus over all the lists (replicas and condemned pods), `now` in lab ms. */
export function computeReplicaStatus(
  podLists: readonly (readonly Pod[])[],
  minReadySeconds: number,
  currentRevision: string,
  updateRevision: string,
  now: number,
): ReplicaCounts {
  const counts: ReplicaCounts = {
    replicas: 0,
    readyReplicas: 0,
    availableReplicas: 0,
    currentReplicas: 0,
    updatedReplicas: 0,
  };
  for (const pods of podLists) {
    for (const pod of pods) {
      if (isCreated(pod)) counts.replicas++;
      if (isRunningAndReady(pod)) {
        counts.readyReplicas++;
        if (isRunningAndAvailable(pod, minReadySeconds, now)) counts.availableReplicas++;
      }
      if (isCreated(pod) && !isTerminating(pod)) {
        const revision = podRevision(pod);
        if (revision === currentRevision) counts.currentReplicas++;
        if (revision === updateRevision) counts.updatedReplicas++;
      }
    }
  }
  return counts;
}

/** completeRollingUpdate: with every replica updated and ready, the update revision is the current one. */
export function completeRollingUpdate(set: StatefulSet, status: StatefulSetStatus): void {
  const replicas = set.spec?.replicas ?? 1;
  if (
    set.spec?.updateStrategy?.type === 'RollingUpdate' &&
    status.updatedReplicas === replicas &&
    status.readyReplicas === replicas &&
    status.replicas === replicas
  ) {
    status.currentReplicas = status.updatedReplicas;
    status.currentRevision = status.updateRevision;
  }
}

/** inconsistentStatus: whether the computed status says something the stored one does not. */
export function inconsistentStatus(set: StatefulSet, status: StatefulSetStatus): boolean {
  const stored = set.status ?? {};
  return (
    (status.observedGeneration ?? 0) > (stored.observedGeneration ?? 0) ||
    (status.replicas ?? 0) !== (stored.replicas ?? 0) ||
    (status.currentReplicas ?? 0) !== (stored.currentReplicas ?? 0) ||
    (status.readyReplicas ?? 0) !== (stored.readyReplicas ?? 0) ||
    (status.updatedReplicas ?? 0) !== (stored.updatedReplicas ?? 0) ||
    (status.currentRevision ?? '') !== (stored.currentRevision ?? '') ||
    (status.availableReplicas ?? 0) !== (stored.availableReplicas ?? 0) ||
    (status.updateRevision ?? '') !== (stored.updateRevision ?? '')
  );
}
