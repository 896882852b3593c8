import { describe, expect, it } from 'vitest';
import type { CronJob } from '../common/batch-types.ts';
import {
  cronJobSchedule,
  jobNameFor,
  mostRecentScheduleTime,
  nextScheduleTime,
  nextScheduleTimeDuration,
} from './schedule-times.ts';

const at = (iso: string): number => Date.parse(iso);

function cronJob(spec: Partial<CronJob['spec']>, lastScheduleTime?: string): CronJob {
  return {
    metadata: { name: 'report', creationTimestamp: '2024-05-01T00:00:00Z' },
    spec: { schedule: '*/10 * * * *', ...spec },
    status: lastScheduleTime ? { lastScheduleTime } : {},
  };
}

describe('when a CronJob is due', () => {
  it.each([
    ['nothing is due before the first activation', {}, undefined, '2024-05-01T00:05:00Z', undefined, 'none'],
    ['the first activation is due once passed', {}, undefined, '2024-05-01T00:10:30Z', '2024-05-01T00:10:00Z', 'none'],
    [
      'the last of several missed activations is due',
      {},
      undefined,
      '2024-05-01T00:45:00Z',
      '2024-05-01T00:40:00Z',
      'few',
    ],
    [
      'nothing is due again after the last schedule time',
      {},
      '2024-05-01T00:10:00Z',
      '2024-05-01T00:15:00Z',
      undefined,
      'none',
    ],
    [
      'more than a hundred missed activations are many',
      { schedule: '* * * * *' },
      undefined,
      '2024-05-01T03:00:00Z',
      '2024-05-01T03:00:00Z',
      'many',
    ],
  ])('%s', (_case, spec, last, now, mostRecent, missed) => {
    const cj = cronJob(spec, last);
    const result = mostRecentScheduleTime(cj, at(now), cronJobSchedule(cj), false);
    expect(result.mostRecent === undefined ? undefined : new Date(result.mostRecent).toISOString()).toBe(
      mostRecent === undefined ? undefined : new Date(mostRecent).toISOString(),
    );
    expect(result.missed).toBe(missed);
  });

  it('looks no further back than the starting deadline', () => {
    const cj = cronJob({ startingDeadlineSeconds: 60 });
    expect(nextScheduleTime(cj, at('2024-05-01T00:15:00Z'), cronJobSchedule(cj)).scheduledTime).toBeUndefined();
    expect(nextScheduleTime(cj, at('2024-05-01T00:10:40Z'), cronJobSchedule(cj)).scheduledTime).toBe(
      at('2024-05-01T00:10:00Z'),
    );
  });

  it('reports a schedule that never fires as an error', () => {
    const cj = cronJob({ schedule: '0 0 31 2 *' });
    expect(mostRecentScheduleTime(cj, at('2024-05-01T00:15:00Z'), cronJobSchedule(cj), true).error).toBe(
      'time difference between two schedules is less than 1 second',
    );
  });

  it.each([
    ['waits until just after the first activation', undefined, '2024-05-01T00:04:00Z', 6 * 60_000 + 100],
    ['waits from the last schedule time', '2024-05-01T00:10:00Z', '2024-05-01T00:12:00Z', 8 * 60_000 + 100],
  ])('%s', (_case, last, now, duration) => {
    const cj = cronJob({}, last);
    expect(nextScheduleTimeDuration(cj, at(now), cronJobSchedule(cj))).toBe(duration);
  });

  it('reads the time zone of the CronJob', () => {
    const cj = cronJob({ schedule: '0 9 * * *', timeZone: 'Europe/Paris' });
    const result = mostRecentScheduleTime(cj, at('2024-05-01T07:30:00Z'), cronJobSchedule(cj), false);
    expect(result.mostRecent).toBe(at('2024-05-01T07:00:00Z'));
  });

  it('names a job after its activation in minutes since the epoch', () => {
    expect(jobNameFor(cronJob({}), at('2024-05-01T00:10:00Z'))).toBe('report-28575370');
  });
});
