// The Job controller (pkg/controller/job): runs a Job's pods — parallelism at a time, until `completions` succeeded
// (one per index for Indexed Jobs) — replacing failed ones after an exponential back-off on the lab clock, and ends
// the Job Complete, or Failed when backoffLimit, activeDeadlineSeconds or a pod failure policy says so. Pods carry the
// job-tracking finalizer until the Job has counted them. Pod events are batched: a Job syncs a second after them.

import { deepCopy } from '../../api/object.ts';
import type { KubeObject } from '../../api/object.ts';
import { deepEqual, rfc3339 } from '../../api/json.ts';
import { isStatusError } from '../../apiserver/errors/status-error.ts';
import type { LabelSelector } from '../../apiserver/selectors/label-selector.ts';
import { labelSelectorAsSelector } from '../../apiserver/selectors/label-selector.ts';
import type { EventRecorder } from '../../client/event-recorder.ts';
import type { InProcessClient } from '../../client/in-process-client.ts';
import type { SharedInformer } from '../../client/informer.ts';
import { objectKeyOf } from '../../client/indexer.ts';
import { WorkQueue, runWorkers } from '../../client/workqueue.ts';
import type { Clock } from '../../lab/clock.ts';
import type { Controller, ControllerContext } from '../controller-context.ts';
import type { Job } from '../common/batch-types.ts';
import { isJobFinished } from '../common/batch-types.ts';
import {
  controllerIndexedInformer,
  controllerRefOf,
  objectsControlledBy,
  orphansIn,
} from '../common/controller-ref.ts';
import { ControllerRefManager, freshController, recheckDeletionTimestamp } from '../common/controller-ref-manager.ts';
import { DelayedEnqueuer } from '../common/delayed-enqueue.ts';
import { ControllerExpectations } from '../common/expectations.ts';
import { filterActivePods, timeOf } from '../common/pod-util.ts';
import type { Pod } from '../common/workload-types.ts';
import { BackoffStore } from './backoff.ts';
import { FinalizerExpectations } from './finalizer-expectations.ts';
import { calculateSucceededIndexes, matchSuccessPolicy } from './indexed-job.ts';
import {
  JOB_REASON_BACKOFF_LIMIT_EXCEEDED,
  JOB_REASON_COMPLETIONS_REACHED,
  JOB_REASON_DEADLINE_EXCEEDED,
  JOB_REASON_POD_FAILURE_POLICY,
  JOB_REASON_SUCCESS_POLICY,
  ensureJobConditionStatus,
  findCondition,
  newCondition,
} from './job-conditions.ts';
import { JobPodControl } from './job-pod-control.ts';
import {
  JOB_TRACKING_FINALIZER,
  UNKNOWN_COMPLETION_INDEX,
  completionIndexOf,
  countReadyPods,
  hasJobTrackingFinalizer,
  isIndexedJob,
  isPodFailed,
  isPodTerminating,
  jobSuspended,
  removeTrackingFinalizerPatch,
} from './job-pods.ts';
import { deleteActivePods, manageJob } from './manage-job.ts';
import { matchPodFailurePolicy } from './pod-failure-policy.ts';
import type { JobControllerDeps, SyncJobCtx } from './sync-context.ts';
import { JOBS, SYNC_JOB_BATCH_PERIOD_MS } from './sync-context.ts';
import { trackJobStatusAndRemoveFinalizers } from './track-job-status.ts';

export { JOBS };
export const PODS = { group: '', version: 'v1', resource: 'pods' };

/** The Job controller's API back-off: 1 s doubling to a minute (DefaultJobApiBackOff, MaxJobApiBackOff). */
const API_BACKOFF = { baseDelayMs: 1000, maxDelayMs: 60_000 };

function splitKey(key: string): [string, string] {
  const slash = key.indexOf('/');
  return [key.slice(0, slash), key.slice(slash + 1)];
}

/** Pods the Job has not counted yet (they still carry the finalizer) with a valid index, that pass `filter`. */
function newFinishedPods(ctx: SyncJobCtx, uncounted: Set<string>, filter: (pod: Pod) => boolean): Pod[] {
  const completions = ctx.job.spec?.completions ?? 0;
  return ctx.pods.filter((pod) => {
    const uid = pod.metadata.uid ?? '';
    if (!hasJobTrackingFinalizer(pod) || uncounted.has(uid) || ctx.expectedRmFinalizers.has(uid)) return false;
    if (isIndexedJob(ctx.job)) {
      const ix = completionIndexOf(pod);
      if (ix === UNKNOWN_COMPLETION_INDEX || ix >= completions) return false;
    }
    return filter(pod);
  });
}

/** pastBackoffLimitOnFailure: with restartPolicy OnFailure, container restarts count against backoffLimit. */
function pastBackoffLimitOnFailure(job: Job, pods: readonly Pod[]): boolean {
  if (job.spec?.template?.spec?.['restartPolicy'] !== 'OnFailure') return false;
  let restarts = 0;
  for (const pod of pods) {
    const phase = pod.status?.phase;
    if (phase !== 'Running' && phase !== 'Pending') continue;
    for (const status of [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])]) {
      restarts += status.restartCount ?? 0;
    }
  }
  const limit = job.spec.backoffLimit ?? 6;
  return limit === 0 ? restarts > 0 : restarts >= limit;
}

export class JobController {
  private readonly queue: WorkQueue;
  private readonly orphanQueue: WorkQueue;
  private readonly delayed: DelayedEnqueuer;
  private readonly deps: JobControllerDeps;

  constructor(
    private readonly client: InProcessClient,
    private readonly clock: Clock,
    private readonly jobs: SharedInformer,
    private readonly pods: SharedInformer,
    private readonly recorder: EventRecorder,
  ) {
    this.queue = new WorkQueue(clock, 'job', API_BACKOFF);
    this.orphanQueue = new WorkQueue(clock, 'job_orphan_pod', API_BACKOFF);
    this.delayed = new DelayedEnqueuer(clock, this.queue);
    this.deps = {
      client,
      clock,
      podControl: new JobPodControl(client, recorder),
      recorder,
      expectations: new ControllerExpectations(clock),
      finalizerExpectations: new FinalizerExpectations(),
      backoffStore: new BackoffStore(),
      enqueueAfter: (key, ms) => this.delayed.addAfter(key, Math.max(ms, SYNC_JOB_BATCH_PERIOD_MS)),
    };
    jobs.addEventHandler({
      onAdd: (job) => this.queue.add(objectKeyOf(job)),
      onUpdate: (oldJob, job) => this.updateJob(oldJob as Job, job as Job),
      onDelete: (job) => {
        this.queue.add(objectKeyOf(job));
        this.cleanupPodFinalizers(job as Job);
      },
    });
    pods.addEventHandler({
      onAdd: (pod) => this.addPod(pod as Pod),
      onUpdate: (oldPod, pod) => this.updatePod(oldPod as Pod, pod as Pod),
      onDelete: (pod) => this.deletePod(pod as Pod, true),
    });
  }

  run(workers = 5): void {
    runWorkers(this.queue, workers, (key) => this.syncJob(key));
    runWorkers(this.orphanQueue, 1, (key) => this.syncOrphanPod(key));
  }

  stop(): void {
    this.delayed.stop();
    this.queue.shutDown();
    this.orphanQueue.shutDown();
  }

  private enqueueBatched(job: KubeObject): void {
    this.delayed.addAfter(objectKeyOf(job), SYNC_JOB_BATCH_PERIOD_MS);
  }

  /** The Job a controller reference names, if this informer knows it by that uid. */
  private resolveControllerRef(namespace: string, ref: { kind: string; name: string; uid: string }): Job | undefined {
    if (ref.kind !== 'Job') return undefined;
    const job = this.jobs.lister.get(namespace, ref.name) as Job | undefined;
    return job?.metadata.uid === ref.uid ? job : undefined;
  }

  /** Jobs whose selector matches an orphan pod's labels (GetPodJobs). */
  private jobsSelecting(pod: Pod): Job[] {
    return (this.jobs.lister.namespace(pod.metadata.namespace ?? '').list() as Job[]).filter((job) => {
      const selector = selectorOf(job);
      return selector !== undefined && !selector.isEmpty() && selector.matches(pod.metadata.labels);
    });
  }

  private addPod(pod: Pod): void {
    if (pod.metadata.deletionTimestamp) {
      this.deletePod(pod, false);
      return;
    }
    const ref = controllerRefOf(pod);
    if (ref) {
      const job = this.resolveControllerRef(pod.metadata.namespace ?? '', ref);
      if (!job) return;
      this.deps.expectations.creationObserved(objectKeyOf(job));
      this.enqueueBatched(job);
      return;
    }
    if (hasJobTrackingFinalizer(pod)) this.orphanQueue.add(objectKeyOf(pod));
    for (const job of this.jobsSelecting(pod)) this.enqueueBatched(job);
  }

  private updatePod(oldPod: Pod, pod: Pod): void {
    if (oldPod.metadata.resourceVersion === pod.metadata.resourceVersion) return;
    if (pod.metadata.deletionTimestamp) {
      this.deletePod(pod, false);
      return;
    }
    const finalizerRemoved = !hasJobTrackingFinalizer(pod);
    const ref = controllerRefOf(pod);
    const oldRef = controllerRefOf(oldPod);
    const refChanged = !deepEqual(ref ?? null, oldRef ?? null);
    const observe = (job: Job): void => {
      if (finalizerRemoved)
        this.deps.finalizerExpectations.finalizerRemovalObserved(objectKeyOf(job), pod.metadata.uid ?? '');
      this.enqueueBatched(job);
    };
    if (refChanged && oldRef) {
      const oldJob = this.resolveControllerRef(oldPod.metadata.namespace ?? '', oldRef);
      if (oldJob) observe(oldJob);
    }
    if (ref) {
      const job = this.resolveControllerRef(pod.metadata.namespace ?? '', ref);
      if (job) observe(job);
      return;
    }
    if (hasJobTrackingFinalizer(pod)) this.orphanQueue.add(objectKeyOf(pod));
    if (refChanged || !deepEqual(pod.metadata.labels ?? null, oldPod.metadata.labels ?? null)) {
      for (const job of this.jobsSelecting(pod)) this.enqueueBatched(job);
    }
  }

  /** A pod deleted (final) or being deleted: counted as a deletion the Job expected. */
  private deletePod(pod: Pod, final: boolean): void {
    const ref = controllerRefOf(pod);
    const hasFinalizer = hasJobTrackingFinalizer(pod);
    if (!ref) {
      if (hasFinalizer) this.orphanQueue.add(objectKeyOf(pod));
      return;
    }
    const job = this.resolveControllerRef(pod.metadata.namespace ?? '', ref);
    if (!job || isJobFinished(job)) {
      if (hasFinalizer) this.orphanQueue.add(objectKeyOf(pod));
      return;
    }
    const key = objectKeyOf(job);
    this.deps.expectations.deletionObserved(key);
    if (final || !hasFinalizer) this.deps.finalizerExpectations.finalizerRemovalObserved(key, pod.metadata.uid ?? '');
    this.enqueueBatched(job);
  }

  private updateJob(oldJob: Job, job: Job): void {
    const key = objectKeyOf(job);
    if (job.metadata.generation === oldJob.metadata.generation) this.enqueueBatched(job);
    else this.queue.add(key);
    if (isJobFinished(job)) this.cleanupPodFinalizers(job);
    const deadline = job.spec?.activeDeadlineSeconds;
    const startTime = job.status?.startTime;
    if (startTime && deadline !== undefined && deadline !== oldJob.spec?.activeDeadlineSeconds) {
      this.delayed.addAfter(key, deadline * 1000 - (this.clock.now() - timeOf(startTime)));
    }
  }

  /** The pods of a deleted or finished Job that still carry the finalizer lose it through the orphan queue. */
  private cleanupPodFinalizers(job: Job): void {
    for (const pod of objectsControlledBy(this.pods, job.metadata.uid ?? '') as Pod[]) {
      if (hasJobTrackingFinalizer(pod)) this.orphanQueue.add(objectKeyOf(pod));
    }
  }

  /** syncOrphanPod: takes the finalizer off a pod no unfinished Job controls. */
  private async syncOrphanPod(key: string): Promise<void> {
    const [namespace, name] = splitKey(key);
    const pod = this.pods.lister.get(namespace, name) as Pod | undefined;
    if (!pod) return;
    const ref = controllerRefOf(pod);
    if (ref) {
      if (ref.kind !== 'Job' || ref.apiVersion !== 'batch/v1') return;
      const job = this.resolveControllerRef(namespace, ref);
      if (job && !isJobFinished(job)) return;
    }
    const patch = removeTrackingFinalizerPatch(pod);
    if (!patch) return;
    try {
      await this.deps.podControl.patchPod(namespace, name, patch);
    } catch (error) {
      if (!isStatusError(error, 'NotFound')) throw error;
    }
  }

  /** getPodsForJob: the Job's pods, after adopting matching orphans (adding the finalizer) and releasing others. */
  private async getPodsForJob(job: Job, selector: LabelSelector): Promise<Pod[]> {
    const namespace = job.metadata.namespace ?? '';
    const candidates = [
      ...objectsControlledBy(this.pods, job.metadata.uid ?? ''),
      ...orphansIn(this.pods, namespace),
    ] as Pod[];
    const identity = { apiVersion: 'batch/v1', kind: 'Job', object: job };
    const manager = new ControllerRefManager({
      controller: identity,
      match: (pod) => selector.matches(pod.metadata.labels),
      kindName: 'Pod',
      canAdopt: recheckDeletionTimestamp(
        freshController(identity, () => this.client.get(JOBS, namespace, job.metadata.name ?? '')),
      ),
      // Adoption adds the tracking finalizer; release takes it away (the PodControllerRefManager's finalizers).
      patch: (ns, name, patch) => this.deps.podControl.patchPod(ns, name, withTrackingFinalizer(patch)),
    });
    const claimed = await manager.claim(candidates);
    return claimed.map((pod) => {
      const adopted = !pod.metadata.ownerReferences?.some((ref) => ref.uid === job.metadata.uid);
      if (!adopted || hasJobTrackingFinalizer(pod)) return pod;
      return {
        ...pod,
        metadata: { ...pod.metadata, finalizers: [...(pod.metadata.finalizers ?? []), JOB_TRACKING_FINALIZER] },
      };
    });
  }

  private async syncJob(key: string): Promise<void> {
    const [namespace, name] = splitKey(key);
    const cached = this.jobs.lister.get(namespace, name) as Job | undefined;
    if (!cached) {
      this.deps.expectations.deleteExpectations(key);
      this.deps.finalizerExpectations.delete(key);
      this.deps.backoffStore.remove(key);
      return;
    }
    // Jobs another controller manages (spec.managedBy) are left to it.
    const managedBy = cached.spec?.managedBy;
    if (managedBy !== undefined && managedBy !== 'kubernetes.io/job-controller') return;
    if (isJobFinished(cached)) {
      this.deps.backoffStore.remove(key);
      return;
    }
    const job = deepCopy(cached);
    const mode = job.spec?.completionMode;
    if (mode !== undefined && mode !== 'NonIndexed' && mode !== 'Indexed') {
      this.recorder.event(
        job,
        'Warning',
        'UnknownCompletionMode',
        'Skipped Job sync because completion mode is unknown',
      );
      return;
    }
    const status = (job.status ??= {});
    status.uncountedTerminatedPods ??= {};
    let selector: LabelSelector;
    try {
      selector = labelSelectorAsSelector(job.spec?.selector);
    } catch (error) {
      throw new Error(`couldn't convert Job selector: ${(error as Error).message}`, { cause: error });
    }

    // Expectations first: a pod created after the listing waits for the next sync.
    const satisfiedExpectations = this.deps.expectations.satisfiedExpectations(key);
    const pods = await this.getPodsForJob(job, selector);
    const activePods = filterActivePods(pods);
    const now = this.clock.now();
    const ctx: SyncJobCtx = {
      key,
      job,
      pods,
      activePods,
      succeeded: 0,
      failed: 0,
      prevSucceededIndexes: [],
      succeededIndexes: [],
      newBackoffRecord: { key, failuresAfterLastSuccess: 0 },
      expectedRmFinalizers: this.deps.finalizerExpectations.expectedUIDs(key),
      uncounted: {
        succeeded: new Set(status.uncountedTerminatedPods.succeeded),
        failed: new Set(status.uncountedTerminatedPods.failed),
      },
      terminating: pods.filter(isPodTerminating).length,
      ready: countReadyPods(activePods),
    };
    let active = activePods.length;
    const rules = job.spec?.podFailurePolicy?.rules;
    const newSucceeded = newFinishedPods(ctx, ctx.uncounted.succeeded, (p) => p.status?.phase === 'Succeeded');
    const newFailed = newFinishedPods(ctx, ctx.uncounted.failed, (p) => isPodFailed(p, job));
    ctx.succeeded = (status.succeeded ?? 0) + newSucceeded.length + ctx.uncounted.succeeded.size;
    ctx.failed =
      (status.failed ?? 0) +
      newFailed.filter((p) => matchPodFailurePolicy(rules, p).countFailed).length +
      ctx.uncounted.failed.size;

    // The first start; a suspended Job has not started.
    if (!status.startTime && !jobSuspended(job)) status.startTime = rfc3339(now);
    ctx.newBackoffRecord = this.deps.backoffStore.newBackoffRecord(key, newSucceeded, newFailed);

    ctx.finishedCondition = findCondition(status.conditions, 'SuccessCriteriaMet');
    if (!ctx.finishedCondition) {
      const failureTarget = findCondition(status.conditions, 'FailureTarget');
      if (failureTarget?.status === 'True') {
        ctx.finishedCondition = newCondition(
          'Failed',
          'True',
          failureTarget.reason ?? '',
          failureTarget.message ?? '',
          now,
        );
      } else {
        const failJobMessage = pods
          .filter((p) => isPodFailed(p, job))
          .map((p) => matchPodFailurePolicy(rules, p).failJobMessage)
          .find((m) => m !== undefined);
        if (failJobMessage !== undefined) {
          ctx.finishedCondition = newCondition(
            'FailureTarget',
            'True',
            JOB_REASON_POD_FAILURE_POLICY,
            failJobMessage,
            now,
          );
        }
      }
    }
    if (!ctx.finishedCondition) {
      const deadline = job.spec?.activeDeadlineSeconds;
      if (ctx.failed > (job.spec?.backoffLimit ?? 6) || pastBackoffLimitOnFailure(job, pods)) {
        ctx.finishedCondition = newCondition(
          'FailureTarget',
          'True',
          JOB_REASON_BACKOFF_LIMIT_EXCEEDED,
          'Job has reached the specified backoff limit',
          now,
        );
      } else if (deadline !== undefined && status.startTime && !jobSuspended(job)) {
        const left = deadline * 1000 - (now - timeOf(status.startTime));
        if (left <= 0) {
          ctx.finishedCondition = newCondition(
            'FailureTarget',
            'True',
            JOB_REASON_DEADLINE_EXCEEDED,
            'Job was active longer than specified deadline',
            now,
          );
        } else {
          this.delayed.addAfter(key, left);
        }
      }
    }
    if (isIndexedJob(job)) {
      const { previous, succeeded } = calculateSucceededIndexes(job, pods);
      ctx.prevSucceededIndexes = previous;
      ctx.succeededIndexes = succeeded;
      ctx.succeeded = succeeded.reduce((n, iv) => n + iv.last - iv.first + 1, 0);
      if (!ctx.finishedCondition) {
        const message = matchSuccessPolicy(job, succeeded);
        if (message !== undefined) {
          ctx.finishedCondition = newCondition('SuccessCriteriaMet', 'True', JOB_REASON_SUCCESS_POLICY, message, now);
        }
      }
    }

    let suspendConditionChanged = false;
    let manageError: unknown;
    if (ctx.finishedCondition) {
      // A finishing Job deletes its remaining pods first (keeping their finalizers to count them).
      const { deleted, deletedReady, error } = await deleteActivePods(this.deps, job, activePods);
      if (deleted !== active || !satisfiedExpectations) ctx.finishedCondition = undefined;
      active -= deleted;
      ctx.terminating += deleted;
      ctx.ready -= deletedReady;
      manageError = error;
    } else {
      let manageJobCalled = false;
      if (satisfiedExpectations && !job.metadata.deletionTimestamp) {
        const result = await manageJob(this.deps, ctx);
        active = result.active;
        manageError = result.error;
        manageJobCalled = true;
      }
      const completions = job.spec?.completions;
      const complete =
        completions === undefined || completions === null
          ? ctx.succeeded > 0 && active === 0
          : ctx.succeeded >= completions && active === 0;
      if (complete) {
        ctx.finishedCondition = newCondition(
          'SuccessCriteriaMet',
          'True',
          JOB_REASON_COMPLETIONS_REACHED,
          'Reached expected number of succeeded pods',
          now,
        );
      } else if (manageJobCalled) {
        suspendConditionChanged = this.updateSuspendedCondition(job, now);
      }
    }

    const needsStatusUpdate =
      suspendConditionChanged ||
      active !== (status.active ?? 0) ||
      ctx.ready !== status.ready ||
      ctx.terminating !== status.terminating;
    status.active = active;
    status.ready = ctx.ready;
    status.terminating = ctx.terminating;
    await trackJobStatusAndRemoveFinalizers(this.deps, ctx, needsStatusUpdate);
    if (manageError !== undefined) throw manageError;
  }

  /** The Suspended condition and its events; a resumed Job restarts its clock (startTime). */
  private updateSuspendedCondition(job: Job, now: number): boolean {
    const status = (job.status ??= {});
    const conditions = (status.conditions ??= []);
    if (jobSuspended(job)) {
      const changed = ensureJobConditionStatus(conditions, 'Suspended', 'True', 'JobSuspended', 'Job suspended', now);
      if (changed) this.recorder.event(job, 'Normal', 'Suspended', 'Job suspended');
      return changed;
    }
    const changed = ensureJobConditionStatus(conditions, 'Suspended', 'False', 'JobResumed', 'Job resumed', now);
    if (changed) {
      this.recorder.event(job, 'Normal', 'Resumed', 'Job resumed');
      status.startTime = rfc3339(now);
    }
    return changed;
  }
}

function selectorOf(job: Job): LabelSelector | undefined {
  try {
    return labelSelectorAsSelector(job.spec?.selector);
  } catch {
    return undefined;
  }
}

/** Adds the tracking finalizer to an adoption patch, or its removal to a release patch. */
function withTrackingFinalizer(patch: unknown): unknown {
  const metadata = (patch as { metadata: Record<string, unknown> }).metadata;
  const refs = (metadata['ownerReferences'] as { $patch?: string }[] | undefined) ?? [];
  const releasing = refs.some((ref) => ref.$patch === 'delete');
  return {
    metadata: releasing
      ? { ...metadata, '$deleteFromPrimitiveList/finalizers': [JOB_TRACKING_FINALIZER] }
      : { ...metadata, finalizers: [JOB_TRACKING_FINALIZER] },
  };
}

/** kube-controller-manager's "job" controller, built from the shared context. */
export function jobController(ctx: ControllerContext): Controller {
  const controller = new JobController(
    ctx.client,
    ctx.clock,
    controllerIndexedInformer(ctx.informers, JOBS),
    controllerIndexedInformer(ctx.informers, PODS),
    ctx.recorder('job-controller'),
  );
  return { name: 'job-controller', run: () => controller.run(), stop: () => controller.stop() };
}
