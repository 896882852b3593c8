// Table columns of the batch API group: Job (STATUS, COMPLETIONS, DURATION) and CronJob (SCHEDULE, TIMEZONE,
// SUSPEND, ACTIVE, LAST SCHEDULE).

import type { KubeObject } from '../../api/object.ts';
import type { TableConvertor } from '../registry/resource-definition.ts';
import {
  AGE_COLUMN,
  column,
  CONTAINERS_COLUMN,
  containerCells,
  IMAGES_COLUMN,
  NAME_COLUMN,
  wideColumn,
} from './columns.ts';
import { humanDuration } from './duration.ts';
import { formatLabelSelector } from './label-selector.ts';
import { count, field, has, int, list, maybeBool, maybeInt, maybeStr, str } from './read.ts';
import { age, parseRfc3339, since, ZERO_TIME } from './time.ts';

const SELECTOR_COLUMN = wideColumn('Selector', 'The label selector of the pods of the job.');

/** Whether the first condition of a type is True. */
function hasCondition(job: KubeObject, type: string): boolean {
  const condition = list(job.status, 'conditions').find((c) => str(c, 'type') === type);
  return condition !== undefined && str(condition, 'status') === 'True';
}

function jobStatus(job: KubeObject): string {
  if (hasCondition(job, 'Complete')) return 'Complete';
  if (hasCondition(job, 'Failed')) return 'Failed';
  if (has(job.metadata, 'deletionTimestamp')) return 'Terminating';
  if (hasCondition(job, 'Suspended')) return 'Suspended';
  if (hasCondition(job, 'FailureTarget')) return 'FailureTarget';
  return 'Running';
}

function completions(job: KubeObject): string {
  const succeeded = int(job.status, 'succeeded');
  const wanted = maybeInt(job.spec, 'completions');
  if (wanted !== undefined) return `${succeeded}/${wanted}`;
  const parallelism = int(job.spec, 'parallelism');
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

/** A status timestamp of the job; an unparseable one reads as Go's zero time. */
const instant = (job: KubeObject, key: string) => parseRfc3339(str(job.status, key)) ?? ZERO_TIME;

/** How long the job ran (or has been running); "" before it started. */
function jobDuration(job: KubeObject, now: number): string {
  if (!has(job.status, 'startTime')) return '';
  const end = has(job.status, 'completionTime') ? instant(job, 'completionTime') : now;
  return humanDuration(end - instant(job, 'startTime'));
}

const jobPrinter: TableConvertor = {
  columns: [
    NAME_COLUMN,
    column('Status', 'Running, Complete, Failed, Suspended, FailureTarget or Terminating.'),
    column('Completions', 'Pods that succeeded out of the completions wanted.'),
    column('Duration', 'How long the job took to complete, or has been running.'),
    AGE_COLUMN,
    CONTAINERS_COLUMN,
    IMAGES_COLUMN,
    SELECTOR_COLUMN,
  ],
  row: (job, now) => [
    job.metadata.name ?? '',
    jobStatus(job),
    completions(job),
    jobDuration(job, now),
    age(job, now),
    ...containerCells(field(job.spec, 'template', 'spec')),
    formatLabelSelector(field(job.spec, 'selector')),
  ],
};

function suspend(cronJob: KubeObject): string {
  const value = maybeBool(cronJob.spec, 'suspend');
  return value === undefined ? '<unset>' : value ? 'True' : 'False';
}

const cronJobPrinter: TableConvertor = {
  columns: [
    NAME_COLUMN,
    column('Schedule', 'When jobs are created, in cron format.'),
    column('Timezone', 'The time zone the schedule is read in.'),
    column('Suspend', 'Whether creating new jobs is paused.', { type: 'boolean' }),
    column('Active', 'How many jobs are running.', { type: 'integer' }),
    column('Last Schedule', 'How long ago a job was last scheduled.'),
    AGE_COLUMN,
    CONTAINERS_COLUMN,
    IMAGES_COLUMN,
    SELECTOR_COLUMN,
  ],
  row: (cronJob, now) => [
    cronJob.metadata.name ?? '',
    str(cronJob.spec, 'schedule'),
    maybeStr(cronJob.spec, 'timeZone') ?? '<none>',
    suspend(cronJob),
    count(cronJob.status, 'active'),
    has(cronJob.status, 'lastScheduleTime') ? since(field(cronJob.status, 'lastScheduleTime'), now) : '<none>',
    age(cronJob, now),
    ...containerCells(field(cronJob.spec, 'jobTemplate', 'spec', 'template', 'spec')),
    formatLabelSelector(field(cronJob.spec, 'jobTemplate', 'spec', 'selector')),
  ],
};

export const batchPrinters: Readonly<Record<string, TableConvertor>> = {
  Job: jobPrinter,
  CronJob: cronJobPrinter,
};
