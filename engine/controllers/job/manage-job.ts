// manageJob and the pod deletions of the Job controller: how many pods should be active (parallelism, capped by the
// completions still missing; all of them gone while suspended), deleting the surplus — earliest-stage pods first —
// or creating the shortfall in slow-start batches, after the failure back-off, with the tracking finalizer and, for
// Indexed Jobs, the lowest pending indexes.

import { deepCopy } from '../../api/object.ts';
import { isStatusError } from '../../apiserver/errors/status-error.ts';
import type { Job } from '../common/batch-types.ts';
import { newControllerRef } from '../common/controller-ref.ts';
import { isNamespaceTerminating } from '../common/pod-control.ts';
import { isPodReady } from '../common/pod-util.ts';
import { SLOW_START_INITIAL_BATCH_SIZE, slowStartBatch } from '../common/slow-start.ts';
import type { Pod, PodTemplateSpec } from '../common/workload-types.ts';
import { remainingBackoff } from './backoff.ts';
import {
  activePodsForRemoval,
  addCompletionIndexEnvVariables,
  firstPendingIndexes,
  podGenerateNameWithIndex,
  templateForIndex,
} from './indexed-job.ts';
import {
  JOB_TRACKING_FINALIZER,
  isIndexedJob,
  jobSuspended,
  onlyReplaceFailedPods,
  removeTrackingFinalizerPatch,
} from './job-pods.ts';
import type { JobControllerDeps, SyncJobCtx } from './sync-context.ts';
import { MAX_POD_CREATE_DELETE_PER_SYNC } from './sync-context.ts';

export interface DeleteResult {
  deletedReady: number;
  deleted: number;
  error?: unknown;
}

/**
 * deleteJobPods: takes the tracking finalizer off each pod, then deletes it; a pod that could not be deleted is no
 * longer expected to go away.
 */
export async function deleteJobPods(
  deps: JobControllerDeps,
  job: Job,
  key: string,
  pods: Pod[],
): Promise<DeleteResult> {
  const result: DeleteResult = { deletedReady: 0, deleted: pods.length };
  const fail = (error: unknown): void => {
    deps.expectations.deletionObserved(key);
    if (isStatusError(error, 'NotFound')) return;
    result.deleted--;
    result.error ??= error;
  };
  await Promise.all(
    pods.map(async (pod) => {
      const { namespace = '', name = '' } = pod.metadata;
      const patch = removeTrackingFinalizerPatch(pod);
      try {
        if (patch) await deps.podControl.patchPod(namespace, name, patch);
      } catch (error) {
        fail(new Error(`removing completion finalizer: ${(error as Error).message}`, { cause: error }));
        return;
      }
      try {
        await deps.podControl.deletePod(job.metadata.namespace ?? '', name, job);
      } catch (error) {
        fail(error);
      }
      if (isPodReady(pod)) result.deletedReady++;
    }),
  );
  return result;
}

/** deleteActivePods: deletes the pods of a finishing Job, keeping their finalizers so they are still counted. */
export async function deleteActivePods(deps: JobControllerDeps, job: Job, pods: Pod[]): Promise<DeleteResult> {
  const result: DeleteResult = { deletedReady: 0, deleted: pods.length };
  await Promise.all(
    pods.map(async (pod) => {
      try {
        await deps.podControl.deletePod(job.metadata.namespace ?? '', pod.metadata.name ?? '', job);
      } catch (error) {
        if (!isStatusError(error, 'NotFound')) {
          result.deleted--;
          result.error ??= error;
        }
      }
      if (isPodReady(pod)) result.deletedReady++;
    }),
  );
  return result;
}

async function removePods(
  deps: JobControllerDeps,
  ctx: SyncJobCtx,
  pods: Pod[],
): Promise<{ active: number; error?: unknown }> {
  deps.expectations.expectDeletions(ctx.key, pods.length);
  const { deleted, deletedReady, error } = await deleteJobPods(deps, ctx.job, ctx.key, pods);
  ctx.terminating += deleted;
  ctx.ready -= deletedReady;
  return { active: ctx.activePods.length - deleted, error };
}

/** How many pods should be active now. */
function wantActive(job: Job, ctx: SyncJobCtx, active: number): number {
  const parallelism = job.spec?.parallelism ?? 1;
  const completions = job.spec?.completions;
  if (completions === undefined || completions === null) return ctx.succeeded > 0 ? active : parallelism;
  return Math.max(0, Math.min(completions - ctx.succeeded, parallelism));
}

/** manageJob: resolves with the number of active pods after its deletions or creations. */
export async function manageJob(
  deps: JobControllerDeps,
  ctx: SyncJobCtx,
): Promise<{ active: number; error?: unknown }> {
  const { job, key } = ctx;
  let active = ctx.activePods.length;

  if (jobSuspended(job)) return removePods(deps, ctx, activePodsForRemoval(job, ctx.activePods, active));

  const want = wantActive(job, ctx, active);
  const toDelete = activePodsForRemoval(job, ctx.activePods, Math.max(0, active - want)).slice(
    0,
    MAX_POD_CREATE_DELETE_PER_SYNC,
  );
  // Deleting takes precedence: a sync either deletes or creates.
  if (toDelete.length > 0) return removePods(deps, ctx, toDelete);

  const terminating = onlyReplaceFailedPods(job) ? ctx.terminating : 0;
  let diff = want - terminating - active;
  if (diff <= 0) return { active };

  const backoff = remainingBackoff(ctx.newBackoffRecord, deps.clock.now());
  if (backoff > 0) {
    deps.enqueueAfter(key, backoff);
    // Upstream reports no active pods while it waits out the back-off, whatever still runs.
    return { active: 0 };
  }
  diff = Math.min(diff, MAX_POD_CREATE_DELETE_PER_SYNC);
  let indexes: number[] = [];
  if (isIndexedJob(job)) {
    indexes = firstPendingIndexes(job, ctx.activePods, ctx.pods, ctx.succeededIndexes, diff);
    diff = indexes.length;
  }
  if (diff === 0) return { active };

  deps.expectations.expectCreations(key, diff);
  const template = deepCopy(job.spec?.template ?? {}) as PodTemplateSpec;
  if (isIndexedJob(job)) addCompletionIndexEnvVariables(template);
  const finalizers = template.metadata?.finalizers ?? [];
  template.metadata = {
    ...template.metadata,
    finalizers: finalizers.includes(JOB_TRACKING_FINALIZER) ? finalizers : [...finalizers, JOB_TRACKING_FINALIZER],
  };
  const controllerRef = newControllerRef(job, 'batch/v1', 'Job');
  const jobName = job.metadata.name ?? '';

  const { successes, error } = await slowStartBatch(diff, SLOW_START_INITIAL_BATCH_SIZE, async () => {
    const index = indexes.shift();
    const podTemplate = index === undefined ? template : templateForIndex(template, jobName, index);
    const generateName = index === undefined ? undefined : podGenerateNameWithIndex(jobName, index);
    try {
      await deps.podControl.createPodWithGenerateName(
        job.metadata.namespace ?? '',
        podTemplate,
        job,
        controllerRef,
        generateName,
      );
    } catch (err) {
      // A namespace being deleted refuses every creation: nothing to retry.
      if (!isNamespaceTerminating(err)) throw err;
    }
  });
  // Creations that failed, or were never tried after a failing batch, will not be observed.
  const notCreated = diff - successes;
  deps.expectations.lowerExpectations(key, notCreated, 0);
  active += diff - notCreated;
  return { active, error };
}
