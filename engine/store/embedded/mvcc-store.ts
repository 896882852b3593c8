// The in-memory MVCC state machine, with etcd's revision semantics: one global revision (1 for an empty store), a
// history per key, a log of every retained revision's events, leases and their keys, and compaction. It is
// synchronous and knows nothing of files or watchers; the embedded store drives it and persists what it returns.
//
// Reads take a `ceiling`: the newest revision the caller may see (the durable revision of a durable store), so a
// read never shows a write that is not yet durable while later transactions still evaluate against the latest state.

import {
  CompactedError,
  FutureRevisionError,
  type KeyValue,
  type RangeOptions,
  type RangeResult,
  type RequestOp,
  type ResponseOp,
  type TxnRequest,
  type TxnResponse,
  type WatchEvent,
} from '../kv.ts';
import { compareHolds } from './compare.ts';
import { isTombstone, KeyHistory, kvBytes } from './key-history.ts';
import { upperBound } from './key-range.ts';
import { LeaseTable } from './lease-table.ts';
import { RevisionLog } from './revision-log.ts';
import { SortedIndex } from './sorted-index.ts';
import { assertKey, validateOps } from './txn-validation.ts';

const LEASE_NOT_FOUND_MESSAGE = 'etcdserver: requested lease not found';

const NO_VALUE = new Uint8Array(0);

export interface TxnOutcome {
  response: TxnResponse;
  /** The events of the revision the transaction made; empty if it changed nothing. */
  events: WatchEvent[];
}

export class MvccStore {
  readonly leases = new LeaseTable();
  private rev = 1;
  private compacted = 0;
  private history = new RevisionLog(2);
  private readonly keys = new Map<string, KeyHistory>();
  private readonly index = new SortedIndex<KeyHistory>();
  private live = 0;
  private bytes = 0;

  get revision(): number {
    return this.rev;
  }

  get compactRevision(): number {
    return this.compacted;
  }

  get log(): RevisionLog {
    return this.history;
  }

  /** Keys that exist at the newest revision. */
  get liveKeys(): number {
    return this.live;
  }

  /** Approximate bytes of keys and their retained versions. */
  get dbSize(): number {
    return this.bytes;
  }

  range(key: string, options: RangeOptions = {}, ceiling: number = this.rev): RangeResult {
    assertKey(key);
    const requested = options.revision ?? 0;
    if (requested > ceiling) throw new FutureRevisionError(requested);
    const rev = requested > 0 ? requested : ceiling;
    if (rev < this.compacted) throw new CompactedError(rev, this.compacted);
    const limit = options.limit ?? 0;
    const countOnly = options.countOnly === true;
    const kvs: KeyValue[] = [];
    let count = 0;
    const collect = (history: KeyHistory): void => {
      const kv = history.at(rev);
      if (kv === undefined) return;
      count++;
      if (!countOnly && (limit <= 0 || kvs.length < limit)) kvs.push(kv);
    };
    if (options.end === undefined) {
      const history = this.keys.get(key);
      if (history) collect(history);
    } else {
      this.index.forEach(key, upperBound(options.end), collect);
    }
    return { kvs, more: !countOnly && limit > 0 && count > limit, count, revision: ceiling };
  }

  /** Evaluates and applies a transaction; a transaction that writes makes exactly one new revision. */
  txn(request: TxnRequest): TxnOutcome {
    validateOps(request.success);
    validateOps(request.failure);
    const succeeded = request.compare.every((c) => compareHolds(c, this.keys.get(c.key)?.latest()));
    const ops = succeeded ? request.success : request.failure;
    this.checkOps(ops);
    const next = this.rev + 1;
    const events: WatchEvent[] = [];
    const responses = ops.map((op) => this.execute(op, next, events));
    if (events.length > 0) this.commit(next, events);
    return { response: { succeeded, revision: this.rev, responses }, events };
  }

  /** Deletes every key attached to the lease in one revision (in key order, as etcd's lessor does) and drops it. */
  revokeLease(id: number): WatchEvent[] {
    const lease = this.leases.get(id);
    if (lease === undefined) throw new Error(LEASE_NOT_FOUND_MESSAGE);
    const next = this.rev + 1;
    const events: WatchEvent[] = [];
    for (const key of [...lease.keys].sort()) {
      const history = this.keys.get(key);
      if (history?.latest()) events.push(this.tombstone(history, next));
    }
    this.leases.remove(id);
    if (events.length > 0) this.commit(next, events);
    return events;
  }

  /**
   * Drops history before `rev`: afterwards reads below it fail, and each key keeps its newest version at `rev`. The
   * events of revision `rev` stay (a watch may start there) but lose their previous values, which are history
   * before `rev` (etcd, reading them at rev - 1, has none either).
   */
  compact(rev: number, ceiling: number = this.rev): void {
    if (rev <= this.compacted) throw new CompactedError(rev, this.compacted);
    if (rev > ceiling) throw new FutureRevisionError(rev);
    const touched = new Set<string>();
    for (let r = Math.max(this.compacted, this.history.first); r <= rev; r++) {
      for (const event of this.history.get(r) ?? []) touched.add(event.kv.key);
    }
    for (const key of touched) {
      const history = this.keys.get(key);
      if (history === undefined) continue;
      this.bytes -= history.compact(rev);
      if (history.empty) {
        this.keys.delete(key);
        this.index.remove(key);
      }
    }
    this.history.dropBefore(rev);
    const kept = this.history.get(rev);
    if (kept)
      this.history.replace(
        rev,
        kept.map((event) => Object.freeze({ type: event.type, kv: event.kv })),
      );
    this.compacted = rev;
  }

  // Restoring from a snapshot and a WAL.

  /** Prepares an empty store to be loaded: history will start at `firstLogRevision`. */
  beginRestore(compactRevision: number, firstLogRevision: number): void {
    this.compacted = compactRevision;
    this.rev = firstLogRevision - 1;
    this.history = new RevisionLog(firstLogRevision);
  }

  /** Adds a version that predates the retained log (a snapshot's base state). */
  restoreVersion(kv: KeyValue): void {
    const history = this.historyOf(kv.key);
    this.record(history, kv, history.latest());
  }

  /** Replays a revision: its versions (tombstones for deletes) exactly as they were written. */
  replayRevision(rev: number, kvs: readonly KeyValue[]): void {
    if (rev !== this.rev + 1) throw new Error(`replay: expected revision ${this.rev + 1}, got ${rev}`);
    const events = kvs.map((kv) => {
      const history = this.historyOf(kv.key);
      return this.record(history, kv, history.latest());
    });
    this.commit(rev, events);
  }

  /** Visits every key's retained versions in key order. */
  forEachKey(visit: (versions: readonly KeyValue[]) => void): void {
    this.index.forEach('', null, (history) => {
      visit(history.versions);
    });
  }

  private checkOps(ops: readonly RequestOp[]): void {
    for (const op of ops) {
      if (op.type === 'range') {
        const rev = op.options?.revision ?? 0;
        if (rev > this.rev) throw new FutureRevisionError(rev);
        if (rev > 0 && rev < this.compacted) throw new CompactedError(rev, this.compacted);
      } else if (op.type === 'put' && op.lease && this.leases.get(op.lease) === undefined) {
        throw new Error(LEASE_NOT_FOUND_MESSAGE);
      }
    }
  }

  private execute(op: RequestOp, next: number, events: WatchEvent[]): ResponseOp {
    switch (op.type) {
      case 'range': {
        const readRev = events.length > 0 ? next : this.rev;
        return { type: 'range', result: this.range(op.key, op.options, readRev) };
      }
      case 'put': {
        const event = this.put(op.key, op.value, op.lease ?? 0, next);
        events.push(event);
        return event.prevKv ? { type: 'put', prevKv: event.prevKv } : { type: 'put' };
      }
      case 'delete': {
        const prevKvs: KeyValue[] = [];
        for (const history of this.liveIn(op.key, op.end)) {
          const event = this.tombstone(history, next);
          events.push(event);
          prevKvs.push(event.prevKv!);
        }
        return { type: 'delete', deleted: prevKvs.length, prevKvs };
      }
    }
  }

  private put(key: string, value: Uint8Array, lease: number, rev: number): WatchEvent {
    const history = this.historyOf(key);
    const prev = history.latest();
    const kv: KeyValue = Object.freeze({
      key,
      value: new Uint8Array(value),
      createRevision: prev ? prev.createRevision : rev,
      modRevision: rev,
      version: prev ? prev.version + 1 : 1,
      lease,
    });
    return this.record(history, kv, prev);
  }

  private tombstone(history: KeyHistory, rev: number): WatchEvent {
    const kv: KeyValue = Object.freeze({
      key: history.key,
      value: NO_VALUE,
      createRevision: 0,
      modRevision: rev,
      version: 0,
      lease: 0,
    });
    return this.record(history, kv, history.latest());
  }

  /** Appends a version to a key's history, keeps counters and lease attachments, and returns its event. */
  private record(history: KeyHistory, kv: KeyValue, prev: KeyValue | undefined): WatchEvent {
    history.append(kv);
    this.bytes += kvBytes(kv);
    const deleted = isTombstone(kv);
    if (prev === undefined && !deleted) this.live++;
    else if (prev !== undefined && deleted) this.live--;
    const oldLease = prev?.lease ?? 0;
    if (oldLease !== kv.lease) {
      if (oldLease !== 0) this.leases.detach(oldLease, kv.key);
      if (kv.lease !== 0) this.leases.attach(kv.lease, kv.key);
    }
    const type = deleted ? 'delete' : 'put';
    return Object.freeze(prev ? { type, kv, prevKv: prev } : { type, kv });
  }

  private commit(rev: number, events: WatchEvent[]): void {
    this.rev = rev;
    this.history.push(rev, events);
  }

  private historyOf(key: string): KeyHistory {
    let history = this.keys.get(key);
    if (history === undefined) {
      history = new KeyHistory(key);
      this.keys.set(key, history);
      this.index.insert(history);
    }
    return history;
  }

  /** The keys in [key, end) that exist now; collected first, since deleting them changes the index. */
  private liveIn(key: string, end: string | undefined): KeyHistory[] {
    if (end === undefined) {
      const history = this.keys.get(key);
      return history?.latest() ? [history] : [];
    }
    const found: KeyHistory[] = [];
    this.index.forEach(key, upperBound(end), (history) => {
      if (history.latest()) found.push(history);
    });
    return found;
  }
}
