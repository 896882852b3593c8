// Watchers, as etcd's watchable store keeps them. A watcher that starts at or after the next revision joins the
// synced group and gets each revision's events as it is published; one that starts in the past is unsynced and is
// caught up from the revision log in bounded steps between other work, then joins the synced group. Delivery is
// asynchronous and batched per watcher, so a slow consumer never holds up a writer, and each watcher sees its events
// in revision order with a revision's events never split. A watcher whose start has been compacted gets
// CompactedError. Progress notifications (an empty batch with the revision the watcher has seen everything up to)
// go periodically to quiet synced watchers that asked for them, and to any watcher that requests one, once it is
// synced and has been sent every event before it.

import type { Clock, Timer } from '../../lab/clock.ts';
import { CompactedError, type WatchEvent, type WatchHandler, type WatchOptions, type Watcher } from '../kv.ts';
import { inRange } from './key-range.ts';
import type { RevisionLog } from './revision-log.ts';

/** What the hub reads: the retained history and how far it has been compacted. */
export interface WatchSource {
  readonly log: RevisionLog;
  readonly compactRevision: number;
}

export interface WatchHubOptions {
  clock: Clock;
  /** The newest revision already visible; watches "from now" start after it. */
  publishedRevision: number;
  /** Virtual milliseconds between progress notifications. */
  progressIntervalMs: number;
  /** Where errors thrown by watch handlers are reported. */
  logger?: (message: string) => void;
}

/** Revisions one unsynced watcher reads per catch-up step, and watchers served per step. */
const CATCH_UP_REVISIONS = 1000;
const CATCH_UP_WATCHERS = 64;

class WatchState {
  synced = false;
  cancelled = false;
  pending: WatchEvent[] = [];
  /** For an unsynced watcher: the revision its pending events are complete through. */
  scanned = 0;
  /** A progress notification is owed: periodic, or requested. */
  progressDue = false;
  /** No events were delivered since the last progress tick. */
  quiet = true;
  error: Error | undefined;

  constructor(
    readonly key: string,
    readonly end: string | undefined,
    readonly prevKv: boolean,
    readonly handler: WatchHandler,
    /** The first revision this watcher still needs. */
    public nextRev: number,
  ) {}
}

export class WatchHub {
  private published: number;
  private readonly exact = new Map<string, Set<WatchState>>();
  private readonly ranged = new Set<WatchState>();
  private readonly unsynced = new Set<WatchState>();
  private readonly progress = new Set<WatchState>();
  private readonly dirty = new Set<WatchState>();
  private flushScheduled = false;
  private syncScheduled = false;
  private progressTimer: Timer | undefined;
  private closed = false;

  constructor(
    private readonly source: WatchSource,
    private readonly options: WatchHubOptions,
  ) {
    this.published = options.publishedRevision;
  }

  watch(key: string, options: WatchOptions, handler: WatchHandler): Watcher {
    if (this.closed) return { cancel: () => {} };
    const start = options.startRevision ?? 0;
    const fromHistory = start > 0 && start <= this.published;
    const state = new WatchState(
      key,
      options.end,
      options.prevKv === true,
      handler,
      fromHistory ? start : Math.max(start, this.published + 1),
    );
    if (fromHistory) {
      this.unsynced.add(state);
      this.scheduleSync();
    } else {
      this.addSynced(state);
    }
    if (options.progressNotify) this.addProgress(state);
    return { cancel: () => this.cancel(state), requestProgress: () => this.requestProgress(state) };
  }

  /** Makes every revision up to `revision` visible to watchers. */
  publish(revision: number): void {
    for (let rev = this.published + 1; rev <= revision; rev++) {
      for (const event of this.source.log.get(rev) ?? []) {
        const key = event.kv.key;
        for (const state of this.exact.get(key) ?? []) if (state.nextRev <= rev) this.enqueue(state, event);
        for (const state of this.ranged) {
          if (state.nextRev <= rev && inRange(key, state.key, state.end)) this.enqueue(state, event);
        }
      }
    }
    this.published = Math.max(this.published, revision);
  }

  /** Stops all delivery; handlers are not called again. */
  close(): void {
    this.closed = true;
    this.progressTimer?.cancel();
    this.progressTimer = undefined;
    for (const set of this.exact.values()) for (const state of set) state.cancelled = true;
    for (const state of [...this.ranged, ...this.unsynced]) state.cancelled = true;
    this.exact.clear();
    this.ranged.clear();
    this.unsynced.clear();
    this.progress.clear();
    this.dirty.clear();
  }

  private addSynced(state: WatchState): void {
    state.synced = true;
    if (state.end !== undefined) {
      this.ranged.add(state);
      return;
    }
    let set = this.exact.get(state.key);
    if (set === undefined) {
      set = new Set();
      this.exact.set(state.key, set);
    }
    set.add(state);
  }

  private addProgress(state: WatchState): void {
    this.progress.add(state);
    this.progressTimer ??= this.options.clock.setInterval(() => this.progressTick(), this.options.progressIntervalMs);
  }

  private cancel(state: WatchState): void {
    if (state.cancelled) return;
    state.cancelled = true;
    state.pending = [];
    this.unsynced.delete(state);
    this.ranged.delete(state);
    this.dirty.delete(state);
    const set = this.exact.get(state.key);
    if (set?.delete(state) && set.size === 0) this.exact.delete(state.key);
    if (this.progress.delete(state) && this.progress.size === 0) {
      this.progressTimer?.cancel();
      this.progressTimer = undefined;
    }
  }

  private requestProgress(state: WatchState): void {
    if (state.cancelled) return;
    state.progressDue = true;
    if (state.synced) this.markDirty(state);
  }

  private enqueue(state: WatchState, event: WatchEvent): void {
    state.pending.push(state.prevKv || event.prevKv === undefined ? event : { type: event.type, kv: event.kv });
    this.markDirty(state);
  }

  private markDirty(state: WatchState): void {
    this.dirty.add(state);
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => this.flush());
  }

  private flush(): void {
    this.flushScheduled = false;
    if (this.closed) return;
    const states = [...this.dirty];
    this.dirty.clear();
    for (const state of states) {
      if (state.cancelled) continue;
      const events = state.pending;
      state.pending = [];
      if (events.length > 0) {
        state.quiet = false;
        this.call(() => state.handler.onEvents(events, state.synced ? this.published : state.scanned));
      }
      if (state.progressDue && state.synced && !state.cancelled) {
        state.progressDue = false;
        this.call(() => state.handler.onEvents([], this.published));
      }
      const error = state.error;
      if (error !== undefined && !state.cancelled) {
        this.cancel(state);
        this.call(() => state.handler.onError(error));
      }
    }
  }

  private call(fn: () => void): void {
    try {
      fn();
    } catch (error) {
      this.options.logger?.(`watch: a handler threw: ${String(error)}`);
    }
  }

  private scheduleSync(): void {
    if (this.syncScheduled) return;
    this.syncScheduled = true;
    setImmediate(() => this.syncStep());
  }

  /** Catches up a bounded number of unsynced watchers by a bounded number of revisions each. */
  private syncStep(): void {
    this.syncScheduled = false;
    if (this.closed) return;
    const compactRev = this.source.compactRevision;
    const states = [...this.unsynced].slice(0, CATCH_UP_WATCHERS);
    for (const state of states) {
      this.unsynced.delete(state);
      if (state.nextRev < compactRev) {
        state.error = new CompactedError(state.nextRev, compactRev);
        this.markDirty(state);
        continue;
      }
      const to = Math.min(this.published, state.nextRev + CATCH_UP_REVISIONS - 1);
      for (let rev = state.nextRev; rev <= to; rev++) {
        for (const event of this.source.log.get(rev) ?? []) {
          if (inRange(event.kv.key, state.key, state.end)) this.enqueue(state, event);
        }
      }
      state.nextRev = to + 1;
      state.scanned = to;
      if (to >= this.published) {
        this.addSynced(state);
        if (state.progressDue) this.markDirty(state);
      } else {
        this.unsynced.add(state);
      }
    }
    if (this.unsynced.size > 0) this.scheduleSync();
  }

  private progressTick(): void {
    for (const state of this.progress) {
      if (!state.synced) continue;
      if (state.quiet && state.pending.length === 0) {
        state.progressDue = true;
        this.markDirty(state);
      }
      state.quiet = true;
    }
  }
}
