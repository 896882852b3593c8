// What the Job controller reads from its pods: the job-tracking finalizer that keeps a finished pod around until
// the Job has counted it, the completion index of Indexed Jobs, and when a pod counts as failed, terminating or
// ready.

import type { Job } from '../common/batch-types.ts';
import { isPodReady } from '../common/pod-util.ts';
import type { Pod } from '../common/workload-types.ts';

/** batch.JobTrackingFinalizer: the Job still has to count this pod. */
export const JOB_TRACKING_FINALIZER = 'batch.kubernetes.io/job-tracking';
export const JOB_COMPLETION_INDEX_ANNOTATION = 'batch.kubernetes.io/job-completion-index';
/** The label twin of the annotation (PodIndexLabel). */
export const JOB_COMPLETION_INDEX_LABEL = 'batch.kubernetes.io/job-completion-index';
export const JOB_COMPLETION_INDEX_ENV = 'JOB_COMPLETION_INDEX';
/** getCompletionIndex's answer for a pod without a valid index. */
export const UNKNOWN_COMPLETION_INDEX = -1;

export function hasJobTrackingFinalizer(pod: Pod): boolean {
  return pod.metadata.finalizers?.includes(JOB_TRACKING_FINALIZER) ?? false;
}

/** The strategic merge patch that takes the tracking finalizer away; undefined if the pod has none. */
export function removeTrackingFinalizerPatch(pod: Pod): unknown {
  if (!hasJobTrackingFinalizer(pod)) return undefined;
  return { metadata: { '$deleteFromPrimitiveList/finalizers': [JOB_TRACKING_FINALIZER] } };
}

/** The completion index annotated on a pod, or UNKNOWN_COMPLETION_INDEX. */
export function completionIndexOf(pod: Pod): number {
  const value = pod.metadata.annotations?.[JOB_COMPLETION_INDEX_ANNOTATION];
  if (value === undefined || !/^[+-]?\d+$/.test(value)) return UNKNOWN_COMPLETION_INDEX;
  const ix = Number(value);
  return Number.isSafeInteger(ix) && ix >= 0 ? ix : UNKNOWN_COMPLETION_INDEX;
}

export function isIndexedJob(job: Job): boolean {
  return job.spec?.completionMode === 'Indexed';
}

export function jobSuspended(job: Job): boolean {
  return job.spec?.suspend === true;
}

/** Replace a pod only once it failed — not while it terminates (podReplacementPolicy Failed, or a failure policy). */
export function onlyReplaceFailedPods(job: Job): boolean {
  return job.spec?.podReplacementPolicy === 'Failed' || job.spec?.podFailurePolicy !== undefined;
}

/** isPodFailed: Failed, or — unless only failed pods are replaced — deleted before it succeeded. */
export function isPodFailed(pod: Pod, job: Job): boolean {
  const phase = pod.status?.phase;
  if (phase === 'Failed') return true;
  if (onlyReplaceFailedPods(job)) return false;
  return pod.metadata.deletionTimestamp !== undefined && phase !== 'Succeeded';
}

/** IsPodTerminating: being deleted and not finished yet. */
export function isPodTerminating(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed' && pod.metadata.deletionTimestamp !== undefined;
}

export function countReadyPods(pods: readonly Pod[]): number {
  let count = 0;
  for (const pod of pods) if (isPodReady(pod)) count++;
  return count;
}
