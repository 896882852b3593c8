// The lab clock: the only source of time inside the engine. It runs at a speed (1 = real time), can be paused and
// stepped, so a lab can be slowed down, sped up, and replayed. Timers scheduled through it fire in virtual time.

import { TimerHeap } from './timer-heap.ts';
import type { HeapTimer } from './timer-heap.ts';

export interface Timer {
  cancel(): void;
}

export interface Clock {
  /** Virtual time in milliseconds since the epoch. */
  now(): number;
  /** Runs fn once after `ms` of virtual time. */
  setTimeout(fn: () => void, ms: number): Timer;
  /** Runs fn every `ms` of virtual time. */
  setInterval(fn: () => void, ms: number): Timer;
}

/**
 * A clock whose virtual time advances with real time multiplied by `speed`, which can be paused, stepped, and
 * re-timed. Timers are kept in one heap and a single real timer waits for the earliest of them.
 */
export class VirtualClock implements Clock {
  private speed = 1;
  private paused = false;
  private baseVirtual: number;
  private baseReal: number;
  private readonly timers = new TimerHeap();
  /** Virtual time the real timer is set for (Infinity: none). */
  private wakeupDue = Infinity;
  private seq = 0;
  private wakeup: ReturnType<typeof globalThis.setTimeout> | undefined;

  constructor(
    start: number = Date.now(),
    private readonly realNow: () => number = () => Date.now(),
  ) {
    this.baseVirtual = start;
    this.baseReal = this.realNow();
  }

  now(): number {
    if (this.paused) return this.baseVirtual;
    return this.baseVirtual + (this.realNow() - this.baseReal) * this.speed;
  }

  get state(): { speed: number; paused: boolean } {
    return { speed: this.speed, paused: this.paused };
  }

  setSpeed(speed: number): void {
    if (!(speed > 0)) throw new RangeError('clock speed must be positive');
    this.rebase();
    this.speed = speed;
    this.reschedule();
  }

  setPaused(paused: boolean): void {
    this.rebase();
    this.paused = paused;
    this.reschedule();
  }

  /** Moves virtual time forward by `ms`, firing every timer that falls due on the way, in order. */
  step(ms: number): void {
    const target = this.now() + ms;
    for (;;) {
      const next = this.timers.peek();
      if (!next || next.due > target) break;
      this.baseVirtual = next.due;
      this.baseReal = this.realNow();
      this.fire(next);
    }
    this.baseVirtual = target;
    this.baseReal = this.realNow();
    this.reschedule();
  }

  setTimeout(fn: () => void, ms: number): Timer {
    return this.add(fn, ms);
  }

  setInterval(fn: () => void, ms: number): Timer {
    return this.add(fn, ms, Math.max(ms, 1));
  }

  /** Stops the real timer so a process can exit; pending virtual timers are dropped. */
  dispose(): void {
    if (this.wakeup) globalThis.clearTimeout(this.wakeup);
    this.wakeup = undefined;
    this.wakeupDue = Infinity;
    this.timers.clear();
  }

  private add(fn: () => void, ms: number, every?: number): Timer {
    const timer: HeapTimer = { due: this.now() + Math.max(ms, 0), seq: this.seq++, fn, every, cancelled: false };
    this.timers.push(timer);
    // The real timer only moves when this one is due before the one it waits for.
    if (timer.due < this.wakeupDue) this.reschedule();
    return { cancel: () => this.timers.cancel(timer) };
  }

  private fire(timer: HeapTimer): void {
    this.timers.pop();
    if (timer.every !== undefined) {
      timer.due += timer.every;
      timer.seq = this.seq++;
      this.timers.push(timer);
    }
    timer.fn();
  }

  private rebase(): void {
    this.baseVirtual = this.now();
    this.baseReal = this.realNow();
  }

  private reschedule(): void {
    if (this.wakeup) globalThis.clearTimeout(this.wakeup);
    this.wakeup = undefined;
    this.wakeupDue = Infinity;
    const next = this.timers.peek();
    if (!next || this.paused) return;
    this.wakeupDue = next.due;
    const realDelay = Math.max(0, (next.due - this.now()) / this.speed);
    this.wakeup = globalThis.setTimeout(() => this.onWakeup(), Math.min(realDelay, 2 ** 31 - 1));
    this.wakeup.unref?.();
  }

  private onWakeup(): void {
    this.wakeup = undefined;
    this.wakeupDue = Infinity;
    const now = this.now();
    for (let next = this.timers.peek(); next && next.due <= now && !this.paused; next = this.timers.peek()) {
      this.fire(next);
    }
    this.reschedule();
  }
}
