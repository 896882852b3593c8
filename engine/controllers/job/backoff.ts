// The back-off before a Job replaces failed pods (backoff_utils.go): per Job, the failures since the last success and
// when the last one happened — read from the pods' finish times — give a delay of 10 s doubling per failure, capped at
// 10 minutes (MaxJobPodFailureBackOff; the documentation's "six minutes" predates 1.26), counted on the lab clock.

import { timeOf } from '../common/pod-util.ts';
import type { Pod } from '../common/workload-types.ts';

/** DefaultJobPodFailureBackOff. */
export const DEFAULT_JOB_POD_FAILURE_BACKOFF_MS = 10_000;
/** MaxJobPodFailureBackOff. */
export const MAX_JOB_POD_FAILURE_BACKOFF_MS = 10 * 60_000;

export interface BackoffRecord {
  key: string;
  failuresAfterLastSuccess: number;
  /** Lab ms of the last failure, if any. */
  lastFailureTime?: number;
}

function terminatedFinishTimes(pod: Pod): number | undefined {
  let latest: number | undefined;
  for (const status of pod.status?.containerStatuses ?? []) {
    const state = status['state'] as { terminated?: { finishedAt?: string } } | undefined;
    const finishedAt = timeOf(state?.terminated?.finishedAt);
    if (finishedAt === 0) return undefined;
    if (latest === undefined || finishedAt > latest) latest = finishedAt;
  }
  return latest;
}

/**
 * getFinishedTime: the latest container finish time, else when the Ready condition turned False, else the deletion
 * time, else the creation time.
 */
export function podFinishedTime(pod: Pod): number {
  const fromContainers = terminatedFinishTimes(pod);
  if (fromContainers !== undefined) return fromContainers;
  const ready = pod.status?.conditions?.find((c) => c.type === 'Ready' && c.status === 'False');
  const readyFalse = timeOf(ready?.lastTransitionTime);
  if (readyFalse !== 0) return readyFalse;
  const deleted = timeOf(pod.metadata.deletionTimestamp);
  if (deleted !== 0) return deleted;
  return timeOf(pod.metadata.creationTimestamp);
}

function byFinishedTime(pods: readonly Pod[]): Pod[] {
  return [...pods].sort((a, b) => podFinishedTime(a) - podFinishedTime(b));
}

/** The delay before the next pod may be created, given the record, on the lab clock (0: now). */
export function remainingBackoff(record: BackoffRecord, now: number): number {
  if (record.failuresAfterLastSuccess === 0 || record.lastFailureTime === undefined) return 0;
  let backoff = DEFAULT_JOB_POD_FAILURE_BACKOFF_MS;
  for (let i = 1; i < record.failuresAfterLastSuccess; i++) {
    backoff *= 2;
    if (backoff >= MAX_JOB_POD_FAILURE_BACKOFF_MS) {
      backoff = MAX_JOB_POD_FAILURE_BACKOFF_MS;
      break;
    }
  }
  const elapsed = now - record.lastFailureTime;
  return backoff < elapsed ? 0 : backoff - elapsed;
}

/** The back-off records of every Job the controller follows. */
export class BackoffStore {
  private readonly records = new Map<string, BackoffRecord>();

  /** newBackoffRecord: the stored record moved on by the pods that finished since the Job last counted. */
  newBackoffRecord(key: string, newSucceeded: readonly Pod[], newFailed: readonly Pod[]): BackoffRecord {
    const old = this.records.get(key);
    const record: BackoffRecord = {
      key,
      failuresAfterLastSuccess: old?.failuresAfterLastSuccess ?? 0,
      lastFailureTime: old?.lastFailureTime,
    };
    const failed = byFinishedTime(newFailed);
    if (newSucceeded.length === 0) {
      if (failed.length === 0) return record;
      record.failuresAfterLastSuccess += failed.length;
      record.lastFailureTime = podFinishedTime(failed[failed.length - 1]!);
      return record;
    }
    record.failuresAfterLastSuccess = 0;
    record.lastFailureTime = undefined;
    const succeeded = byFinishedTime(newSucceeded);
    const lastSuccess = podFinishedTime(succeeded[succeeded.length - 1]!);
    for (let i = failed.length - 1; i >= 0; i--) {
      const failedAt = podFinishedTime(failed[i]!);
      if (failedAt <= lastSuccess) break;
      record.lastFailureTime ??= failedAt;
      record.failuresAfterLastSuccess++;
    }
    return record;
  }

  update(record: BackoffRecord): void {
    this.records.set(record.key, record);
  }

  remove(key: string): void {
    this.records.delete(key);
  }
}
