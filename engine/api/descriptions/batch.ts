// Our descriptions of the batch group: Jobs and CronJobs.

import type { DescriptionTable } from './definition-descriptions.ts';

const BATCH = 'io.k8s.api.batch.v1';

export const BATCH_DESCRIPTIONS: DescriptionTable = {
  [`${BATCH}.Job`]: {
    fields: {
      spec: 'What to run and how many successful completions are needed.',
      status: 'How many Pods are running, succeeded and failed, and whether the Job has finished.',
    },
  },
  [`${BATCH}.JobSpec`]: {
    description: 'The desired behaviour of a Job.',
    fields: {
      template:
        'The Pod to run. Its restartPolicy must be OnFailure (restart failed containers in place) or Never ' +
        '(replace a failed Pod with a new one).',
      completions: 'How many Pods must finish successfully for the Job to be complete. Defaults to 1.',
      parallelism: 'How many Pods may run at the same time. Defaults to 1; 0 pauses the Job.',
      backoffLimit:
        'How many times failed Pods are retried before the whole Job is marked failed. Defaults to 6; retries wait ' +
        'longer each time.',
      activeDeadlineSeconds:
        'How long the Job may run in total. When it is exceeded, its Pods are stopped and the Job fails with ' +
        'reason DeadlineExceeded.',
      ttlSecondsAfterFinished:
        'Delete the Job (and its Pods) this many seconds after it finishes. Unset means keep it.',
      completionMode:
        'NonIndexed (the default: any completions count) or Indexed (each Pod gets an index from 0 to ' +
        'completions-1, and each index must succeed once).',
      suspend: 'While true, no Pods are created and running ones are stopped.',
      selector: 'Which Pods belong to the Job. Generated automatically unless manualSelector is true.',
      manualSelector: 'Let you set the selector yourself instead of the generated one. Rarely needed.',
      podFailurePolicy:
        'Rules that decide, from exit codes or Pod conditions, whether a failure counts or ends the Job.',
      backoffLimitPerIndex: 'For Indexed Jobs: retries allowed per index.',
      maxFailedIndexes: 'For Indexed Jobs: how many indexes may fail before the Job fails.',
      podReplacementPolicy:
        'When a replacement Pod is created: as soon as the old one is terminating, or once it is gone.',
      successPolicy: 'Rules that declare the Job successful before all completions, e.g. when a leader index succeeds.',
      managedBy: 'The controller that manages the Job, when it is not the built-in one.',
    },
  },
  [`${BATCH}.JobStatus`]: {
    description: 'The observed state of a Job.',
    fields: {
      active: 'How many Pods are running (pending or running).',
      succeeded: 'How many Pods finished successfully.',
      failed: 'How many Pods failed.',
      ready: 'How many Pods are ready.',
      terminating: 'How many Pods are shutting down.',
      startTime: 'When the Job controller started working on the Job.',
      completionTime: 'When the Job finished successfully.',
      conditions: 'Complete or Failed once the Job has finished; Suspended while it is suspended.',
      completedIndexes: 'For Indexed Jobs: the indexes that have succeeded, such as "0-3,5".',
      failedIndexes: 'For Indexed Jobs: the indexes that have failed.',
      uncountedTerminatedPods: 'Finished Pods the controller has not counted yet.',
    },
  },
  [`${BATCH}.JobCondition`]: {
    description: "One aspect of a Job's state.",
    fields: {
      type: 'Complete, Failed, Suspended, FailureTarget or SuccessCriteriaMet.',
      status: '"True", "False" or "Unknown".',
      reason: 'A short CamelCase reason, such as BackoffLimitExceeded.',
      message: 'A human-readable explanation.',
      lastProbeTime: 'When the condition was last checked.',
      lastTransitionTime: 'When status last changed.',
    },
  },
  [`${BATCH}.CronJob`]: {
    fields: {
      spec: 'The schedule and the Job to create.',
      status: 'The Jobs running now and when the last one was scheduled.',
    },
  },
  [`${BATCH}.CronJobSpec`]: {
    description: 'The desired behaviour of a CronJob.',
    fields: {
      schedule:
        'When to create Jobs, in cron syntax: minute hour day-of-month month day-of-week. "*/5 * * * *" means ' +
        'every five minutes; "@hourly" and similar shortcuts work too.',
      timeZone: 'The time zone the schedule is read in, such as "Europe/Paris". Defaults to the controller\'s.',
      jobTemplate: 'The Job to create at each scheduled time.',
      concurrencyPolicy:
        'What to do when a run is due while the previous Job is still running: Allow (run both, the default), ' +
        'Forbid (skip the new run) or Replace (stop the old Job and start the new one).',
      startingDeadlineSeconds:
        'How late a run may still start if it was missed, e.g. because the controller was down. Later runs are ' +
        'skipped.',
      suspend: 'While true, no new Jobs are created; running ones continue.',
      successfulJobsHistoryLimit: 'How many finished successful Jobs to keep. Defaults to 3.',
      failedJobsHistoryLimit: 'How many failed Jobs to keep. Defaults to 1.',
    },
  },
  [`${BATCH}.JobTemplateSpec`]: {
    description: 'The blueprint of the Jobs a CronJob creates.',
    fields: {
      metadata: 'Labels and annotations for the created Jobs.',
      spec: 'The spec of the created Jobs.',
    },
  },
  [`${BATCH}.CronJobStatus`]: {
    description: 'The observed state of a CronJob.',
    fields: {
      active: 'References to the Jobs running now.',
      lastScheduleTime: 'When a Job was last created.',
      lastSuccessfulTime: 'When a Job last finished successfully.',
    },
  },
};
