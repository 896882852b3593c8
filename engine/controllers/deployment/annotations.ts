// The annotations a Deployment keeps on its ReplicaSets (deployment_util.go): the revision and its history, the
// desired and maximum replicas used for proportional scaling, and the Deployment's own annotations copied over —
// except those the controller owns or that only make sense on the Deployment.

import type { KubeObject } from '../../api/object.ts';
import type { Deployment, ReplicaSet } from '../common/workload-types.ts';

export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
export const REVISION_HISTORY_ANNOTATION = 'deployment.kubernetes.io/revision-history';
export const DESIRED_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/max-replicas';
export const DEPRECATED_ROLLBACK_TO = 'deprecated.deployment.rollback.to';
export const LAST_APPLIED_CONFIG_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';
/** The revision history annotation is kept under about 2000 characters (maxRevHistoryLengthInChars). */
export const MAX_REV_HISTORY_LENGTH_IN_CHARS = 2000;

const ANNOTATIONS_TO_SKIP = new Set([
  LAST_APPLIED_CONFIG_ANNOTATION,
  REVISION_ANNOTATION,
  REVISION_HISTORY_ANNOTATION,
  DESIRED_REPLICAS_ANNOTATION,
  MAX_REPLICAS_ANNOTATION,
  DEPRECATED_ROLLBACK_TO,
]);

/** Go's strconv.ParseInt of a decimal; undefined when it is not one. */
function parseInt64(value: string): bigint | undefined {
  return /^[+-]?\d+$/.test(value) ? BigInt(value) : undefined;
}

/** Revision: the revision annotation as a number, 0 without one, undefined when unreadable. */
export function revisionOf(obj: KubeObject): bigint | undefined {
  const value = obj.metadata.annotations?.[REVISION_ANNOTATION];
  return value === undefined ? 0n : parseInt64(value);
}

/** MaxRevision: the highest readable revision among the ReplicaSets (0 for none). */
export function maxRevision(replicaSets: ReplicaSet[]): bigint {
  let max = 0n;
  for (const rs of replicaSets) {
    const revision = revisionOf(rs);
    if (revision !== undefined && revision > max) max = revision;
  }
  return max;
}

/** SetDeploymentRevision: whether the Deployment's revision annotation changed. */
export function setDeploymentRevision(deployment: Deployment, revision: string): boolean {
  const annotations = (deployment.metadata.annotations ??= {});
  if (annotations[REVISION_ANNOTATION] === revision) return false;
  annotations[REVISION_ANNOTATION] = revision;
  return true;
}

/** Copies the Deployment's annotations onto the ReplicaSet, except the skipped ones; whether any changed. */
function copyDeploymentAnnotationsToReplicaSet(deployment: Deployment, rs: ReplicaSet): boolean {
  const annotations = (rs.metadata.annotations ??= {});
  let changed = false;
  for (const [k, v] of Object.entries(deployment.metadata.annotations ?? {})) {
    if (ANNOTATIONS_TO_SKIP.has(k) || annotations[k] === v) continue;
    annotations[k] = v;
    changed = true;
  }
  return changed;
}

/**
 * SetNewReplicaSetAnnotations: copies the Deployment's annotations, raises the revision to `newRevision` (never
 * lowers it), appends the old revision to the history, and — for a ReplicaSet about to be created — records the
 * desired and maximum replicas. Returns whether anything changed.
 */
export function setNewReplicaSetAnnotations(
  deployment: Deployment,
  rs: ReplicaSet,
  newRevision: string,
  exists: boolean,
  maxSurge: number,
): boolean {
  let changed = copyDeploymentAnnotationsToReplicaSet(deployment, rs);
  const annotations = (rs.metadata.annotations ??= {});
  const oldRevision = annotations[REVISION_ANNOTATION];
  let oldRevisionInt = oldRevision === undefined ? 0n : parseInt64(oldRevision);
  if (oldRevisionInt === undefined) {
    if (oldRevision !== '') return false;
    oldRevisionInt = 0n;
  }
  const newRevisionInt = parseInt64(newRevision);
  if (newRevisionInt === undefined) return false;
  if (oldRevisionInt < newRevisionInt) {
    annotations[REVISION_ANNOTATION] = newRevision;
    changed = true;
  }
  if (oldRevision !== undefined && oldRevisionInt < newRevisionInt) {
    const history = annotations[REVISION_HISTORY_ANNOTATION] ?? '';
    const oldRevisions = history.split(',');
    if (oldRevisions[0] === '') {
      annotations[REVISION_HISTORY_ANNOTATION] = oldRevision;
    } else {
      let totalLen = history.length + oldRevision.length + 1;
      let start = 0;
      while (totalLen > MAX_REV_HISTORY_LENGTH_IN_CHARS && start < oldRevisions.length) {
        totalLen -= oldRevisions[start]!.length + 1;
        start++;
      }
      if (totalLen <= MAX_REV_HISTORY_LENGTH_IN_CHARS) {
        annotations[REVISION_HISTORY_ANNOTATION] = [...oldRevisions.slice(start), oldRevision].join(',');
      }
    }
  }
  const replicas = deployment.spec?.replicas ?? 0;
  if (!exists && setReplicasAnnotations(rs, replicas, replicas + maxSurge)) changed = true;
  return changed;
}

/** SetReplicasAnnotations: records the desired and maximum replicas; whether either changed. */
export function setReplicasAnnotations(rs: ReplicaSet, desiredReplicas: number, maxReplicas: number): boolean {
  const annotations = (rs.metadata.annotations ??= {});
  let updated = false;
  if (annotations[DESIRED_REPLICAS_ANNOTATION] !== String(desiredReplicas)) {
    annotations[DESIRED_REPLICAS_ANNOTATION] = String(desiredReplicas);
    updated = true;
  }
  if (annotations[MAX_REPLICAS_ANNOTATION] !== String(maxReplicas)) {
    annotations[MAX_REPLICAS_ANNOTATION] = String(maxReplicas);
    updated = true;
  }
  return updated;
}

export function replicasAnnotationsNeedUpdate(rs: ReplicaSet, desiredReplicas: number, maxReplicas: number): boolean {
  const annotations = rs.metadata.annotations;
  if (!annotations) return true;
  return (
    annotations[DESIRED_REPLICAS_ANNOTATION] !== String(desiredReplicas) ||
    annotations[MAX_REPLICAS_ANNOTATION] !== String(maxReplicas)
  );
}

/** An int32 annotation of the ReplicaSet (desired or max replicas), if present and readable. */
export function intAnnotation(rs: ReplicaSet, key: string): number | undefined {
  const value = rs.metadata.annotations?.[key];
  if (value === undefined || !/^[+-]?\d+$/.test(value)) return undefined;
  const n = Number(value);
  return n >= -(2 ** 31) && n < 2 ** 31 ? n : undefined;
}
