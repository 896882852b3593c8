import { describe, expect, it } from 'vitest';
import { Backoff } from './backoff.ts';

describe('Backoff', () => {
  it('doubles the delay at each failure up to the maximum', () => {
    const backoff = new Backoff(10_000, 300_000);
    const delays: number[] = [];
    for (let i = 0; i < 7; i++) {
      backoff.next('c', i * 1000);
      delays.push(backoff.get('c'));
    }
    expect(delays).toEqual([10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000]);
  });

  it.each([
    ['an event within the delay is in back-off', 5_000, 9_000, true],
    ['an event whose delay has passed is not', 5_000, 16_000, false],
  ])('%s', (_name, eventTime, now, expected) => {
    const backoff = new Backoff(10_000, 300_000);
    backoff.next('c', 0);
    expect(backoff.isInBackOffSince('c', eventTime, now)).toBe(expected);
  });

  it('starts over once the key was quiet for twice the maximum', () => {
    const backoff = new Backoff(10_000, 300_000);
    backoff.next('c', 0);
    backoff.next('c', 1_000);
    expect(backoff.get('c')).toBe(20_000);
    expect(backoff.isInBackOffSince('c', 602_000, 602_001)).toBe(false);
    backoff.next('c', 602_000);
    expect(backoff.get('c')).toBe(10_000);
  });

  it('has nothing to say about a key it never saw', () => {
    const backoff = new Backoff(10_000, 300_000);
    expect(backoff.isInBackOffSinceUpdate('other', 0)).toBe(false);
    expect(backoff.get('other')).toBe(0);
  });
});
