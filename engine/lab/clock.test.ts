import { describe, expect, it } from 'vitest';
import { VirtualClock } from './clock.ts';

const START = Date.parse('2026-01-01T00:00:00Z');

/** A clock paused at START: real time is held still until it is paused, so no millisecond slips in before. */
function pausedClock(): VirtualClock {
  const clock = new VirtualClock(START, () => 0);
  clock.setPaused(true);
  return clock;
}

describe('VirtualClock', () => {
  it('fires timers in due order, ties in the order they were set, when stepped', () => {
    const clock = pausedClock();
    const fired: string[] = [];
    clock.setTimeout(() => fired.push('c@30'), 30);
    clock.setTimeout(() => fired.push('a@10'), 10);
    clock.setTimeout(() => fired.push('b@10'), 10);
    clock.setTimeout(() => fired.push('d@50'), 50);
    clock.step(30);
    expect(fired).toEqual(['a@10', 'b@10', 'c@30']);
    expect(clock.now()).toBe(START + 30);
    clock.step(20);
    expect(fired).toEqual(['a@10', 'b@10', 'c@30', 'd@50']);
  });

  it('runs each timer at its own virtual time', () => {
    const clock = pausedClock();
    const seen: number[] = [];
    for (const ms of [5, 15, 25]) clock.setTimeout(() => seen.push(clock.now() - START), ms);
    clock.step(100);
    expect(seen).toEqual([5, 15, 25]);
  });

  it('repeats intervals until cancelled', () => {
    const clock = pausedClock();
    let ticks = 0;
    const timer = clock.setInterval(() => ticks++, 10);
    clock.step(35);
    expect(ticks).toBe(3);
    timer.cancel();
    clock.step(100);
    expect(ticks).toBe(3);
  });

  it('never fires a cancelled timer, among many', () => {
    const clock = pausedClock();
    const fired = new Set<number>();
    const timers = Array.from({ length: 5000 }, (_, i) => clock.setTimeout(() => fired.add(i), i % 97));
    timers.forEach((t, i) => i % 3 !== 0 && t.cancel());
    clock.step(100);
    expect(fired.size).toBe(Math.ceil(5000 / 3));
    expect([...fired].every((i) => i % 3 === 0)).toBe(true);
  });

  it('fires timers set by a firing timer when they fall due within the step', () => {
    const clock = pausedClock();
    const fired: number[] = [];
    clock.setTimeout(() => clock.setTimeout(() => fired.push(clock.now() - START), 10), 10);
    clock.step(15);
    expect(fired).toEqual([]);
    clock.step(5);
    expect(fired).toEqual([20]);
  });

  it('advances with real time times its speed, and fires timers on its own', async () => {
    let real = 1000;
    const clock = new VirtualClock(START, () => real);
    clock.setSpeed(30);
    real += 100;
    expect(clock.now()).toBe(START + 3000);
    clock.setPaused(true);
    real += 100;
    expect(clock.now()).toBe(START + 3000);

    const live = new VirtualClock(START);
    live.setSpeed(1000);
    const fired = await new Promise<number>((resolve) => live.setTimeout(() => resolve(live.now() - START), 5000));
    expect(fired).toBeGreaterThanOrEqual(5000);
    live.dispose();
  });
});
