// The rate-limited timed queue (pkg/controller/nodelifecycle/scheduler RateLimitedTimedQueue): nodes waiting to be
// tainted NoExecute, each at most once, processed in order of when they are due, and no faster than the zone's
// rate limiter allows — the eviction rate limit of the node lifecycle controller.

import type { Clock } from '../../lab/clock.ts';
import type { RateLimiter } from '../../client/token-bucket.ts';
import { evictionLimiter } from '../../client/token-bucket.ts';

export interface TimedValue {
  value: string;
  uid: string;
  /** Lab ms when it was queued and when it is due. */
  addedAt: number;
  processAt: number;
}

/** What processing a value says: done, or try again after `retryAfterMs`. */
export type TryResult = { done: true } | { done: false; retryAfterMs: number };

export class RateLimitedTimedQueue {
  /** Ordered by processAt, then by when added. */
  private queue: TimedValue[] = [];
  private readonly present = new Set<string>();

  constructor(
    private limiter: RateLimiter,
    private readonly clock: Clock,
  ) {}

  get qps(): number {
    return this.limiter.qps;
  }

  get length(): number {
    return this.queue.length;
  }

  /** Queues a value unless it is already queued or was processed and not removed since; true if it was added. */
  add(value: string, uid: string): boolean {
    if (this.present.has(value)) return false;
    const now = this.clock.now();
    this.present.add(value);
    this.insert({ value, uid, addedAt: now, processAt: now });
    return true;
  }

  /** Removes a value, so that it can be queued again; true if it was known. */
  remove(value: string): boolean {
    if (!this.present.delete(value)) return false;
    this.queue = this.queue.filter((v) => v.value !== value);
    return true;
  }

  /**
   * Processes due values in order while the limiter gives tokens. A value `fn` fails on is retried after the delay
   * it names; one removed meanwhile is dropped.
   */
  async try(fn: (value: TimedValue) => Promise<TryResult>): Promise<void> {
    for (let head = this.queue[0]; head; head = this.queue[0]) {
      if (!this.limiter.tryAccept()) return;
      const now = this.clock.now();
      if (now < head.processAt) return;
      const result = await fn(head);
      // Removed while it was processed: nothing more to do for it.
      const index = this.queue.indexOf(head);
      if (index < 0) continue;
      this.queue.splice(index, 1);
      // A processed value stays known (not queued again) until it is removed.
      if (!result.done) {
        head.processAt = now + result.retryAfterMs + 1;
        this.insert(head);
      }
    }
  }

  /** Replaces the rate limiter for a new rate (keeping the pace when the old one had no token left). */
  swapLimiter(qps: number): void {
    if (this.limiter.qps === qps) return;
    const next = evictionLimiter(qps, this.clock);
    if (qps > 0 && !this.limiter.tryAccept()) next.tryAccept();
    this.limiter = next;
  }

  private insert(value: TimedValue): void {
    let i = this.queue.length;
    while (i > 0 && this.queue[i - 1]!.processAt > value.processAt) i--;
    this.queue.splice(i, 0, value);
  }
}
