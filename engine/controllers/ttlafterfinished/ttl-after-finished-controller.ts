// The TTL-after-finished controller (pkg/controller/ttlafterfinished): a finished Job with ttlSecondsAfterFinished
// is deleted — in the foreground, so its pods go first — that many seconds (of lab time) after its Complete or
// Failed condition turned True. Before deleting, it reads the Job again from the API in case the TTL just changed.

import { isStatusError } from '../../apiserver/errors/status-error.ts';
import type { InProcessClient } from '../../client/in-process-client.ts';
import type { SharedInformer } from '../../client/informer.ts';
import { objectKeyOf } from '../../client/indexer.ts';
import { WorkQueue, runWorkers } from '../../client/workqueue.ts';
import type { Clock } from '../../lab/clock.ts';
import type { Controller, ControllerContext } from '../controller-context.ts';
import type { Job } from '../common/batch-types.ts';
import { jobFinishedCondition } from '../common/batch-types.ts';
import { controllerIndexedInformer } from '../common/controller-ref.ts';
import { DelayedEnqueuer } from '../common/delayed-enqueue.ts';
import { timeOf } from '../common/pod-util.ts';

const JOBS = { group: 'batch', version: 'v1', resource: 'jobs' };

/** needsCleanup: finished, with a TTL. */
function needsCleanup(job: Job): boolean {
  return job.spec?.ttlSecondsAfterFinished !== undefined && jobFinishedCondition(job) !== undefined;
}

/** Lab time (ms) at which a finished Job's TTL expires; undefined if its finish time is unknown. */
export function jobExpiry(job: Job): number | undefined {
  const finishedAt = timeOf(jobFinishedCondition(job)?.lastTransitionTime);
  if (finishedAt === 0) return undefined;
  return finishedAt + (job.spec?.ttlSecondsAfterFinished ?? 0) * 1000;
}

export class TTLAfterFinishedController {
  private readonly queue: WorkQueue;
  private readonly delayed: DelayedEnqueuer;

  constructor(
    private readonly client: InProcessClient,
    private readonly clock: Clock,
    private readonly jobs: SharedInformer,
  ) {
    this.queue = new WorkQueue(clock, 'ttl_jobs_to_delete');
    this.delayed = new DelayedEnqueuer(clock, this.queue);
    const enqueue = (job: Job): void => {
      if (!job.metadata.deletionTimestamp && needsCleanup(job)) this.queue.add(objectKeyOf(job));
    };
    jobs.addEventHandler({ onAdd: (job) => enqueue(job as Job), onUpdate: (_old, job) => enqueue(job as Job) });
  }

  run(workers = 5): void {
    runWorkers(this.queue, workers, (key) => this.processJob(key));
  }

  stop(): void {
    this.delayed.stop();
    this.queue.shutDown();
  }

  private async processJob(key: string): Promise<void> {
    const slash = key.indexOf('/');
    const namespace = key.slice(0, slash);
    const name = key.slice(slash + 1);
    const cached = this.jobs.lister.get(namespace, name) as Job | undefined;
    if (!cached || !this.expired(key, cached)) return;
    // The TTL may have changed since the cache saw the Job: decide on a fresh read.
    let fresh: Job;
    try {
      fresh = (await this.client.get(JOBS, namespace, name)) as Job;
    } catch (error) {
      if (isStatusError(error, 'NotFound')) return;
      throw error;
    }
    if (!this.expired(key, fresh)) return;
    try {
      await this.client.delete(JOBS, namespace, name, {
        propagationPolicy: 'Foreground',
        preconditions: { uid: fresh.metadata.uid },
      });
    } catch (error) {
      if (!isStatusError(error, 'NotFound')) throw error;
    }
  }

  /** processTTL: whether the TTL has run out; if it will later, the Job is looked at again then. */
  private expired(key: string, job: Job): boolean {
    if (job.metadata.deletionTimestamp || !needsCleanup(job)) return false;
    const expiry = jobExpiry(job);
    if (expiry === undefined) throw new Error(`unable to find the time when the Job ${key} finished`);
    const left = expiry - this.clock.now();
    if (left <= 0) return true;
    this.delayed.addAfter(key, left);
    return false;
  }
}

/** kube-controller-manager's "ttl-after-finished" controller, built from the shared context. */
export function ttlAfterFinishedController(ctx: ControllerContext): Controller {
  const controller = new TTLAfterFinishedController(
    ctx.client,
    ctx.clock,
    controllerIndexedInformer(ctx.informers, JOBS),
  );
  return { name: 'ttl-after-finished-controller', run: () => controller.run(), stop: () => controller.stop() };
}
