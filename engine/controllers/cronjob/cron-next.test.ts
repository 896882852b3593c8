import { describe, expect, it } from 'vitest';
import { parseCronSchedule } from '../../apiserver/validation/cron-schedule.ts';
import { nextActivation } from './cron-next.ts';

const at = (iso: string): number => Date.parse(iso);
const iso = (ms: number | undefined): string | undefined => (ms === undefined ? undefined : new Date(ms).toISOString());

describe('the next activation of a cron schedule', () => {
  it.each([
    [
      'every five minutes moves to the next multiple of five',
      '*/5 * * * *',
      '2024-05-01T10:02:30Z',
      '2024-05-01T10:05:00Z',
    ],
    ['an activation is strictly after the instant', '0 * * * *', '2024-05-01T10:00:00Z', '2024-05-01T11:00:00Z'],
    [
      'a fraction of a second before the minute still fires on it',
      '* * * * *',
      '2024-05-01T10:00:59.500Z',
      '2024-05-01T10:01:00Z',
    ],
    ['weekdays only skip the weekend', '30 6 * * 1-5', '2024-05-03T07:00:00Z', '2024-05-06T06:30:00Z'],
    ['the first of the month wraps into the next year', '0 0 1 * *', '2024-12-15T00:00:00Z', '2025-01-01T00:00:00Z'],
    [
      'a day-of-week schedule with a star day of month needs the weekday',
      '0 0 * * 0',
      '2024-05-01T00:00:00Z',
      '2024-05-05T00:00:00Z',
    ],
    [
      'day of month and day of week, both restricted, match either',
      '0 0 13 * 5',
      '2024-05-01T00:00:00Z',
      '2024-05-03T00:00:00Z',
    ],
    ['named months and days work', '0 12 * feb mon', '2024-05-01T00:00:00Z', '2025-02-03T12:00:00Z'],
    ['@hourly fires at minute zero', '@hourly', '2024-05-01T10:20:00Z', '2024-05-01T11:00:00Z'],
    [
      '@every adds its interval to the instant rounded down to the second',
      '@every 90s',
      '2024-05-01T10:00:00.700Z',
      '2024-05-01T10:01:30Z',
    ],
    ['@every under a second counts as one second', '@every 10ms', '2024-05-01T10:00:00Z', '2024-05-01T10:00:01Z'],
    [
      'a time zone shifts the wall clock',
      'TZ=America/New_York 0 9 * * *',
      '2024-03-09T00:00:00Z',
      '2024-03-09T14:00:00Z',
    ],
    [
      'a time zone follows daylight saving time',
      'TZ=America/New_York 0 9 * * *',
      '2024-03-09T14:00:00Z',
      '2024-03-10T13:00:00Z',
    ],
    [
      'a wall-clock time skipped by daylight saving is skipped that day',
      'TZ=America/New_York 30 2 * * *',
      '2024-03-10T05:00:00Z',
      '2024-03-11T06:30:00Z',
    ],
    [
      'a half-hour zone keeps its offset',
      'CRON_TZ=Asia/Kolkata 0 0 * * *',
      '2024-05-01T00:00:00Z',
      '2024-05-01T18:30:00Z',
    ],
  ])('%s (%s after %s)', (_case, schedule, from, expected) => {
    expect(iso(nextActivation(parseCronSchedule(schedule), at(from)))).toBe(new Date(expected).toISOString());
  });

  it('finds nothing for a date that never exists', () => {
    expect(nextActivation(parseCronSchedule('59 23 31 2 *'), at('2024-05-01T00:00:00Z'))).toBeUndefined();
  });
});
