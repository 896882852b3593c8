// One clock for many nodes: a Clock whose timers live in a single binary heap behind one timer of the lab clock, so
// thousands of kubelets (leases, probes, back-offs, container programs sleeping) cost the lab clock one pending timer
// instead of one each. Cancelling is O(1) (the entry is skipped when it comes up); the heap is compacted when most of
// it is cancelled entries.

import type { Clock, Timer } from '../lab/clock.ts';

interface Entry {
  due: number;
  seq: number;
  fn: () => void;
  /** Period of a repeating timer. */
  every: number;
  cancelled: boolean;
  inHeap: boolean;
}

function before(a: Entry, b: Entry): boolean {
  return a.due < b.due || (a.due === b.due && a.seq < b.seq);
}

export class SharedTimerClock implements Clock {
  private heap: Entry[] = [];
  private seq = 0;
  private cancelled = 0;
  private armed: Timer | undefined;
  private armedDue = Infinity;

  constructor(private readonly clock: Clock) {}

  now(): number {
    return this.clock.now();
  }

  setTimeout(fn: () => void, ms: number): Timer {
    return this.add(fn, ms, 0);
  }

  setInterval(fn: () => void, ms: number): Timer {
    return this.add(fn, ms, Math.max(ms, 1));
  }

  /** Timers waiting (cancelled ones not counted). */
  get pending(): number {
    return this.heap.length - this.cancelled;
  }

  private add(fn: () => void, ms: number, every: number): Timer {
    const entry: Entry = {
      due: this.clock.now() + Math.max(ms, 0),
      seq: this.seq++,
      fn,
      every,
      cancelled: false,
      inHeap: false,
    };
    this.push(entry);
    this.arm();
    return {
      cancel: () => {
        if (entry.cancelled) return;
        entry.cancelled = true;
        entry.every = 0;
        if (!entry.inHeap) return;
        this.cancelled++;
        if (this.cancelled > 1024 && this.cancelled * 2 > this.heap.length) this.compact();
      },
    };
  }

  /** Makes the lab clock wake this clock at the earliest due entry. */
  private arm(): void {
    this.dropCancelledTop();
    const top = this.heap[0];
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
    for (;;) {
      this.dropCancelledTop();
      const top = this.heap[0];
      if (!top || top.due > now) break;
      this.pop();
      if (top.every > 0) {
        top.due += top.every;
        top.seq = this.seq++;
        this.push(top);
      }
      top.fn();
    }
    this.arm();
  }

  private dropCancelledTop(): void {
    while (this.heap[0]?.cancelled) {
      this.pop();
      this.cancelled--;
    }
  }

  private compact(): void {
    const live = this.heap.filter((e) => !e.cancelled);
    for (const entry of this.heap) entry.inHeap = false;
    this.heap = [];
    this.cancelled = 0;
    for (const entry of live) this.push(entry);
  }

  private push(entry: Entry): void {
    const heap = this.heap;
    entry.inHeap = true;
    let i = heap.length;
    heap.push(entry);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent]!;
      if (!before(entry, p)) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = entry;
  }

  private pop(): void {
    const heap = this.heap;
    heap[0]!.inHeap = false;
    const last = heap.pop()!;
    if (heap.length === 0) return;
    let i = 0;
    const n = heap.length;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const child = r < n && before(heap[r]!, heap[l]!) ? r : l;
      if (!before(heap[child]!, last)) break;
      heap[i] = heap[child]!;
      i = child;
    }
    heap[i] = last;
  }
}
