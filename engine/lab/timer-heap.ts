// Pending timers ordered by due time (then by when they were added): a binary min-heap with lazy cancellation, so
// adding, cancelling and taking the earliest timer stay cheap with hundreds of thousands pending.

export interface HeapTimer {
  due: number;
  seq: number;
  fn: () => void;
  /** Period of a repeating timer. */
  every?: number;
  cancelled: boolean;
}

function before(a: HeapTimer, b: HeapTimer): boolean {
  return a.due < b.due || (a.due === b.due && a.seq < b.seq);
}

export class TimerHeap {
  private items: HeapTimer[] = [];
  private cancelledCount = 0;

  /** The earliest live timer, cancelled ones at the top dropped on the way. */
  peek(): HeapTimer | undefined {
    while (this.items.length && this.items[0]!.cancelled) {
      this.pop();
      this.cancelledCount--;
    }
    return this.items[0];
  }

  push(timer: HeapTimer): void {
    const items = this.items;
    items.push(timer);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(items[i]!, items[parent]!)) break;
      [items[i], items[parent]] = [items[parent]!, items[i]!];
      i = parent;
    }
  }

  /** Removes and returns the earliest timer (cancelled or not). */
  pop(): HeapTimer | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length && last) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let smallest = i;
        if (l < items.length && before(items[l]!, items[smallest]!)) smallest = l;
        if (r < items.length && before(items[r]!, items[smallest]!)) smallest = r;
        if (smallest === i) break;
        [items[i], items[smallest]] = [items[smallest]!, items[i]!];
        i = smallest;
      }
    }
    return top;
  }

  /** Marks a timer cancelled; the heap is rebuilt without them once they are most of it. */
  cancel(timer: HeapTimer): void {
    if (timer.cancelled) return;
    timer.cancelled = true;
    this.cancelledCount++;
    if (this.cancelledCount > 1024 && this.cancelledCount * 2 > this.items.length) {
      const live = this.items.filter((t) => !t.cancelled);
      this.items = [];
      this.cancelledCount = 0;
      for (const t of live) this.push(t);
    }
  }

  clear(): void {
    this.items = [];
    this.cancelledCount = 0;
  }
}
