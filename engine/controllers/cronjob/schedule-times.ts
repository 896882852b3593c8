// When a CronJob is due (pkg/controller/cronjob/utils.go): its schedule in its time zone, the most recent
// activation it missed since it last scheduled a Job (or was created), how many it missed, and how long until the
// next one — the controller requeues the CronJob for that moment, 100 ms after it, on the lab clock.

import type { CronSchedule } from '../../apiserver/validation/cron-schedule.ts';
import { parseCronSchedule } from '../../apiserver/validation/cron-schedule.ts';
import type { CronJob } from '../common/batch-types.ts';
import { timeOf } from '../common/pod-util.ts';
import { nextActivation } from './cron-next.ts';

/** How long after an activation the controller looks again (nextScheduleDelta). */
export const NEXT_SCHEDULE_DELTA_MS = 100;
/** More missed activations than this are reported as TooManyMissedTimes. */
const MANY_MISSED = 100;

export type MissedSchedules = 'none' | 'few' | 'many';

export interface MostRecentSchedule {
  /** The last schedule time, the creation time, or the starting deadline — whichever is latest. */
  earliest: number;
  /** The most recent activation not after `now`, if there is one. */
  mostRecent?: number;
  missed: MissedSchedules;
  /** The schedule is well-formed but never fires twice a second apart (31 February…). */
  error?: string;
}

/**
 * formatSchedule + cron.ParseStandard: the schedule with the CronJob's time zone (a TZ= prefix in the schedule itself
 * wins). Throws CronScheduleError for a schedule the library rejects.
 */
export function cronJobSchedule(cronJob: CronJob): CronSchedule {
  const { schedule, timeZone } = cronJob.spec;
  if (!schedule.includes('TZ') && timeZone) return parseCronSchedule(`TZ=${timeZone} ${schedule}`);
  return parseCronSchedule(schedule);
}

export function mostRecentScheduleTime(
  cronJob: CronJob,
  now: number,
  schedule: CronSchedule,
  includeStartingDeadlineSeconds: boolean,
): MostRecentSchedule {
  let earliest = timeOf(cronJob.metadata.creationTimestamp);
  const lastSchedule = cronJob.status?.lastScheduleTime;
  if (lastSchedule) earliest = timeOf(lastSchedule);
  const deadline = cronJob.spec.startingDeadlineSeconds;
  if (includeStartingDeadlineSeconds && deadline !== undefined) {
    const schedulingDeadline = now - deadline * 1000;
    if (schedulingDeadline > earliest) earliest = schedulingDeadline;
  }

  const t1 = nextActivation(schedule, earliest);
  const t2 = t1 === undefined ? undefined : nextActivation(schedule, t1);
  if (t1 !== undefined && now < t1) return { earliest, missed: 'none' };
  if (t1 !== undefined && t2 !== undefined && now < t2) return { earliest, mostRecent: t1, missed: 'none' };

  const timeBetweenTwoSchedules = t1 === undefined || t2 === undefined ? 0 : Math.round((t2 - t1) / 1000);
  if (timeBetweenTwoSchedules < 1) {
    return { earliest, missed: 'none', error: 'time difference between two schedules is less than 1 second' };
  }
  const first = t1!;
  // A rough count of the activations that fit between the first missed one and now.
  const timeElapsed = Math.trunc((now - first) / 1000);
  const numberOfMissedSchedules = Math.trunc(timeElapsed / timeBetweenTwoSchedules) + 1;
  // Jump close to now, one interval early, and let the schedule find the exact activations from there.
  const potentialEarliest = first + (numberOfMissedSchedules - 2) * timeBetweenTwoSchedules * 1000;
  let mostRecent: number | undefined;
  for (let t = nextActivation(schedule, potentialEarliest); t !== undefined && t <= now;) {
    mostRecent = t;
    t = nextActivation(schedule, t);
  }
  const missed: MissedSchedules = numberOfMissedSchedules > MANY_MISSED ? 'many' : 'few';
  return { earliest, mostRecent, missed };
}

/**
 * nextScheduleTime: the activation to act on now (the most recent one not yet processed within the starting
 * deadline), with whether too many were missed.
 */
export function nextScheduleTime(
  cronJob: CronJob,
  now: number,
  schedule: CronSchedule,
): { scheduledTime?: number; tooManyMissed: boolean; error?: string } {
  const { mostRecent, missed, error } = mostRecentScheduleTime(cronJob, now, schedule, true);
  if (mostRecent === undefined || mostRecent > now) return { tooManyMissed: false, error };
  return { scheduledTime: mostRecent, tooManyMissed: missed === 'many', error };
}

/** nextScheduleTimeDuration: lab ms until just after the next activation; undefined if the schedule never fires. */
export function nextScheduleTimeDuration(cronJob: CronJob, now: number, schedule: CronSchedule): number | undefined {
  const { earliest, mostRecent, error } = mostRecentScheduleTime(cronJob, now, schedule, false);
  const from = error !== undefined ? now : (mostRecent ?? earliest);
  const next = nextActivation(schedule, from);
  return next === undefined ? undefined : next + NEXT_SCHEDULE_DELTA_MS - now;
}

/** getJobName: `<cronjob>-<scheduled time in minutes since the epoch>`, a name per activation. */
export function jobNameFor(cronJob: CronJob, scheduledTime: number): string {
  return `${cronJob.metadata.name ?? ''}-${Math.floor(scheduledTime / 60_000)}`;
}
