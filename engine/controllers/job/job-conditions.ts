// Job conditions as the Job controller writes them (newCondition, ensureJobConditionStatus) and the reasons it
// gives: interim SuccessCriteriaMet and FailureTarget first, Complete and Failed once no pod is left to count.

import { rfc3339 } from '../../api/json.ts';
import type { JobCondition } from '../common/batch-types.ts';
import type { ConditionStatus } from '../common/workload-types.ts';

export const JOB_REASON_BACKOFF_LIMIT_EXCEEDED = 'BackoffLimitExceeded';
export const JOB_REASON_DEADLINE_EXCEEDED = 'DeadlineExceeded';
export const JOB_REASON_POD_FAILURE_POLICY = 'PodFailurePolicy';
export const JOB_REASON_COMPLETIONS_REACHED = 'CompletionsReached';
export const JOB_REASON_SUCCESS_POLICY = 'SuccessPolicy';

export function newCondition(
  type: string,
  status: ConditionStatus,
  reason: string,
  message: string,
  now: number,
): JobCondition {
  const time = rfc3339(now);
  return { type, status, lastProbeTime: time, lastTransitionTime: time, reason, message };
}

export function findCondition(conditions: readonly JobCondition[] | undefined, type: string): JobCondition | undefined {
  return conditions?.find((c) => c.type === type);
}

/**
 * ensureJobConditionStatus: sets the condition of `type` (replacing one that differs in status, reason or message);
 * a False condition is not added where there was none. Returns whether the list changed.
 */
export function ensureJobConditionStatus(
  conditions: JobCondition[],
  type: string,
  status: ConditionStatus,
  reason: string,
  message: string,
  now: number,
): boolean {
  const index = conditions.findIndex((c) => c.type === type);
  const current = conditions[index];
  if (current) {
    if (current.status === status && (current.reason ?? '') === reason && (current.message ?? '') === message) {
      return false;
    }
    conditions[index] = newCondition(type, status, reason, message, now);
    return true;
  }
  if (status === 'False') return false;
  conditions.push(newCondition(type, status, reason, message, now));
  return true;
}
