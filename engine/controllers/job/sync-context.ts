// What one sync of a Job works with (syncJobCtx) and what the sync steps share: the API client, pod control, the
// lab clock, expectations, back-off records, the event recorder, and a way to look at the Job again later.

import type { EventRecorder } from '../../client/event-recorder.ts';
import type { InProcessClient } from '../../client/in-process-client.ts';
import type { Clock } from '../../lab/clock.ts';
import type { Job, JobCondition } from '../common/batch-types.ts';
import type { ControllerExpectations } from '../common/expectations.ts';
import type { Pod } from '../common/workload-types.ts';
import type { BackoffRecord, BackoffStore } from './backoff.ts';
import type { FinalizerExpectations } from './finalizer-expectations.ts';
import type { JobPodControl } from './job-pod-control.ts';
import type { Interval } from './ordered-intervals.ts';

export const JOBS = { group: 'batch', version: 'v1', resource: 'jobs' };

/** MaxPodCreateDeletePerSync. */
export const MAX_POD_CREATE_DELETE_PER_SYNC = 500;
/** MaxUncountedPods: how many finished pods one status update may list in uncountedTerminatedPods. */
export const MAX_UNCOUNTED_PODS = 500;
/** syncJobBatchPeriod: pod events wait this long so one sync handles a burst of them. */
export const SYNC_JOB_BATCH_PERIOD_MS = 1000;

export interface JobControllerDeps {
  client: InProcessClient;
  clock: Clock;
  podControl: JobPodControl;
  recorder: EventRecorder;
  expectations: ControllerExpectations;
  finalizerExpectations: FinalizerExpectations;
  backoffStore: BackoffStore;
  /** Syncs the Job again after `ms` of lab time (not sooner than the batch period). */
  enqueueAfter(key: string, ms: number): void;
}

export interface SyncJobCtx {
  key: string;
  /** The working copy of the Job; its status is what the sync writes. */
  job: Job;
  pods: Pod[];
  activePods: Pod[];
  /** The condition the Job is about to finish with: interim first, final once written. */
  finishedCondition?: JobCondition;
  succeeded: number;
  failed: number;
  prevSucceededIndexes: Interval[];
  succeededIndexes: Interval[];
  newBackoffRecord: BackoffRecord;
  expectedRmFinalizers: Set<string>;
  uncounted: { succeeded: Set<string>; failed: Set<string> };
  terminating: number;
  ready: number;
}
