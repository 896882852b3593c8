// One watch of the etcd backend, on its own gRPC watch stream. Events reach the handler one revision at a time;
// progress notifications (etcd's periodic ones when asked for, and answers to requestProgress) as empty batches.
// When the stream breaks (a member died, lost its leader, or the connection
// dropped) the watch resumes on any endpoint from the revision after the last one delivered, so no event is lost or
// repeated; it ends with onError when etcd reports the revision compacted or stays unreachable. The back-off between
// attempts is wall-clock time, as it waits on the network, not on the simulation.

import { castGrpcError, EtcdWatchStreamEnded, isRecoverableError, type IEvent, type IWatchResponse } from 'etcd3';
import { CompactedError, type WatchEvent, type WatchHandler, type WatchOptions, type Watcher } from '../kv.ts';
import { fromEvent, int64, keyBytes } from './convert.ts';
import type { WatchStream } from './etcd-client.ts';

export interface EtcdWatchParams {
  client: { openWatchStream(): Promise<WatchStream> };
  key: string;
  options: WatchOptions;
  /** The first revision to deliver (resolved by the store; never 0). */
  startRevision: number;
  handler: WatchHandler;
  /** Turns a failure into the error for onError. */
  toError(error: unknown, requested: number): Promise<Error>;
  /** Called once when the watch ends, whichever way. */
  onEnd(): void;
}

/** The watch ID etcd puts on its answers to a progress request, which belong to no single watch. */
const progressAnswerId = '-1';

/** Reconnection attempts in a row before the watch gives up; with the back-off, about ten seconds. */
const maxReconnects = 8;

function isResumable(error: unknown): boolean {
  if (error instanceof EtcdWatchStreamEnded) return true;
  if (!(error instanceof Error)) return false;
  return 'isBrokenCircuitError' in error || isRecoverableError(castGrpcError(error));
}

/** Splits a response's events into runs of one revision each, in order. */
export function byRevision(events: readonly IEvent[]): { revision: number; events: WatchEvent[] }[] {
  const batches: { revision: number; events: WatchEvent[] }[] = [];
  for (const event of events) {
    const converted = fromEvent(event);
    const last = batches.at(-1);
    if (last && last.revision === converted.kv.modRevision) last.events.push(converted);
    else batches.push({ revision: converted.kv.modRevision, events: [converted] });
  }
  return batches;
}

export class EtcdWatch implements Watcher {
  private nextRevision: number;
  private stream: WatchStream | undefined;
  private ended = false;
  private reconnects = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private progressWanted = false;
  /** Whether etcd has confirmed the watch on the current stream. */
  private established = false;

  constructor(private readonly params: EtcdWatchParams) {
    this.nextRevision = params.startRevision;
    void this.connect();
  }

  cancel(): void {
    this.end();
  }

  /** Asks etcd for a progress notification (only for servers that answer in stream order; see etcd-version.ts). */
  requestProgress(): void {
    this.progressWanted = true;
    if (this.established) this.stream?.write({ progress_request: {} });
  }

  private async connect(): Promise<void> {
    let stream: WatchStream;
    try {
      stream = await this.params.client.openWatchStream();
    } catch (error) {
      this.lost(error);
      return;
    }
    if (this.ended) {
      stream.cancel();
      return;
    }
    this.stream = stream;
    stream.on('data', (response) => {
      if (stream === this.stream) this.receive(response);
    });
    stream.on('error', (error) => {
      if (stream === this.stream) this.lost(error);
    });
    stream.on('end', () => {
      if (stream === this.stream) this.lost(new EtcdWatchStreamEnded());
    });
    const { key, options } = this.params;
    stream.write({
      create_request: {
        key: keyBytes(key),
        ...(options.end === undefined ? {} : { range_end: keyBytes(options.end) }),
        start_revision: this.nextRevision,
        prev_kv: Boolean(options.prevKv),
        progress_notify: Boolean(options.progressNotify),
      },
    });
  }

  private receive(response: IWatchResponse): void {
    if (response.created) {
      if (response.canceled) {
        this.fail(new Error(`etcd refused the watch on ${this.params.key}: ${response.cancel_reason}`));
        return;
      }
      this.reconnects = 0;
      this.established = true;
      // A request made while the watch was being (re)established is sent now.
      if (this.progressWanted) this.stream?.write({ progress_request: {} });
      return;
    }
    if (response.canceled) {
      const compactRevision = int64(response.compact_revision);
      this.fail(
        compactRevision > 0
          ? new CompactedError(this.nextRevision, compactRevision)
          : new Error(`etcd cancelled the watch on ${this.params.key}: ${response.cancel_reason}`),
      );
      return;
    }
    const events = response.events ?? [];
    if (events.length === 0) {
      const revision = int64(response.header?.revision);
      if (revision >= this.nextRevision) this.nextRevision = revision + 1;
      const answer = String(response.watch_id) === progressAnswerId;
      if (answer) this.progressWanted = false;
      if (answer || this.params.options.progressNotify) this.deliver([], revision);
      return;
    }
    for (const batch of byRevision(events)) {
      if (this.ended) return;
      this.nextRevision = batch.revision + 1;
      this.deliver(batch.events, batch.revision);
    }
  }

  private deliver(events: WatchEvent[], revision: number): void {
    try {
      this.params.handler.onEvents(events, revision);
    } catch (error) {
      // The handler's own failure: surface it, without letting it break the gRPC stream.
      queueMicrotask(() => {
        throw error;
      });
    }
  }

  private lost(error: unknown): void {
    if (this.ended) return;
    this.stream?.cancel();
    this.stream = undefined;
    this.established = false;
    if (this.reconnects < maxReconnects && isResumable(error)) {
      const delay = Math.min(100 * 2 ** this.reconnects, 2000);
      this.reconnects++;
      this.retryTimer = setTimeout(() => void this.connect(), delay);
      return;
    }
    void this.params.toError(error, this.nextRevision).then(
      (converted) => this.fail(converted),
      (failure: unknown) => this.fail(failure instanceof Error ? failure : new Error(String(failure))),
    );
  }

  private fail(error: Error): void {
    if (this.end()) this.params.handler.onError(error);
  }

  /** Ends the watch; false if it had already ended. */
  private end(): boolean {
    if (this.ended) return false;
    this.ended = true;
    clearTimeout(this.retryTimer);
    this.stream?.cancel();
    this.stream = undefined;
    this.params.onEnd();
    return true;
  }
}
