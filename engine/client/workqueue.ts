// A rate-limited work queue, as client-go's workqueue: keys are deduplicated while waiting, a key being processed
// is never handed out twice at once (it is re-queued when done if it was added meanwhile), failed keys come back
// after a per-key exponential back-off, and delayed adds wait in virtual time.

import type { EventLoopUtilization } from 'node:perf_hooks';
import type { Clock, Timer } from '../lab/clock.ts';

export interface RateLimiterOptions {
  /** First retry delay in virtual ms (client-go: 5 ms). */
  baseDelayMs?: number;
  /** Longest retry delay in virtual ms (client-go: 1000 s). */
  maxDelayMs?: number;
}

export class WorkQueue {
  private readonly queue: string[] = [];
  private readonly dirty = new Set<string>();
  private readonly processing = new Set<string>();
  private readonly failures = new Map<string, number>();
  private readonly delayed = new Map<string, Timer>();
  private readonly waiters: ((key: string | undefined) => void)[] = [];
  private shuttingDown = false;
  private handOffScheduled = false;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;

  constructor(
    private readonly clock: Clock,
    readonly name: string,
    options: RateLimiterOptions = {},
  ) {
    this.baseDelayMs = options.baseDelayMs ?? 5;
    this.maxDelayMs = options.maxDelayMs ?? 1_000_000;
  }

  get isShuttingDown(): boolean {
    return this.shuttingDown;
  }

  get length(): number {
    return this.queue.length;
  }

  add(key: string): void {
    if (this.shuttingDown || this.dirty.has(key)) return;
    this.dirty.add(key);
    if (this.processing.has(key)) return;
    this.queue.push(key);
    this.scheduleHandOff();
  }

  /**
   * Waiting workers get queued keys once the code adding them is done (a microtask later), not at the first add: an
   * informer delivers a batch of events at once, and a key added again and again in the batch is then synced once
   * after it, instead of once at its first event and again for the rest.
   */
  private scheduleHandOff(): void {
    if (this.handOffScheduled || this.waiters.length === 0) return;
    this.handOffScheduled = true;
    queueMicrotask(() => {
      this.handOffScheduled = false;
      while (this.waiters.length > 0 && this.queue.length > 0) {
        const key = this.queue.shift()!;
        this.dirty.delete(key);
        this.processing.add(key);
        this.waiters.shift()!(key);
      }
    });
  }

  /** Adds the key after `ms` of virtual time (sooner adds win). */
  addAfter(key: string, ms: number): void {
    if (this.shuttingDown) return;
    if (ms <= 0) {
      this.add(key);
      return;
    }
    if (this.delayed.has(key)) return;
    this.delayed.set(
      key,
      this.clock.setTimeout(() => {
        this.delayed.delete(key);
        this.add(key);
      }, ms),
    );
  }

  /** Re-queues a key after its back-off: 5 ms, 10 ms, 20 ms… up to the maximum. */
  addRateLimited(key: string): void {
    const failures = this.failures.get(key) ?? 0;
    this.failures.set(key, failures + 1);
    this.addAfter(key, Math.min(this.baseDelayMs * 2 ** failures, this.maxDelayMs));
  }

  /** How many times the key has failed since it was last forgotten. */
  numRequeues(key: string): number {
    return this.failures.get(key) ?? 0;
  }

  /** Clears the key's back-off after it was processed successfully. */
  forget(key: string): void {
    this.failures.delete(key);
  }

  /** The next key to process; undefined once the queue is shut down. */
  get(): Promise<string | undefined> {
    if (this.shuttingDown) return Promise.resolve(undefined);
    const key = this.queue.shift();
    if (key !== undefined) {
      this.dirty.delete(key);
      this.processing.add(key);
      return Promise.resolve(key);
    }
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Marks a key done; if it was added while processing, it goes back in the queue. */
  done(key: string): void {
    this.processing.delete(key);
    if (this.dirty.has(key)) {
      this.dirty.delete(key);
      this.add(key);
    }
  }

  shutDown(): void {
    this.shuttingDown = true;
    for (const timer of this.delayed.values()) timer.cancel();
    this.delayed.clear();
    for (const waiter of this.waiters.splice(0)) waiter(undefined);
  }
}

/** What to do with a key whose sync failed: retry after its back-off (the default), right away, or after a delay. */
export type RetryDecision = { after: 'backoff' } | { after: 'now' } | { after: number };

/**
 * How runWorkers paces syncs: while the process is busy, a key is synced again no sooner than `factor` times its last
 * sync's duration, and at least `minIntervalMs(key)`, after it. Once the event loop has time to spare the wait ends:
 * pacing keeps long syncs — or many keys' short ones — from taking all the process's time, not a quiet process from
 * answering.
 */
export interface SyncPacing {
  factor: number;
  minIntervalMs?: (key: string) => number;
}

/** How often a paced wait looks at the event loop, and the utilisation below which it counts as having time. */
const PACING_CHECK_MS = 100;
const PACING_IDLE_UTILIZATION = 0.5;

/** When a key may sync again, and the event loop's use when its last sync ended. */
interface PacedKey {
  at: number;
  since: EventLoopUtilization;
}

/**
 * Waits until `paced.at`, or less: until the event loop is found less than half busy over a stretch of at least
 * PACING_CHECK_MS — the first one starting when the key's last sync ended.
 */
async function pacedWait(paced: PacedKey): Promise<void> {
  let last = paced.since;
  for (;;) {
    const now = performance.eventLoopUtilization();
    const use = performance.eventLoopUtilization(now, last);
    const stretch = use.idle + use.active;
    if (stretch >= PACING_CHECK_MS) {
      if (use.utilization < PACING_IDLE_UTILIZATION) return;
      last = now;
    }
    const left = paced.at - performance.now();
    if (left <= 0) return;
    const toCheck = stretch >= PACING_CHECK_MS ? PACING_CHECK_MS : PACING_CHECK_MS - stretch;
    await new Promise((resolve) => setTimeout(resolve, Math.min(left, toCheck)));
  }
}

/**
 * Runs `workers` loops that take keys from the queue and sync them, as client-go's processNextWorkItem does: a
 * key that synced is forgotten by the rate limiter; one that failed comes back as `retry` decides. With `pacing`, a
 * key whose sync takes long (a DaemonSet over thousands of nodes) waits, still held, for a while of wall time before
 * its next sync: the changes that arrive meanwhile are handled by one sync, as a real controller's syncs take long
 * enough to see them together, instead of one sync per change taking all the process's time.
 */
export function runWorkers(
  queue: WorkQueue,
  workers: number,
  sync: (key: string) => Promise<void>,
  retry: (error: unknown) => RetryDecision = () => ({ after: 'backoff' }),
  pacing?: SyncPacing,
): void {
  const nextSync = new Map<string, PacedKey>();
  const loop = async (): Promise<void> => {
    for (;;) {
      const key = await queue.get();
      if (key === undefined) return;
      const paced = nextSync.get(key);
      if (paced && paced.at > performance.now()) {
        await pacedWait(paced);
        if (queue.isShuttingDown) {
          queue.done(key);
          return;
        }
      }
      const started = performance.now();
      try {
        await sync(key);
        queue.forget(key);
      } catch (error) {
        const decision = retry(error);
        if (decision.after === 'backoff') queue.addRateLimited(key);
        else if (decision.after === 'now') queue.add(key);
        else queue.addAfter(key, decision.after);
      } finally {
        if (pacing) {
          const ended = performance.now();
          const interval = Math.max(pacing.factor * (ended - started), pacing.minIntervalMs?.(key) ?? 0);
          nextSync.set(key, { at: ended + interval, since: performance.eventLoopUtilization() });
        }
        queue.done(key);
      }
    }
  };
  for (let i = 0; i < workers; i++) void loop();
}
