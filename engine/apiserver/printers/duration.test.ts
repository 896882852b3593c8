import { describe, expect, it } from 'vitest';
import { humanDuration, shortHumanDuration } from './duration.ts';

const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;
const y = 365 * d;

describe('humanDuration', () => {
  it.each([
    ['more than a second in the future is invalid', -2 * s, '<invalid>'],
    ['just under two seconds in the future counts as now', -2 * s + 1, '0s'],
    ['zero is 0s', 0, '0s'],
    ['a fraction of a second is truncated', s - 1, '0s'],
    ['one second', s, '1s'],
    ['seconds are kept up to two minutes', 2 * m - 1, '119s'],
    ['two minutes drop the seconds when they are zero', 2 * m, '2m'],
    ['minutes and seconds below ten minutes', 2 * m + s, '2m1s'],
    ['the last second before ten minutes', 10 * m - 1, '9m59s'],
    ['ten minutes', 10 * m, '10m'],
    ['seconds vanish after ten minutes', 10 * m + s, '10m'],
    ['minutes are kept up to three hours', 3 * h - 1, '179m'],
    ['three hours', 3 * h, '3h'],
    ['hours and minutes below eight hours', 3 * h + m, '3h1m'],
    ['the last minute before eight hours', 8 * h - 1, '7h59m'],
    ['minutes vanish after eight hours', 8 * h + 59 * m, '8h'],
    ['hours are kept up to two days', 2 * d - 1, '47h'],
    ['two days', 2 * d, '2d'],
    ['days and hours below eight days', 2 * d + h, '2d1h'],
    ['the last hour before eight days', 8 * d - 1, '7d23h'],
    ['hours vanish after eight days', 8 * d + 23 * h, '8d'],
    ['days are kept up to two years', 2 * y - 1, '729d'],
    ['two years', 2 * y, '2y'],
    ['years and days below eight years', 2 * y + d, '2y1d'],
    ['the last day before eight years', 8 * y - 1, '7y364d'],
    ['days vanish after eight years', 8 * y + 364 * d, '8y'],
    ['nine years', 9 * y, '9y'],
  ])('prints %s', (_name, ms, want) => {
    expect(humanDuration(ms)).toBe(want);
  });
});

describe('shortHumanDuration', () => {
  it.each([
    ['more than a second in the future is invalid', -2 * s, '<invalid>'],
    ['just under two seconds in the future counts as now', -2 * s + 1, '0s'],
    ['a fraction of a second is truncated', s - 1, '0s'],
    ['seconds below a minute', m - 1, '59s'],
    ['one minute', m, '1m'],
    ['minutes below an hour', h - 1, '59m'],
    ['one hour', h, '1h'],
    ['hours below a day', d - 1, '23h'],
    ['one day', d, '1d'],
    ['days below a year', y - 1, '364d'],
    ['one year', y, '1y'],
    ['two years', 2 * y, '2y'],
  ])('prints %s', (_name, ms, want) => {
    expect(shortHumanDuration(ms)).toBe(want);
  });
});
