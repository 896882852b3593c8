// The Job a CronJob starts for one activation (getJobFromTemplate2): the template's labels, annotations and spec,
// a name deterministic per activation so the same activation is never started twice, the scheduled time as an
// annotation in the CronJob's time zone, and a controller reference to the CronJob.

import { deepCopy } from '../../api/object.ts';
import type { CronJob, Job, ObjectReference } from '../common/batch-types.ts';
import { newControllerRef } from '../common/controller-ref.ts';
import { jobNameFor } from './schedule-times.ts';
import { formatRFC3339In } from './zoned-time.ts';

export const CRONJOB_SCHEDULED_TIMESTAMP_ANNOTATION = 'batch.kubernetes.io/cronjob-scheduled-timestamp';

export function jobFromTemplate(cronJob: CronJob, scheduledTime: number): Job {
  const template = cronJob.spec.jobTemplate ?? {};
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name: jobNameFor(cronJob, scheduledTime),
      labels: { ...template.metadata?.labels },
      annotations: {
        ...template.metadata?.annotations,
        [CRONJOB_SCHEDULED_TIMESTAMP_ANNOTATION]: formatRFC3339In(scheduledTime, cronJob.spec.timeZone),
      },
      ownerReferences: [newControllerRef(cronJob, 'batch/v1', 'CronJob')],
    },
    spec: deepCopy(template.spec ?? {}),
  };
}

/** The reference to a Job kept in a CronJob's status.active (ref.GetReference). */
export function jobReference(job: Job): ObjectReference {
  return {
    kind: 'Job',
    namespace: job.metadata.namespace,
    name: job.metadata.name,
    uid: job.metadata.uid,
    apiVersion: 'batch/v1',
    resourceVersion: job.metadata.resourceVersion,
  };
}
