// Delayed adds to a work queue in which, for one key, the soonest request wins — as client-go's delaying queue
// behaves. Controllers that requeue a key for a far deadline (a Job's activeDeadlineSeconds, a CronJob's next
// schedule) and also for near events (a pod changed a second ago) need that; WorkQueue.addAfter keeps whichever
// request came first.

import type { WorkQueue } from '../../client/workqueue.ts';
import type { Clock, Timer } from '../../lab/clock.ts';

export class DelayedEnqueuer {
  private readonly pending = new Map<string, { due: number; timer: Timer }>();
  private stopped = false;

  constructor(
    private readonly clock: Clock,
    private readonly queue: WorkQueue,
  ) {}

  /** Adds the key after `ms` of lab time, unless it is already due sooner; `ms` ≤ 0 adds it now. */
  addAfter(key: string, ms: number): void {
    if (this.stopped) return;
    if (ms <= 0) {
      this.queue.add(key);
      return;
    }
    const due = this.clock.now() + ms;
    const current = this.pending.get(key);
    if (current && current.due <= due) return;
    current?.timer.cancel();
    const timer = this.clock.setTimeout(() => {
      this.pending.delete(key);
      this.queue.add(key);
    }, ms);
    this.pending.set(key, { due, timer });
  }

  stop(): void {
    this.stopped = true;
    for (const { timer } of this.pending.values()) timer.cancel();
    this.pending.clear();
  }
}
