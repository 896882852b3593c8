// Pending timers ordered by due time (then by when they were added): a binary min-heap with lazy cancellation, so
// adding, cancelling and taking the earliest timer stay cheap with hundreds of thousands pending. The lab clock and
// the kubelets' shared timer both keep their timers in one.

export interface HeapTimer {
  due: number;
  seq: number;
  fn: () => void;
  /** Period of a repeating timer. */
  every?: number;
  cancelled: boolean;
  /** Whether the timer is in the heap now (a firing timer is taken out first). */
  inHeap?: boolean;
}

function before(a: HeapTimer, b: HeapTimer): boolean {
  return a.due < b.due || (a.due === b.due && a.seq < b.seq);
}

export class TimerHeap {
  private items: HeapTimer[] = [];
  /** Cancelled timers still in the heap. */
  private cancelledCount = 0;

  /** Timers waiting, cancelled ones not counted. */
  get size(): number {
    return this.items.length - this.cancelledCount;
  }

  /** The earliest live timer, cancelled ones at the top dropped on the way. */
  peek(): HeapTimer | undefined {
    while (this.items[0]?.cancelled) {
      this.pop();
      this.cancelledCount--;
    }
    return this.items[0];
  }

  push(timer: HeapTimer): void {
    const items = this.items;
    timer.inHeap = true;
    let i = items.length;
    items.push(timer);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = items[parent]!;
      if (!before(timer, p)) break;
      items[i] = p;
      i = parent;
    }
    items[i] = timer;
  }

  /** Removes and returns the earliest timer (cancelled or not). */
  pop(): HeapTimer | undefined {
    const items = this.items;
    const top = items[0];
    if (!top) return undefined;
    top.inHeap = false;
    const last = items.pop()!;
    if (items.length === 0) return top;
    let i = 0;
    const n = items.length;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const child = r < n && before(items[r]!, items[l]!) ? r : l;
      if (!before(items[child]!, last)) break;
      items[i] = items[child]!;
      i = child;
    }
    items[i] = last;
    return top;
  }

  /** Marks a timer cancelled; the heap is rebuilt without them once they are most of it. */
  cancel(timer: HeapTimer): void {
    if (timer.cancelled) return;
    timer.cancelled = true;
    timer.every = undefined;
    if (!timer.inHeap) return;
    this.cancelledCount++;
    if (this.cancelledCount > 1024 && this.cancelledCount * 2 > this.items.length) {
      const live = this.items.filter((t) => !t.cancelled);
      for (const t of this.items) t.inHeap = false;
      this.items = [];
      this.cancelledCount = 0;
      for (const t of live) this.push(t);
    }
  }

  clear(): void {
    for (const t of this.items) t.inHeap = false;
    this.items = [];
    this.cancelledCount = 0;
  }
}
