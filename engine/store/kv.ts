// The store's contract: etcd v3 semantics, implemented by the embedded MVCC store and by a real etcd cluster.
//
// Revisions: the store has one global revision, starting at 1 for an empty store and incremented by every
// transaction that changes something (a transaction with several writes increments it once). Every key carries the
// revision that created it (createRevision), the revision of its last change (modRevision), and how many times it has
// been changed since it was created (version: 1 after creation; a deleted key starts again at 1 when re-created).
// Kubernetes' resourceVersion is the modRevision of an object's key.

export interface KeyValue {
  key: string;
  value: Uint8Array;
  createRevision: number;
  modRevision: number;
  version: number;
  /** The lease the key is attached to; 0 for none. */
  lease: number;
}

export interface RangeOptions {
  /** Exclusive end of a key range; `prefixEnd(key)` for every key with the prefix `key`. Absent: `key` alone. */
  end?: string;
  /** Most keys to return; 0 or absent for no limit. */
  limit?: number;
  /** Read the store as it was at this revision; 0 or absent for the current revision. */
  revision?: number;
  /** Return only the count, not the keys. */
  countOnly?: boolean;
}

export interface RangeResult {
  /** The keys, in ascending key order. */
  kvs: KeyValue[];
  /** True when `limit` cut the result short. */
  more: boolean;
  /** How many keys the range holds in all (before `limit`). */
  count: number;
  /** The store's current revision when the read was served. */
  revision: number;
}

export type CompareTarget = 'version' | 'createRevision' | 'modRevision' | 'value';

export interface Compare {
  key: string;
  target: CompareTarget;
  result: '=' | '!=' | '<' | '>';
  /** A number for the revision and version targets, bytes for `value`. A missing key has version, createRevision
   * and modRevision 0, and no value (a value comparison against a missing key fails). */
  value: number | Uint8Array;
}

export type RequestOp =
  | { type: 'range'; key: string; options?: RangeOptions }
  | { type: 'put'; key: string; value: Uint8Array; lease?: number }
  | { type: 'delete'; key: string; end?: string };

export type ResponseOp =
  | { type: 'range'; result: RangeResult }
  | { type: 'put'; prevKv?: KeyValue }
  | { type: 'delete'; deleted: number; prevKvs: KeyValue[] };

export interface TxnRequest {
  compare: Compare[];
  success: RequestOp[];
  failure: RequestOp[];
}

export interface TxnResponse {
  succeeded: boolean;
  /** The store's revision after the transaction (unchanged if it wrote nothing). */
  revision: number;
  responses: ResponseOp[];
}

export interface WatchEvent {
  type: 'put' | 'delete';
  /** For a put, the key as written; for a delete, the key with modRevision = the deleting revision and no value. */
  kv: KeyValue;
  /** The key as it was before this event, when the watch asked for it and the key existed. */
  prevKv?: KeyValue;
}

export interface WatchOptions {
  /** Exclusive end of the watched key range, as in RangeOptions. */
  end?: string;
  /** Deliver every event from this revision on (inclusive); absent or 0 for events after the current revision. */
  startRevision?: number;
  /** Attach the previous key-value to each event. */
  prevKv?: boolean;
  /** Ask for progress notifications: an empty event batch with the current revision now and then. */
  progressNotify?: boolean;
}

export interface WatchHandler {
  /** Events of one or more revisions, in revision order; an empty list is a progress notification. */
  onEvents(events: WatchEvent[], revision: number): void;
  /** The watch ended: CompactedError if startRevision was compacted, or a backend failure. */
  onError(error: Error): void;
}

export interface Watcher {
  cancel(): void;
  /**
   * Asks for a progress notification: once every event up to the store's current revision has been delivered to
   * this watcher, onEvents([], revision) tells it that it has seen everything up to `revision`.
   */
  requestProgress?(): void;
}

export interface StoreStatus {
  revision: number;
  compactRevision: number;
  /** Approximate bytes held for keys and their retained history. */
  dbSize: number;
  keys: number;
}

export interface KV {
  range(key: string, options?: RangeOptions): Promise<RangeResult>;
  txn(request: TxnRequest): Promise<TxnResponse>;
  /** Writes one key; resolves once the write is durable (for a durable backend). */
  put(key: string, value: Uint8Array, options?: { lease?: number }): Promise<{ revision: number; prevKv?: KeyValue }>;
  delete(key: string, options?: { end?: string }): Promise<{ revision: number; deleted: number; prevKvs: KeyValue[] }>;
  watch(key: string, options: WatchOptions, handler: WatchHandler): Watcher;
  /** Drops history before `revision`; reads and watches from before it then fail with CompactedError. */
  compact(revision: number): Promise<void>;
  /** Grants a lease that expires after ttlSeconds unless kept alive; keys attached to it are deleted with it. */
  leaseGrant(ttlSeconds: number): Promise<number>;
  leaseRevoke(id: number): Promise<void>;
  status(): Promise<StoreStatus>;
  /** Flushes what is pending and releases files, timers and connections. */
  close(): Promise<void>;
}

/** Thrown (or passed to a watch's onError) when a revision older than the compacted one is asked for. */
export class CompactedError extends Error {
  constructor(
    readonly requested: number,
    readonly compactRevision: number,
  ) {
    super(`mvcc: required revision has been compacted`);
    this.name = 'CompactedError';
  }
}

/** Thrown when a read asks for a revision the store has not reached yet. */
export class FutureRevisionError extends Error {
  constructor(readonly requested: number) {
    super(`mvcc: required revision is a future revision`);
    this.name = 'FutureRevisionError';
  }
}

/** The smallest key greater than every key starting with `prefix` (etcd's "prefix end"). */
export function prefixEnd(prefix: string): string {
  for (let i = prefix.length - 1; i >= 0; i--) {
    const code = prefix.charCodeAt(i);
    if (code < 0xffff) return prefix.slice(0, i) + String.fromCharCode(code + 1);
  }
  return '\0';
}
