import { describe, expect, it } from 'vitest';
import { TimerHeap } from './timer-heap.ts';
import type { HeapTimer } from './timer-heap.ts';

const timer = (due: number, seq: number): HeapTimer => ({ due, seq, fn: () => undefined, cancelled: false });

describe('TimerHeap', () => {
  it('gives timers back by due time, then by the order they were added', () => {
    const heap = new TimerHeap();
    for (const [due, seq] of [
      [30, 0],
      [10, 1],
      [20, 2],
      [10, 3],
    ] as const)
      heap.push(timer(due, seq));
    const order: string[] = [];
    for (let t = heap.pop(); t; t = heap.pop()) order.push(`${t.due}/${t.seq}`);
    expect(order).toEqual(['10/1', '10/3', '20/2', '30/0']);
  });

  it('skips cancelled timers and counts only live ones, even one cancelled after it was taken out', () => {
    const heap = new TimerHeap();
    const timers = Array.from({ length: 3000 }, (_, i) => timer(i, i));
    for (const t of timers) heap.push(t);
    const first = heap.pop()!;
    heap.cancel(first);
    for (const t of timers.slice(1, 2001)) heap.cancel(t);
    expect(heap.size).toBe(999);
    expect(heap.peek()).toBe(timers[2001]);
  });
});
