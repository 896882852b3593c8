import { describe, expect, it } from 'vitest';
import { goDuration, goDurationMillis } from './go-duration.ts';

describe('goDuration', () => {
  it.each([
    ['zero is 0s', 0, '0s'],
    ['whole seconds have no fraction', 10_000, '10s'],
    ['fractions of seconds keep their significant digits', 1_234, '1.234s'],
    ['less than a second is written in milliseconds', 523, '523ms'],
    ['a minute and more names the minutes', 80_000, '1m20s'],
    ['five minutes keeps its zero seconds', 300_000, '5m0s'],
    ['an hour names hours, minutes and seconds', 3_600_000, '1h0m0s'],
    ['microseconds are written with µs', 0.0015, '1.5µs'],
  ])('%s', (_name, ms, expected) => {
    expect(goDuration(ms)).toBe(expected);
  });

  it('truncates to whole milliseconds for pull times', () => {
    expect(goDurationMillis(1234.9)).toBe('1.234s');
  });
});
