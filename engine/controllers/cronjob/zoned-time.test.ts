import { describe, expect, it } from 'vitest';
import { dateIn, formatRFC3339In, localTime, zoneOffsetMs } from './zoned-time.ts';

const at = (iso: string): number => Date.parse(iso);

describe('wall-clock time in a time zone', () => {
  it.each([
    ['UTC has no offset', undefined, '2024-07-01T12:00:00Z', 0],
    ['New York is five hours behind in winter', 'America/New_York', '2024-01-15T12:00:00Z', -5 * 3600_000],
    ['New York is four hours behind in summer', 'America/New_York', '2024-07-15T12:00:00Z', -4 * 3600_000],
    ['Kolkata is five and a half hours ahead', 'Asia/Kolkata', '2024-07-15T12:00:00Z', 5.5 * 3600_000],
  ])('%s', (_case, zone, instant, offset) => {
    expect(zoneOffsetMs(zone, at(instant))).toBe(offset);
  });

  it('reads the local fields of an instant', () => {
    expect(localTime(at('2024-03-10T06:30:00Z'), 'America/New_York')).toEqual({
      year: 2024,
      month: 3,
      day: 10,
      hour: 1,
      minute: 30,
      second: 0,
      weekday: 0,
    });
  });

  it.each([
    ['builds an ordinary local time', 'America/New_York', [2024, 1, 15, 9, 0, 0], '2024-01-15T14:00:00Z'],
    ['carries a thirteenth month into the next year', undefined, [2024, 13, 1, 0, 0, 0], '2025-01-01T00:00:00Z'],
    ['carries the 32nd of a month into the next', undefined, [2024, 1, 32, 0, 0, 0], '2024-02-01T00:00:00Z'],
    [
      'resolves a time skipped by daylight saving as Go does (an hour earlier)',
      'America/New_York',
      [2024, 3, 10, 2, 30, 0],
      '2024-03-10T06:30:00Z',
    ],
  ])('%s', (_case, zone, fields, expected) => {
    const [y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0] = fields as number[];
    expect(new Date(dateIn(zone, y, mo, d, h, mi, s)).toISOString()).toBe(new Date(expected).toISOString());
  });

  it.each([
    ['writes UTC with a Z', undefined, '2024-05-01T10:00:00.000Z', '2024-05-01T10:00:00Z'],
    ['writes a negative offset', 'America/New_York', '2024-05-01T10:00:00Z', '2024-05-01T06:00:00-04:00'],
    ['writes a half-hour offset', 'Asia/Kolkata', '2024-05-01T10:00:00Z', '2024-05-01T15:30:00+05:30'],
  ])('%s', (_case, zone, instant, expected) => {
    expect(formatRFC3339In(at(instant), zone)).toBe(expected);
  });
});
