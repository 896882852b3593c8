// The next activation of a cron schedule after an instant, as the cron library CronJobs use computes it
// (robfig/cron v3 SpecSchedule.Next and ConstantDelaySchedule.Next): field by field in the schedule's time zone,
// month, then day, hour, minute, a wrap-around starting over, at most five years ahead; "@every d" adds d (at least
// a second, in whole seconds) to the instant rounded down to the second.

import type { CronSchedule } from '../../apiserver/validation/cron-schedule.ts';
import { dateIn, localTime } from './zoned-time.ts';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

type SpecSchedule = Extract<CronSchedule, { kind: 'spec' }>;

function dayMatches(schedule: SpecSchedule, day: number, weekday: number): boolean {
  const domMatch = schedule.daysOfMonth.has(day);
  const dowMatch = schedule.daysOfWeek.has(weekday);
  if (schedule.domStar || schedule.dowStar) return domMatch && dowMatch;
  return domMatch || dowMatch;
}

/** AddDate(years, months, days) on the wall clock of `zone`. */
function addDate(t: number, zone: string | undefined, months: number, days: number): number {
  const l = localTime(t, zone);
  return dateIn(zone, l.year, l.month + months, l.day + days, l.hour, l.minute, l.second);
}

function nextSpec(schedule: SpecSchedule, from: number): number | undefined {
  const zone = schedule.timeZone;
  // Start at the earliest possible time: the upcoming second.
  let t = Math.floor(from / SECOND) * SECOND + SECOND;
  let added = false;
  const yearLimit = localTime(t, zone).year + 5;

  wrap: for (;;) {
    let l = localTime(t, zone);
    if (l.year > yearLimit) return undefined;

    while (!schedule.months.has(l.month)) {
      if (!added) {
        added = true;
        t = dateIn(zone, l.year, l.month, 1);
      }
      t = addDate(t, zone, 1, 0);
      l = localTime(t, zone);
      if (l.month === 1) continue wrap;
    }

    while (!dayMatches(schedule, l.day, l.weekday)) {
      if (!added) {
        added = true;
        t = dateIn(zone, l.year, l.month, l.day);
      }
      t = addDate(t, zone, 0, 1);
      l = localTime(t, zone);
      // Midnight may not exist on a daylight-saving day: move back to it.
      if (l.hour !== 0) {
        t += l.hour > 12 ? (24 - l.hour) * HOUR : -l.hour * HOUR;
        l = localTime(t, zone);
      }
      if (l.day === 1) continue wrap;
    }

    while (!schedule.hours.has(l.hour)) {
      if (!added) {
        added = true;
        t = dateIn(zone, l.year, l.month, l.day, l.hour);
      }
      t += HOUR;
      l = localTime(t, zone);
      if (l.hour === 0) continue wrap;
    }

    while (!schedule.minutes.has(l.minute)) {
      if (!added) {
        added = true;
        t = Math.floor(t / MINUTE) * MINUTE;
      }
      t += MINUTE;
      l = localTime(t, zone);
      if (l.minute === 0) continue wrap;
    }

    // Standard schedules fire at second 0.
    while (l.second !== 0) {
      if (!added) {
        added = true;
        t = Math.floor(t / SECOND) * SECOND;
      }
      t += SECOND;
      l = localTime(t, zone);
      if (l.second === 0) continue wrap;
    }
    return t;
  }
}

/** The first activation strictly after `from` (lab ms), or undefined when none falls within five years. */
export function nextActivation(schedule: CronSchedule, from: number): number | undefined {
  if (schedule.kind === 'every') {
    const delay = Math.max(schedule.intervalMs, SECOND);
    return Math.floor(from / SECOND) * SECOND + (delay - (delay % SECOND));
  }
  return nextSpec(schedule, from);
}
