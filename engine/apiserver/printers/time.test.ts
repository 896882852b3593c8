import { describe, expect, it } from 'vitest';
import { age, parseRfc3339, since, timestampOf, ZERO_TIME } from './time.ts';

const NOW = Date.parse('2025-03-01T12:00:00Z');

describe('parseRfc3339', () => {
  it.each([
    ['a UTC timestamp', '2025-03-01T12:00:00Z', Date.parse('2025-03-01T12:00:00Z')],
    ['a timestamp with microseconds', '2025-03-01T12:00:00.123456Z', Date.parse('2025-03-01T12:00:00.123Z')],
    ['a timestamp with an offset', '2025-03-01T13:30:00+01:30', Date.parse('2025-03-01T12:00:00Z')],
    ['the zero time of Go', '0001-01-01T00:00:00Z', ZERO_TIME],
    ['a date that does not exist', '2025-02-30T00:00:00Z', undefined],
    ['a date without a time', '2025-03-01', undefined],
    ['a lower-case separator', '2025-03-01t12:00:00Z', undefined],
  ])('reads %s', (_name, text, want) => {
    expect(parseRfc3339(text)).toBe(want);
  });
});

describe('timestampOf', () => {
  it.each([
    ['a missing timestamp is none', undefined, undefined],
    ['a null timestamp is none', null, undefined],
    ['the zero time is none', '0001-01-01T00:00:00Z', undefined],
    ['a real timestamp is its instant', '2025-03-01T12:00:00Z', NOW],
  ])('%s', (_name, value, want) => {
    expect(timestampOf(value)).toBe(want);
  });
});

describe('since', () => {
  it.each([
    ['a missing timestamp is unknown', undefined, '<unknown>'],
    ['five minutes ago', '2025-03-01T11:55:00Z', '5m'],
    ['just under two seconds ahead is now', '2025-03-01T12:00:01Z', '0s'],
    ['more than a second ahead is invalid', '2025-03-01T12:00:05Z', '<invalid>'],
  ])('prints %s', (_name, value, want) => {
    expect(since(value, NOW)).toBe(want);
  });

  it('prints the age of an object from its creation timestamp', () => {
    expect(age({ metadata: { creationTimestamp: '2025-02-27T08:00:00Z' } }, NOW)).toBe('2d4h');
  });
});
