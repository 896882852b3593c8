import { describe, expect, it } from 'vitest';
import { parseCronSchedule } from './cron-schedule.ts';

describe('parseCronSchedule', () => {
  it.each([
    ['every minute', '* * * * *'],
    ['every five minutes', '*/5 * * * *'],
    ['named months and days', '0 9 * jan-mar MON-FRI'],
    ['lists and ranges', '0,30 8-18 1,15 * *'],
    ['the @hourly descriptor', '@hourly'],
    ['the @every descriptor', '@every 1h30m'],
    ['a TZ prefix', 'TZ=Europe/Berlin 0 6 * * *'],
    ['a CRON_TZ prefix', 'CRON_TZ=UTC 0 6 * * *'],
    ['a question mark for any day', '0 0 ? * *'],
  ])('accepts %s', (_name, schedule) => {
    expect(() => parseCronSchedule(schedule)).not.toThrow();
  });

  it.each([
    ['too few fields', '* * *', 'expected exactly 5 fields, found 3: [* * *]'],
    ['too many fields', '0 * * * * *', 'expected exactly 5 fields, found 6: [0 * * * * *]'],
    ['a minute above 59', '60 * * * *', 'end of range (60) above maximum (59): 60'],
    ['a day of month of 0', '0 0 0 * *', 'beginning of range (0) below minimum (1): 0'],
    ['a reversed range', '0 5-1 * * *', 'beginning of range (5) beyond end of range (1): 5-1'],
    ['a word that is no number', 'x * * * *', 'failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax'],
    ['a zero step', '*/0 * * * *', 'step of range should be a positive number: */0'],
    ['an unknown descriptor', '@fortnightly', 'unrecognized descriptor: @fortnightly'],
    [
      'an unknown time zone',
      'TZ=Mars/Olympus 0 6 * * *',
      'provided bad location Mars/Olympus: unknown time zone Mars/Olympus',
    ],
    ['a duration without unit', '@every 5', 'failed to parse duration @every 5: time: missing unit in duration "5"'],
    ['an empty schedule', '', 'empty spec string'],
  ])('refuses %s', (_name, schedule, message) => {
    expect(() => parseCronSchedule(schedule)).toThrow(message);
  });

  it('reads the fields of a schedule', () => {
    const schedule = parseCronSchedule('*/20 9-10 * * 1');
    expect(schedule.kind === 'spec' && [...schedule.minutes]).toEqual([0, 20, 40]);
    expect(schedule.kind === 'spec' && [...schedule.hours]).toEqual([9, 10]);
    expect(schedule.kind === 'spec' && schedule.domStar && !schedule.dowStar).toBe(true);
  });

  it('reads @every as an interval', () => {
    expect(parseCronSchedule('@every 1h30m')).toEqual({ kind: 'every', timeZone: undefined, intervalMs: 5_400_000 });
  });
});
