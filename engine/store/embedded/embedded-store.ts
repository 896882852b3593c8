// The embedded store: the KV contract served from memory (MvccStore), with watchers (WatchHub), lease expiry on the
// lab clock, automatic compaction that keeps the last `historyRevisions` revisions, and, given a data directory, a
// write-ahead log with group commit and snapshots. A durable store applies a write at once (later transactions
// compare against it) but shows it to reads and watchers, and resolves its promise, only once it is fsync'ed; reads
// are served at that durable revision.

import type { Clock, Timer } from '../../lab/clock.ts';
import type {
  KeyValue,
  KV,
  RangeOptions,
  RangeResult,
  StoreStatus,
  TxnRequest,
  TxnResponse,
  WatchEvent,
  WatchHandler,
  WatchOptions,
  Watcher,
} from '../kv.ts';
import { type DurableFs, nodeFs } from './durable-fs.ts';
import { MvccStore } from './mvcc-store.ts';
import { recover, type RecoveredLog } from './recovery.ts';
import { encodeSnapshot } from './snapshot-codec.ts';
import { WalWriter } from './wal-writer.ts';
import { WatchHub } from './watch-hub.ts';

export interface EmbeddedStoreOptions {
  clock: Clock;
  /** Where the WAL and snapshots live; without it the store is purely in memory. */
  dataDir?: string;
  /** Revisions of history kept by automatic compaction (default 10,000); Infinity turns it off. */
  historyRevisions?: number;
  /** WAL records between snapshots (default 10,000); a snapshot also waits for the WAL to reach half its size. */
  snapshotEvery?: number;
  /** WAL bytes between snapshots (default 64 MiB). */
  snapshotBytes?: number;
  /** Virtual milliseconds between watch progress notifications (default 10 s). */
  progressNotifyIntervalMs?: number;
  /** Receives warnings (a cut WAL tail, a failed write) and snapshot progress. */
  logger?: (message: string) => void;
  /** The file layer, replaceable in tests. */
  fs?: DurableFs;
}

const DEFAULT_HISTORY_REVISIONS = 10_000;
const DEFAULT_SNAPSHOT_EVERY = 10_000;
const DEFAULT_SNAPSHOT_BYTES = 64 * 1024 * 1024;
const DEFAULT_PROGRESS_INTERVAL_MS = 10_000;

/** Opens a store: in memory, or restored from `dataDir` (created if missing). */
export async function openEmbeddedStore(options: EmbeddedStoreOptions): Promise<EmbeddedStore> {
  const history = options.historyRevisions ?? DEFAULT_HISTORY_REVISIONS;
  if (!(history >= 0)) throw new RangeError('historyRevisions must be >= 0');
  const mvcc = new MvccStore();
  const recovered =
    options.dataDir === undefined
      ? undefined
      : await recover(options.fs ?? nodeFs, options.dataDir, mvcc, options.logger);
  return new EmbeddedStore(mvcc, options, recovered);
}

export class EmbeddedStore implements KV {
  private visible: number;
  private readonly hub: WatchHub;
  private readonly wal: WalWriter | undefined;
  private readonly expiries = new Map<number, Timer>();
  private readonly historyRevisions: number;
  private readonly compactionStep: number;
  private closed = false;

  constructor(
    private readonly mvcc: MvccStore,
    private readonly options: EmbeddedStoreOptions,
    recovered?: RecoveredLog,
  ) {
    this.visible = mvcc.revision;
    this.historyRevisions = options.historyRevisions ?? DEFAULT_HISTORY_REVISIONS;
    this.compactionStep = Math.max(1, Math.floor(this.historyRevisions / 10));
    this.hub = new WatchHub(mvcc, {
      clock: options.clock,
      publishedRevision: this.visible,
      progressIntervalMs: options.progressNotifyIntervalMs ?? DEFAULT_PROGRESS_INTERVAL_MS,
      logger: options.logger,
    });
    if (recovered !== undefined && options.dataDir !== undefined) {
      this.wal = new WalWriter({
        fs: options.fs ?? nodeFs,
        dir: options.dataDir,
        segment: recovered.segment,
        nextIndex: recovered.nextIndex,
        snapshotEvery: options.snapshotEvery ?? DEFAULT_SNAPSHOT_EVERY,
        snapshotBytes: options.snapshotBytes ?? DEFAULT_SNAPSHOT_BYTES,
        lastSnapshotBytes: recovered.snapshotBytes,
        encodeSnapshot: (appliedIndex) => encodeSnapshot(mvcc, appliedIndex),
        onDurable: (revision) => this.makeVisible(revision),
        logger: options.logger,
      });
    }
    for (const lease of mvcc.leases.all()) this.scheduleExpiry(lease.id, lease.ttlSeconds);
    this.autoCompact();
  }

  async range(key: string, options?: RangeOptions): Promise<RangeResult> {
    this.assertOpen();
    return this.mvcc.range(key, options, this.visible);
  }

  async txn(request: TxnRequest): Promise<TxnResponse> {
    this.assertWritable();
    const { response, events } = this.mvcc.txn(request);
    await this.persist(events, 0);
    return response;
  }

  async put(
    key: string,
    value: Uint8Array,
    options?: { lease?: number },
  ): Promise<{ revision: number; prevKv?: KeyValue }> {
    const response = await this.txn({
      compare: [],
      success: [{ type: 'put', key, value, lease: options?.lease }],
      failure: [],
    });
    const op = response.responses[0];
    const prevKv = op?.type === 'put' ? op.prevKv : undefined;
    return prevKv ? { revision: response.revision, prevKv } : { revision: response.revision };
  }

  async delete(
    key: string,
    options?: { end?: string },
  ): Promise<{ revision: number; deleted: number; prevKvs: KeyValue[] }> {
    const response = await this.txn({
      compare: [],
      success: [{ type: 'delete', key, end: options?.end }],
      failure: [],
    });
    const op = response.responses[0];
    return op?.type === 'delete'
      ? { revision: response.revision, deleted: op.deleted, prevKvs: op.prevKvs }
      : { revision: response.revision, deleted: 0, prevKvs: [] };
  }

  watch(key: string, options: WatchOptions, handler: WatchHandler): Watcher {
    this.assertOpen();
    return this.hub.watch(key, options, handler);
  }

  async compact(revision: number): Promise<void> {
    this.assertWritable();
    this.mvcc.compact(revision, this.visible);
    await this.wal?.append({ type: 'compact', revision });
  }

  async leaseGrant(ttlSeconds: number): Promise<number> {
    this.assertWritable();
    if (!(ttlSeconds > 0) || !Number.isFinite(ttlSeconds)) throw new RangeError('lease TTL must be a positive number');
    const { id } = this.mvcc.leases.grant(ttlSeconds);
    this.scheduleExpiry(id, ttlSeconds);
    await this.wal?.append({ type: 'lease-grant', id, ttlSeconds });
    return id;
  }

  async leaseRevoke(id: number): Promise<void> {
    this.assertWritable();
    const events = this.mvcc.revokeLease(id);
    this.expiries.get(id)?.cancel();
    this.expiries.delete(id);
    await this.persist(events, id);
  }

  async status(): Promise<StoreStatus> {
    this.assertOpen();
    return {
      revision: this.visible,
      compactRevision: this.mvcc.compactRevision,
      dbSize: this.mvcc.dbSize,
      keys: this.mvcc.liveKeys,
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const timer of this.expiries.values()) timer.cancel();
    this.expiries.clear();
    this.hub.close();
    await this.wal?.close();
  }

  /**
   * Makes an applied change durable (or, in memory, visible at once). A change that wrote nothing still waits for
   * the writes before it, since its response may have read them.
   */
  private persist(events: WatchEvent[], revokedLease: number): Promise<void> | undefined {
    if (this.wal === undefined) {
      if (events.length > 0) this.makeVisible(this.mvcc.revision);
      return undefined;
    }
    if (events.length === 0 && revokedLease === 0) return this.wal.barrier();
    const kvs = events.map((event) => event.kv);
    return this.wal.append({ type: 'txn', revision: this.mvcc.revision, kvs, revokedLease });
  }

  private makeVisible(revision: number): void {
    if (revision <= this.visible) return;
    this.visible = revision;
    this.hub.publish(revision);
    this.autoCompact();
  }

  /** Compacts to `historyRevisions` behind the visible revision, in steps of a tenth of it. */
  private autoCompact(): void {
    const target = this.visible - this.historyRevisions;
    if (!(target - this.mvcc.compactRevision >= this.compactionStep)) return;
    this.mvcc.compact(target, this.visible);
    this.wal?.append({ type: 'compact', revision: target }).catch(() => {
      // The WAL has logged the failure and refuses further writes.
    });
  }

  private scheduleExpiry(id: number, ttlSeconds: number): void {
    const timer = this.options.clock.setTimeout(() => {
      this.expiries.delete(id);
      if (this.closed || this.mvcc.leases.get(id) === undefined) return;
      this.leaseRevoke(id).catch((error: unknown) => {
        this.options.logger?.(`lease ${id}: revoking on expiry failed: ${String(error)}`);
      });
    }, ttlSeconds * 1000);
    this.expiries.set(id, timer);
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('store closed');
  }

  private assertWritable(): void {
    this.assertOpen();
    const failure = this.wal?.failed;
    if (failure !== undefined) throw failure;
  }
}
