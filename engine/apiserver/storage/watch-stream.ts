// A watch as the API hands it out: a stream of ADDED / MODIFIED / DELETED / BOOKMARK / ERROR events that one consumer
// reads (an HTTP response, an informer). Producers push without waiting; a consumer that falls too far behind is cut
// off (the client re-lists), so a slow reader never holds up the cluster.

import type { KubeObject } from '../../api/object.ts';
import type { Status } from '../errors/status-error.ts';

export type ApiWatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

export interface ApiWatchEvent {
  type: ApiWatchEventType;
  object: KubeObject | Status;
}

export interface WatchSink {
  event(event: ApiWatchEvent): void;
  /** The stream ended; `reason` says why when it was not the consumer's own doing. */
  end(reason?: string): void;
}

/** Events buffered for a consumer that has not attached yet or reads slowly, before the stream is cut off. */
const DEFAULT_MAX_BUFFERED = 100_000;

export class WatchStream {
  private sink: WatchSink | undefined;
  private pending: ApiWatchEvent[] = [];
  private closed = false;
  private endReason: string | undefined;
  private readonly onStop: (() => void)[] = [];

  constructor(private readonly maxBuffered = DEFAULT_MAX_BUFFERED) {}

  get isClosed(): boolean {
    return this.closed;
  }

  /** Delivers an event; returns false once the stream is closed. */
  push(event: ApiWatchEvent): boolean {
    if (this.closed) return false;
    if (this.sink) {
      this.sink.event(event);
      return true;
    }
    this.pending.push(event);
    if (this.pending.length > this.maxBuffered) this.close('watch consumer too slow');
    return !this.closed;
  }

  /** Attaches the consumer; buffered events are delivered first. */
  attach(sink: WatchSink): void {
    if (this.sink) throw new Error('a watch stream has one consumer');
    this.sink = sink;
    const pending = this.pending;
    this.pending = [];
    for (const event of pending) sink.event(event);
    if (this.closed) sink.end(this.endReason);
  }

  /** Registers cleanup to run when the stream closes (unregistering a watcher, cancelling timers). */
  onClose(fn: () => void): void {
    if (this.closed) fn();
    else this.onStop.push(fn);
  }

  /** Ends the stream from either side; idempotent. */
  close(reason?: string): void {
    if (this.closed) return;
    this.closed = true;
    this.endReason = reason;
    for (const fn of this.onStop.splice(0)) fn();
    this.sink?.end(reason);
  }

  /** Reads the stream as an async iterator (for in-process consumers and tests). */
  async *[Symbol.asyncIterator](): AsyncGenerator<ApiWatchEvent> {
    const queue: ApiWatchEvent[] = [];
    let wake: (() => void) | undefined;
    let done = false;
    this.attach({
      event: (e) => {
        queue.push(e);
        wake?.();
      },
      end: () => {
        done = true;
        wake?.();
      },
    });
    try {
      for (;;) {
        const next = queue.shift();
        if (next) {
          yield next;
          continue;
        }
        if (done) return;
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
      }
    } finally {
      this.close();
    }
  }
}
