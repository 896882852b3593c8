// One clock for many nodes: a Clock whose timers live in one timer heap (the lab clock's kind) behind a single timer of
// the lab clock, so thousands of kubelets (leases, probes, back-offs, container programs sleeping) cost the lab clock
// one pending timer instead of one each.

import type { Clock, Timer } from '../lab/clock.ts';
import { TimerHeap } from '../lab/timer-heap.ts';
import type { HeapTimer } from '../lab/timer-heap.ts';

export class SharedTimerClock implements Clock {
  private readonly heap = new TimerHeap();
  private seq = 0;
  private armed: Timer | undefined;
  private armedDue = Infinity;

  constructor(private readonly clock: Clock) {}

  now(): number {
    return this.clock.now();
  }

  setTimeout(fn: () => void, ms: number): Timer {
    return this.add(fn, ms);
  }

  setInterval(fn: () => void, ms: number): Timer {
    return this.add(fn, ms, Math.max(ms, 1));
  }

  /** Timers waiting (cancelled ones not counted). */
  get pending(): number {
    return this.heap.size;
  }

  private add(fn: () => void, ms: number, every?: number): Timer {
    const entry: HeapTimer = { due: this.clock.now() + Math.max(ms, 0), seq: this.seq++, fn, every, cancelled: false };
    this.heap.push(entry);
    this.arm();
    return { cancel: () => this.heap.cancel(entry) };
  }

  /** Makes the lab clock wake this clock at the earliest due entry. */
  private arm(): void {
    const top = this.heap.peek();
    if (!top) {
      this.armed?.cancel();
      this.armed = undefined;
      this.armedDue = Infinity;
      return;
    }
    if (this.armed && this.armedDue <= top.due) return;
    this.armed?.cancel();
    this.armedDue = top.due;
    this.armed = this.clock.setTimeout(() => this.fire(), Math.max(0, top.due - this.clock.now()));
  }

  private fire(): void {
    this.armed = undefined;
    this.armedDue = Infinity;
    const now = this.clock.now();
    for (let top = this.heap.peek(); top && top.due <= now; top = this.heap.peek()) {
      this.heap.pop();
      if (top.every !== undefined) {
        top.due += top.every;
        top.seq = this.seq++;
        this.heap.push(top);
      }
      top.fn();
    }
    this.arm();
  }
}
