// Counting finished pods exactly once (trackJobStatusAndRemoveFinalizers): a finished pod's uid first goes into
// status.uncountedTerminatedPods (or its index into completedIndexes), then its tracking finalizer comes off, then
// the counters move; the interim SuccessCriteriaMet or FailureTarget condition is written before any finalizer comes
// off, and Complete or Failed only once nothing is left uncounted or terminating.

import type { Job, JobCondition } from '../common/batch-types.ts';
import { isStatusError } from '../../apiserver/errors/status-error.ts';
import { findCondition, ensureJobConditionStatus, newCondition } from './job-conditions.ts';
import {
  UNKNOWN_COMPLETION_INDEX,
  completionIndexOf,
  hasJobTrackingFinalizer,
  isIndexedJob,
  isPodFailed,
  removeTrackingFinalizerPatch,
} from './job-pods.ts';
import { formatIntervals, hasIndex, withOrderedIndexes } from './ordered-intervals.ts';
import { matchPodFailurePolicy } from './pod-failure-policy.ts';
import type { JobControllerDeps, SyncJobCtx } from './sync-context.ts';
import { JOBS, MAX_UNCOUNTED_PODS } from './sync-context.ts';
import type { Pod } from '../common/workload-types.ts';

async function updateJobStatus(deps: JobControllerDeps, job: Job): Promise<Job> {
  return (await deps.client.update(JOBS, job, 'status')) as Job;
}

/** canRemoveFinalizer: the Job is going away or finishing, or the pod succeeded or failed. */
function canRemoveFinalizer(ctx: SyncJobCtx, pod: Pod, considerPodFailed: boolean): boolean {
  return (
    ctx.job.metadata.deletionTimestamp !== undefined ||
    ctx.finishedCondition !== undefined ||
    pod.status?.phase === 'Succeeded' ||
    considerPodFailed
  );
}

/** Moves uncounted uids whose pods lost their finalizer into the counters; whether anything moved. */
function cleanUncountedPodsWithoutFinalizers(job: Job, uidsWithFinalizer: Set<string>): boolean {
  const status = (job.status ??= {});
  const uncounted = (status.uncountedTerminatedPods ??= {});
  let updated = false;
  const succeeded = (uncounted.succeeded ?? []).filter((uid) => uidsWithFinalizer.has(uid));
  if (succeeded.length !== (uncounted.succeeded ?? []).length) {
    updated = true;
    status.succeeded = (status.succeeded ?? 0) + (uncounted.succeeded ?? []).length - succeeded.length;
    uncounted.succeeded = succeeded;
  }
  const failed = (uncounted.failed ?? []).filter((uid) => uidsWithFinalizer.has(uid));
  if (failed.length !== (uncounted.failed ?? []).length) {
    updated = true;
    status.failed = (status.failed ?? 0) + (uncounted.failed ?? []).length - failed.length;
    uncounted.failed = failed;
  }
  return updated;
}

/** Patches the tracking finalizer away; which pods are free of it afterwards (a pod already gone counts). */
async function removeTrackingFinalizers(
  deps: JobControllerDeps,
  key: string,
  pods: Pod[],
): Promise<{ removed: boolean[]; error?: unknown }> {
  deps.finalizerExpectations.expectFinalizersRemoved(
    key,
    pods.map((p) => p.metadata.uid ?? ''),
  );
  let firstError: unknown;
  const removed = await Promise.all(
    pods.map(async (pod) => {
      const patch = removeTrackingFinalizerPatch(pod);
      if (!patch) return false;
      try {
        await deps.podControl.patchPod(pod.metadata.namespace ?? '', pod.metadata.name ?? '', patch);
        return true;
      } catch (error) {
        deps.finalizerExpectations.finalizerRemovalObserved(key, pod.metadata.uid ?? '');
        if (isStatusError(error, 'NotFound')) return true;
        firstError ??= error;
        return false;
      }
    }),
  );
  return { removed, error: firstError };
}

/** enactJobFinished: writes the final condition once nothing is uncounted or terminating; whether it did. */
function enactJobFinished(deps: JobControllerDeps, ctx: SyncJobCtx): boolean {
  const finished = ctx.finishedCondition;
  if (!finished) return false;
  const status = (ctx.job.status ??= {});
  const uncounted = status.uncountedTerminatedPods;
  if ((uncounted?.succeeded?.length ?? 0) + (uncounted?.failed?.length ?? 0) > 0) return false;
  if (ctx.terminating > 0) return false;
  const conditions = (status.conditions ??= []);
  ensureJobConditionStatus(
    conditions,
    finished.type,
    finished.status,
    finished.reason ?? '',
    finished.message ?? '',
    deps.clock.now(),
  );
  if (finished.type === 'Complete') status.completionTime = finished.lastTransitionTime ?? undefined;
  return true;
}

/** recordJobFinished: the Completed event, or the failure reason as a warning. */
function recordJobFinished(deps: JobControllerDeps, job: Job, finished: JobCondition): void {
  if (finished.type === 'Complete') {
    const completions = job.spec?.completions;
    if (completions !== undefined && completions !== null && (job.status?.succeeded ?? 0) > completions) {
      deps.recorder.event(
        job,
        'Warning',
        'TooManySucceededPods',
        'Too many succeeded pods running after completion count reached',
      );
    }
    deps.recorder.event(job, 'Normal', 'Completed', 'Job completed');
  } else {
    deps.recorder.event(job, 'Warning', finished.reason ?? '', finished.message ?? '');
  }
}

export async function trackJobStatusAndRemoveFinalizers(
  deps: JobControllerDeps,
  ctx: SyncJobCtx,
  needsFlushAtStart: boolean,
): Promise<void> {
  let needsFlush = needsFlushAtStart;
  const job = ctx.job;
  const status = (job.status ??= {});
  const uncounted = (status.uncountedTerminatedPods ??= {});
  const indexed = isIndexedJob(job);
  const completions = job.spec?.completions ?? 0;
  if (indexed) ctx.pods.sort((a, b) => completionIndexOf(a) - completionIndexOf(b));

  const uidsWithFinalizer = new Set<string>();
  for (const pod of ctx.pods) {
    const uid = pod.metadata.uid ?? '';
    if (hasJobTrackingFinalizer(pod) && !ctx.expectedRmFinalizers.has(uid)) uidsWithFinalizer.add(uid);
  }
  if (cleanUncountedPodsWithoutFinalizers(job, uidsWithFinalizer)) needsFlush = true;

  const podsToRemoveFinalizer: Pod[] = [];
  const newSucceededIndexes: number[] = [];
  let reachedMaxUncountedPods = false;
  const rules = job.spec?.podFailurePolicy?.rules;
  for (const pod of ctx.pods) {
    const uid = pod.metadata.uid ?? '';
    if (!hasJobTrackingFinalizer(pod) || ctx.expectedRmFinalizers.has(uid)) continue;
    const considerPodFailed = isPodFailed(pod, job);
    if (!canRemoveFinalizer(ctx, pod, considerPodFailed)) continue;
    podsToRemoveFinalizer.push(pod);
    if (pod.status?.phase === 'Succeeded' && !ctx.uncounted.failed.has(uid)) {
      if (indexed) {
        const ix = completionIndexOf(pod);
        if (ix !== UNKNOWN_COMPLETION_INDEX && ix < completions && !hasIndex(ctx.prevSucceededIndexes, ix)) {
          newSucceededIndexes.push(ix);
          needsFlush = true;
        }
      } else if (!ctx.uncounted.succeeded.has(uid)) {
        needsFlush = true;
        (uncounted.succeeded ??= []).push(uid);
      }
    } else if (considerPodFailed || (ctx.finishedCondition && ctx.finishedCondition.type !== 'SuccessCriteriaMet')) {
      // When the Job is finishing, every pod that did not succeed counts as failed.
      const ix = completionIndexOf(pod);
      const validIndex = !indexed || (ix !== UNKNOWN_COMPLETION_INDEX && ix < completions);
      if (!ctx.uncounted.failed.has(uid) && validIndex && matchPodFailurePolicy(rules, pod).countFailed) {
        needsFlush = true;
        (uncounted.failed ??= []).push(uid);
      }
    }
    const pending = newSucceededIndexes.length + (uncounted.succeeded?.length ?? 0) + (uncounted.failed?.length ?? 0);
    if (pending >= MAX_UNCOUNTED_PODS) {
      // Enough for one status update; the next sync goes on.
      reachedMaxUncountedPods = true;
      break;
    }
  }
  if (indexed) {
    ctx.succeededIndexes = withOrderedIndexes(
      ctx.succeededIndexes,
      [...newSucceededIndexes].sort((a, b) => a - b),
    );
    const completedIndexes = formatIntervals(ctx.succeededIndexes);
    if (completedIndexes !== (status.completedIndexes ?? '')) needsFlush = true;
    status.succeeded = ctx.succeededIndexes.reduce((n, iv) => n + iv.last - iv.first + 1, 0);
    status.completedIndexes = completedIndexes;
  }
  const now = deps.clock.now();
  if (ctx.finishedCondition?.type === 'FailureTarget') {
    (status.conditions ??= []).push(ctx.finishedCondition);
    needsFlush = true;
    ctx.finishedCondition = newCondition(
      'Failed',
      'True',
      ctx.finishedCondition.reason ?? '',
      ctx.finishedCondition.message ?? '',
      now,
    );
  }
  if (ctx.finishedCondition?.type === 'SuccessCriteriaMet') {
    if (!findCondition(status.conditions, 'SuccessCriteriaMet')) {
      (status.conditions ??= []).push(ctx.finishedCondition);
      needsFlush = true;
    }
    ctx.finishedCondition = newCondition(
      'Complete',
      'True',
      ctx.finishedCondition.reason ?? '',
      ctx.finishedCondition.message ?? '',
      now,
    );
  }

  // Flush the uncounted pods (and interim condition) before any finalizer comes off.
  if (needsFlush) {
    ctx.job = await updateJobStatus(deps, ctx.job);
    deps.backoffStore.update(ctx.newBackoffRecord);
    needsFlush = false;
  }
  let removeError: unknown;
  if (podsToRemoveFinalizer.length > 0) {
    const { removed, error } = await removeTrackingFinalizers(deps, ctx.key, podsToRemoveFinalizer);
    removeError = error;
    podsToRemoveFinalizer.forEach((pod, i) => {
      if (removed[i]) uidsWithFinalizer.delete(pod.metadata.uid ?? '');
    });
  }
  if (cleanUncountedPodsWithoutFinalizers(ctx.job, uidsWithFinalizer)) needsFlush = true;
  if (removeError !== undefined) {
    if (needsFlush) await updateJobStatus(deps, ctx.job);
    throw removeError;
  }

  const finished = !reachedMaxUncountedPods && enactJobFinished(deps, ctx);
  if (finished) needsFlush = true;
  if (needsFlush) {
    ctx.job = await updateJobStatus(deps, ctx.job);
    if (finished && ctx.finishedCondition) recordJobFinished(deps, ctx.job, ctx.finishedCondition);
  }
}
