// The CronJob controller (pkg/controller/cronjob, ControllerV2): each CronJob is requeued for just after its next
// activation on the lab clock; when one is due it starts a Job named after the activation, honouring suspend, the
// starting deadline and the concurrency policy (Allow, Forbid, Replace), keeps status.active, lastScheduleTime and
// lastSuccessfulTime, and deletes finished Jobs beyond the history limits.

import type { KubeObject } from '../../api/object.ts';
import { deepCopy } from '../../api/object.ts';
import { rfc3339 } from '../../api/json.ts';
import { isStatusError } from '../../apiserver/errors/status-error.ts';
import { CronScheduleError, isKnownTimeZone } from '../../apiserver/validation/cron-schedule.ts';
import type { CronSchedule } from '../../apiserver/validation/cron-schedule.ts';
import type { EventRecorder } from '../../client/event-recorder.ts';
import type { InProcessClient } from '../../client/in-process-client.ts';
import type { SharedInformer } from '../../client/informer.ts';
import { objectKeyOf } from '../../client/indexer.ts';
import { WorkQueue, runWorkers } from '../../client/workqueue.ts';
import type { Clock } from '../../lab/clock.ts';
import type { Controller, ControllerContext } from '../controller-context.ts';
import type { CronJob, Job } from '../common/batch-types.ts';
import { isJobFinished, jobFinishedCondition } from '../common/batch-types.ts';
import { controllerIndexedInformer, controllerRefOf, objectsControlledBy } from '../common/controller-ref.ts';
import { DelayedEnqueuer } from '../common/delayed-enqueue.ts';
import { isNamespaceTerminating } from '../common/pod-control.ts';
import { timeOf } from '../common/pod-util.ts';
import { jobFromTemplate, jobReference } from './job-from-template.ts';
import { cronJobSchedule, jobNameFor, nextScheduleTime, nextScheduleTimeDuration } from './schedule-times.ts';
import { OwnWrites } from './own-writes.ts';
import { formatRFC1123ZUTC } from './zoned-time.ts';

export const CRONJOBS = { group: 'batch', version: 'v1', resource: 'cronjobs' };
export const JOBS = { group: 'batch', version: 'v1', resource: 'jobs' };

interface SyncResult {
  cronJob: CronJob;
  requeueAfter?: number;
  updateStatus: boolean;
  error?: unknown;
}

/** byJobStartTime: started Jobs first, oldest first, then by name. */
function byStartTime(a: Job, b: Job): number {
  const as = a.status?.startTime;
  const bs = b.status?.startTime;
  if (!as && bs) return 1;
  if (as && !bs) return -1;
  if (as === bs) return (a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1;
  return timeOf(as) - timeOf(bs);
}

export class CronJobController {
  private readonly queue: WorkQueue;
  private readonly delayed: DelayedEnqueuer;
  private readonly ownWrites = new OwnWrites();

  constructor(
    private readonly client: InProcessClient,
    private readonly clock: Clock,
    private readonly cronJobs: SharedInformer,
    private readonly jobs: SharedInformer,
    private readonly recorder: EventRecorder,
  ) {
    this.queue = new WorkQueue(clock, 'cronjob');
    this.delayed = new DelayedEnqueuer(clock, this.queue);
    cronJobs.addEventHandler({
      onAdd: (cj) => this.queue.add(objectKeyOf(cj)),
      onUpdate: (oldCj, cj) => this.updateCronJob(oldCj as CronJob, cj as CronJob),
      onDelete: (cj) => this.queue.add(objectKeyOf(cj)),
    });
    jobs.addEventHandler({
      onAdd: (job) => this.enqueueOwner(job),
      onUpdate: (oldJob, job) => {
        if (oldJob.metadata.resourceVersion === job.metadata.resourceVersion) return;
        const oldRef = controllerRefOf(oldJob);
        if (oldRef && oldRef.uid !== controllerRefOf(job)?.uid) this.enqueueOwner(oldJob);
        this.enqueueOwner(job);
      },
      onDelete: (job) => this.enqueueOwner(job),
    });
  }

  run(workers = 5): void {
    runWorkers(this.queue, workers, async (key) => {
      const requeueAfter = await this.sync(key);
      if (requeueAfter !== undefined) this.delayed.addAfter(key, requeueAfter);
    });
  }

  stop(): void {
    this.delayed.stop();
    this.queue.shutDown();
  }

  /** The CronJob controlling a Job, if it is one this informer knows (resolveControllerRef). */
  private enqueueOwner(job: KubeObject): void {
    const ref = controllerRefOf(job);
    if (ref?.kind !== 'CronJob') return;
    const cronJob = this.cronJobs.lister.get(job.metadata.namespace ?? '', ref.name);
    if (cronJob?.metadata.uid === ref.uid) this.queue.add(objectKeyOf(cronJob));
  }

  /** A changed schedule or time zone moves the requeue; any other change is looked at now. */
  private updateCronJob(oldCj: CronJob, cj: CronJob): void {
    const key = objectKeyOf(cj);
    if (oldCj.spec.schedule === cj.spec.schedule && oldCj.spec.timeZone === cj.spec.timeZone) {
      this.queue.add(key);
      return;
    }
    let schedule: CronSchedule;
    try {
      schedule = cronJobSchedule(cj);
    } catch (error) {
      if (!(error instanceof CronScheduleError)) throw error;
      this.recorder.event(
        cj,
        'Warning',
        'UnParseableCronJobSchedule',
        `unparseable schedule for cronjob: ${cj.spec.schedule}`,
      );
      return;
    }
    const after = nextScheduleTimeDuration(cj, this.clock.now(), schedule);
    if (after !== undefined) this.delayed.addAfter(key, after);
  }

  /** Syncs one CronJob; resolves with when to look at it again, if ever. */
  private async sync(key: string): Promise<number | undefined> {
    const slash = key.indexOf('/');
    const cached = this.cronJobs.lister.get(key.slice(0, slash), key.slice(slash + 1)) as CronJob | undefined;
    if (!cached) {
      this.ownWrites.forget(key);
      return undefined;
    }
    if (this.ownWrites.isBehind(key, cached)) return undefined;
    const jobs = objectsControlledBy(this.jobs, cached.metadata.uid ?? '') as Job[];
    const copy = deepCopy(cached);
    const updateAfterCleanup = await this.cleanupFinishedJobs(copy, jobs);
    const result = await this.syncCronJob(copy, jobs);
    if (updateAfterCleanup || result.updateStatus) {
      this.ownWrites.record(key, await this.client.update(CRONJOBS, result.cronJob, 'status'));
    }
    if (result.requeueAfter !== undefined) return result.requeueAfter;
    if (result.error !== undefined) throw result.error;
    return undefined;
  }

  private async syncCronJob(initial: CronJob, jobs: Job[]): Promise<SyncResult> {
    let cronJob = initial;
    const now = this.clock.now();
    let updateStatus = false;
    const children = new Set<string>();
    for (const job of jobs) {
      const uid = job.metadata.uid ?? '';
      children.add(uid);
      const found = inActiveList(cronJob, uid);
      if (!found && !isJobFinished(job)) {
        const fresh = (await this.client.get(
          CRONJOBS,
          cronJob.metadata.namespace ?? '',
          cronJob.metadata.name ?? '',
        )) as CronJob;
        if (inActiveList(fresh, uid)) {
          cronJob = fresh;
          continue;
        }
        this.recorder.event(
          cronJob,
          'Warning',
          'UnexpectedJob',
          `Saw a job that the controller did not create or forgot: ${job.metadata.name}`,
        );
      } else if (found && isJobFinished(job)) {
        deleteFromActiveList(cronJob, uid);
        this.recorder.event(
          cronJob,
          'Normal',
          'SawCompletedJob',
          `Saw completed job: ${job.metadata.name}, condition: ${jobFinishedCondition(job)?.type}`,
        );
        updateStatus = true;
      } else if (jobFinishedCondition(job)?.type === 'Complete') {
        const completed = job.status?.completionTime;
        const last = cronJob.status?.lastSuccessfulTime;
        if (completed && (!last || timeOf(completed) > timeOf(last))) {
          cronJob.status = { ...cronJob.status, lastSuccessfulTime: completed };
          updateStatus = true;
        }
      }
    }

    // Forget active Jobs that are gone (checked against the API, as the cache may be late).
    for (const ref of [...(cronJob.status?.active ?? [])]) {
      if (children.has(ref.uid ?? '')) continue;
      try {
        await this.client.get(JOBS, ref.namespace ?? '', ref.name ?? '');
      } catch (error) {
        if (!isStatusError(error, 'NotFound')) return { cronJob, updateStatus, error };
        this.recorder.event(cronJob, 'Normal', 'MissingJob', `Active job went missing: ${ref.name}`);
        deleteFromActiveList(cronJob, ref.uid ?? '');
        updateStatus = true;
      }
    }

    if (cronJob.metadata.deletionTimestamp) return { cronJob, updateStatus };

    const timeZone = cronJob.spec.timeZone;
    if (timeZone !== undefined && !isKnownTimeZone(timeZone)) {
      this.recorder.event(
        cronJob,
        'Warning',
        'UnknownTimeZone',
        `invalid timeZone: "${timeZone}": unknown time zone ${timeZone}`,
      );
      return { cronJob, updateStatus };
    }
    if (cronJob.spec.suspend) return { cronJob, updateStatus };

    if (cronJob.spec.schedule.includes('TZ')) {
      this.recorder.event(
        cronJob,
        'Warning',
        'UnsupportedSchedule',
        `CRON_TZ or TZ used in schedule "${cronJob.spec.schedule}" is not officially supported, see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/ for more details`,
      );
    }
    let schedule: CronSchedule;
    try {
      schedule = cronJobSchedule(cronJob);
    } catch (error) {
      if (!(error instanceof CronScheduleError)) throw error;
      this.recorder.event(
        cronJob,
        'Warning',
        'UnparseableSchedule',
        `unparseable schedule: "${cronJob.spec.schedule}" : ${error.message}`,
      );
      return { cronJob, updateStatus };
    }

    const next = nextScheduleTime(cronJob, now, schedule);
    if (next.tooManyMissed) {
      this.recorder.event(
        cronJob,
        'Warning',
        'TooManyMissedTimes',
        'too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew',
      );
    }
    if (next.error !== undefined) {
      this.recorder.event(
        cronJob,
        'Warning',
        'InvalidSchedule',
        `invalid schedule: ${cronJob.spec.schedule} : ${next.error}`,
      );
      return { cronJob, updateStatus };
    }
    const requeue = (): SyncResult => ({
      cronJob,
      updateStatus,
      requeueAfter: nextScheduleTimeDuration(cronJob, now, schedule),
    });
    const scheduledTime = next.scheduledTime;
    if (scheduledTime === undefined) return requeue();

    const deadline = cronJob.spec.startingDeadlineSeconds;
    if (deadline !== undefined && scheduledTime + deadline * 1000 < now) {
      this.recorder.event(
        cronJob,
        'Warning',
        'MissSchedule',
        `Missed scheduled time to start a job: ${formatRFC1123ZUTC(scheduledTime)}`,
      );
      return requeue();
    }
    const jobName = jobNameFor(cronJob, scheduledTime);
    const lastSchedule = cronJob.status?.lastScheduleTime;
    if (
      (cronJob.status?.active ?? []).some(
        (ref) => ref.name === jobName && ref.namespace === cronJob.metadata.namespace,
      ) ||
      (lastSchedule !== undefined && timeOf(lastSchedule) === scheduledTime)
    ) {
      return requeue();
    }
    if (cronJob.spec.concurrencyPolicy === 'Forbid' && (cronJob.status?.active ?? []).length > 0) {
      this.recorder.event(
        cronJob,
        'Normal',
        'JobAlreadyActive',
        'Not starting job because prior execution is running and concurrency policy is Forbid',
      );
      return requeue();
    }
    if (cronJob.spec.concurrencyPolicy === 'Replace') {
      for (const ref of [...(cronJob.status?.active ?? [])]) {
        let job: Job;
        try {
          job = (await this.client.get(JOBS, ref.namespace ?? '', ref.name ?? '')) as Job;
        } catch (error) {
          this.recorder.event(cronJob, 'Warning', 'FailedGet', `Get job: ${(error as Error).message}`);
          return { cronJob, updateStatus, error };
        }
        if (!(await this.deleteJob(cronJob, job))) {
          return {
            cronJob,
            updateStatus,
            error: new Error(`could not replace job ${job.metadata.namespace}/${job.metadata.name}`),
          };
        }
        updateStatus = true;
      }
    }

    const namespace = cronJob.metadata.namespace ?? '';
    let created: Job;
    try {
      created = (await this.client.create(JOBS, namespace, jobFromTemplate(cronJob, scheduledTime))) as Job;
      this.recorder.event(cronJob, 'Normal', 'SuccessfulCreate', `Created job ${created.metadata.name}`);
    } catch (error) {
      if (!isStatusError(error, 'AlreadyExists')) {
        if (!isNamespaceTerminating(error)) {
          this.recorder.event(cronJob, 'Warning', 'FailedCreate', `Error creating job: ${(error as Error).message}`);
        }
        return { cronJob, updateStatus, error };
      }
      // Created before, perhaps by us with the status update lost: take it into the active list if it is ours.
      const existing = (await this.client.get(JOBS, namespace, jobName)) as Job;
      if (controllerRefOf(existing)?.uid !== cronJob.metadata.uid) return { cronJob, updateStatus };
      if (inActiveList(cronJob, existing.metadata.uid ?? '')) return { cronJob, updateStatus };
      created = existing;
    }
    cronJob.status = {
      ...cronJob.status,
      active: [...(cronJob.status?.active ?? []), jobReference(created)],
      lastScheduleTime: rfc3339(scheduledTime),
    };
    updateStatus = true;
    return requeue();
  }

  /** Deletes the oldest finished Jobs beyond successfulJobsHistoryLimit and failedJobsHistoryLimit. */
  private async cleanupFinishedJobs(cronJob: CronJob, jobs: Job[]): Promise<boolean> {
    const { successfulJobsHistoryLimit, failedJobsHistoryLimit } = cronJob.spec;
    if (successfulJobsHistoryLimit === undefined && failedJobsHistoryLimit === undefined) return false;
    const succeeded: Job[] = [];
    const failed: Job[] = [];
    for (const job of jobs) {
      const finished = jobFinishedCondition(job)?.type;
      if (finished === 'Complete') succeeded.push(job);
      else if (finished === 'Failed') failed.push(job);
    }
    let updateStatus = false;
    if (
      successfulJobsHistoryLimit !== undefined &&
      (await this.removeOldestJobs(cronJob, succeeded, successfulJobsHistoryLimit))
    )
      updateStatus = true;
    if (failedJobsHistoryLimit !== undefined && (await this.removeOldestJobs(cronJob, failed, failedJobsHistoryLimit)))
      updateStatus = true;
    return updateStatus;
  }

  private async removeOldestJobs(cronJob: CronJob, jobs: Job[], maxJobs: number): Promise<boolean> {
    const numToDelete = jobs.length - maxJobs;
    if (numToDelete <= 0) return false;
    let updateStatus = false;
    for (const job of [...jobs].sort(byStartTime).slice(0, numToDelete)) {
      if (await this.deleteJob(cronJob, job)) updateStatus = true;
    }
    return updateStatus;
  }

  /** Deletes a Job (its pods go in the background) and its reference in the active list. */
  private async deleteJob(cronJob: CronJob, job: Job): Promise<boolean> {
    try {
      await this.client.delete(JOBS, job.metadata.namespace ?? '', job.metadata.name ?? '', {
        propagationPolicy: 'Background',
      });
    } catch (error) {
      this.recorder.event(cronJob, 'Warning', 'FailedDelete', `Deleted job: ${(error as Error).message}`);
      return false;
    }
    deleteFromActiveList(cronJob, job.metadata.uid ?? '');
    this.recorder.event(cronJob, 'Normal', 'SuccessfulDelete', `Deleted job ${job.metadata.name}`);
    return true;
  }
}

function inActiveList(cronJob: CronJob, uid: string): boolean {
  return (cronJob.status?.active ?? []).some((ref) => ref.uid === uid);
}

function deleteFromActiveList(cronJob: CronJob, uid: string): void {
  const active = cronJob.status?.active;
  if (!active) return;
  cronJob.status = { ...cronJob.status, active: active.filter((ref) => ref.uid !== uid) };
}

/** kube-controller-manager's "cronjob" controller, built from the shared context. */
export function cronJobController(ctx: ControllerContext): Controller {
  const controller = new CronJobController(
    ctx.client,
    ctx.clock,
    ctx.informers.informerFor(CRONJOBS),
    controllerIndexedInformer(ctx.informers, JOBS),
    ctx.recorder('cronjob-controller'),
  );
  return { name: 'cronjob-controller', run: () => controller.run(), stop: () => controller.stop() };
}
