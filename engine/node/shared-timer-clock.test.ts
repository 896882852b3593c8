import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../lab/clock.ts';
import { SharedTimerClock } from './shared-timer-clock.ts';

function clocks() {
  const lab = new VirtualClock(0);
  lab.setPaused(true);
  return { lab, shared: new SharedTimerClock(lab) };
}

describe('SharedTimerClock', () => {
  it('fires timeouts in order of their due time, ties in order of creation', () => {
    const { lab, shared } = clocks();
    const fired: string[] = [];
    shared.setTimeout(() => fired.push('c@30'), 30);
    shared.setTimeout(() => fired.push('a@10'), 10);
    shared.setTimeout(() => fired.push('b@10'), 10);
    lab.step(20);
    expect(fired).toEqual(['a@10', 'b@10']);
    lab.step(20);
    expect(fired).toEqual(['a@10', 'b@10', 'c@30']);
  });

  it('repeats intervals at their period until cancelled', () => {
    const { lab, shared } = clocks();
    const times: number[] = [];
    const timer = shared.setInterval(() => times.push(lab.now()), 10_000);
    lab.step(35_000);
    timer.cancel();
    lab.step(30_000);
    expect(times).toEqual([10_000, 20_000, 30_000]);
  });

  it('does not fire cancelled timeouts and does not count them as pending', () => {
    const { lab, shared } = clocks();
    let fired = 0;
    const timers = Array.from({ length: 3000 }, () => shared.setTimeout(() => fired++, 100));
    for (const timer of timers.slice(0, 2500)) timer.cancel();
    expect(shared.pending).toBe(500);
    lab.step(100);
    expect(fired).toBe(500);
    expect(shared.pending).toBe(0);
  });

  it('schedules timers set while firing', () => {
    const { lab, shared } = clocks();
    const fired: number[] = [];
    shared.setTimeout(() => {
      fired.push(lab.now());
      shared.setTimeout(() => fired.push(lab.now()), 5);
    }, 5);
    lab.step(20);
    expect(fired).toEqual([5, 10]);
  });

  it('keeps a single timer of the lab clock however many are pending', () => {
    const { lab } = clocks();
    let labTimers = 0;
    const counting = {
      now: () => lab.now(),
      setTimeout: (fn: () => void, ms: number) => {
        labTimers++;
        const timer = lab.setTimeout(() => {
          labTimers--;
          fn();
        }, ms);
        return {
          cancel: () => {
            labTimers--;
            timer.cancel();
          },
        };
      },
      setInterval: (fn: () => void, ms: number) => lab.setInterval(fn, ms),
    };
    const many = new SharedTimerClock(counting);
    for (let i = 1000; i > 0; i--) many.setTimeout(() => undefined, i);
    expect(labTimers).toBe(1);
    expect(many.pending).toBe(1000);
  });
});
