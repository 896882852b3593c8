// The timed worker queue of the taint eviction controller (pkg/controller/tainteviction/timed_workers.go): per pod
// one pending eviction that fires at a lab time; a pod whose eviction already ran stays known, so it is not queued
// again, until its deletion is noticed and the work cancelled.

import type { Clock, Timer } from '../../../lab/clock.ts';

export interface TimedWorker {
  /** Lab ms the eviction was first scheduled and when it fires. */
  createdAt: number;
  fireAt: number;
  timer: Timer;
}

export class TimedWorkerQueue {
  /** Pod key → its pending eviction, or null once the eviction has run. */
  private readonly workers = new Map<string, TimedWorker | null>();

  constructor(
    private readonly clock: Clock,
    private readonly work: (key: string) => Promise<void>,
  ) {}

  /** Schedules the eviction of a pod unless one is already known. */
  addWork(key: string, createdAt: number, fireAt: number): void {
    if (this.workers.has(key)) return;
    const worker: TimedWorker = { createdAt, fireAt, timer: { cancel: () => undefined } };
    worker.timer = this.clock.setTimeout(() => void this.fire(key, worker), Math.max(0, fireAt - this.clock.now()));
    this.workers.set(key, worker);
  }

  /** Forgets a pod's eviction; true if a pending one was cancelled. */
  cancelWork(key: string): boolean {
    if (!this.workers.has(key)) return false;
    const worker = this.workers.get(key);
    this.workers.delete(key);
    if (!worker) return false;
    worker.timer.cancel();
    return true;
  }

  /** The pending eviction of a pod, if any. */
  getWorker(key: string): TimedWorker | undefined {
    return this.workers.get(key) ?? undefined;
  }

  cancelAll(): void {
    for (const key of [...this.workers.keys()]) this.cancelWork(key);
  }

  private async fire(key: string, worker: TimedWorker): Promise<void> {
    const done = await this.work(key).then(
      () => true,
      () => false,
    );
    // Unless cancelled (or replaced) meanwhile: remembered when done, forgotten when failed.
    if (this.workers.get(key) !== worker) return;
    if (done) this.workers.set(key, null);
    else this.workers.delete(key);
  }
}
