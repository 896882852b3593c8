// The write-ahead log's writer: group commit and snapshots. Records appended while a write + fdatasync is in flight
// are batched into the next one, so one fsync acknowledges many writes; every append's promise resolves only after
// its batch is on stable storage. After `snapshotEvery` records or `snapshotBytes` bytes in a segment (and once the
// segment is at least half the size of the last snapshot, so snapshotting a large store costs at most twice the
// writes), the writer starts a new segment, encodes the store (which then covers every record appended so far),
// writes the snapshot atomically in the background and deletes the segments and snapshots it replaces. A failed write or fsync is
// fatal: every pending and later append is rejected, as etcd stops on a WAL error.

import { basename } from 'node:path';
import { ByteWriter } from './bytes.ts';
import { parseListing, segmentPath, snapshotPath } from './data-dir.ts';
import type { DurableFs } from './durable-fs.ts';
import { writeSnapshotFile } from './snapshot-file.ts';
import { encodeWalRecord, type WalEntry } from './wal-record.ts';

/** The segment the writer appends to, already open. */
export interface OpenSegment {
  seq: number;
  fd: number;
  bytes: number;
  records: number;
}

export interface WalWriterOptions {
  fs: DurableFs;
  dir: string;
  segment: OpenSegment;
  /** The index the next record gets. */
  nextIndex: number;
  snapshotEvery: number;
  snapshotBytes: number;
  /** The size of the snapshot the store was loaded from (0 if none). */
  lastSnapshotBytes: number;
  /** Encodes the store as it is now, declared to include every record up to `appliedIndex`. */
  encodeSnapshot: (appliedIndex: number) => Uint8Array[];
  /** Told the newest revision a batch made durable, before that batch's appends resolve. */
  onDurable: (revision: number) => void;
  logger?: (message: string) => void;
}

interface Batch {
  writer: ByteWriter;
  records: number;
  /** The newest revision a transaction in this batch made (0 if none). */
  revision: number;
  promise: Promise<void>;
  resolve: () => void;
  reject: (error: Error) => void;
}

export class WalWriter {
  private readonly fs: DurableFs;
  private readonly dir: string;
  private segment: OpenSegment;
  private nextIndex: number;
  private lastSnapshotBytes: number;
  private open: Batch | undefined;
  private inflight: Batch | undefined;
  private running: Promise<void> | undefined;
  private snapshotting: Promise<void> | undefined;
  private failure: Error | undefined;
  private closed = false;
  private closing: Promise<void> | undefined;

  constructor(private readonly options: WalWriterOptions) {
    this.fs = options.fs;
    this.dir = options.dir;
    this.segment = { ...options.segment };
    this.nextIndex = options.nextIndex;
    this.lastSnapshotBytes = options.lastSnapshotBytes;
  }

  /** The error that stopped the log, if one did. */
  get failed(): Error | undefined {
    return this.failure;
  }

  /** Adds a record to the next batch; resolves when it is durable. */
  append(entry: WalEntry): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.closed) return Promise.reject(new Error('store closed'));
    const batch = (this.open ??= newBatch());
    encodeWalRecord(batch.writer, this.nextIndex++, entry);
    batch.records++;
    if (entry.type === 'txn' && entry.revision > batch.revision) batch.revision = entry.revision;
    this.running ??= this.start();
    return batch.promise;
  }

  /** Resolves when every record appended so far is durable. */
  barrier(): Promise<void> {
    return (this.open ?? this.inflight)?.promise ?? Promise.resolve();
  }

  /** Writes what is pending, waits for a snapshot in progress, fsyncs and closes the segment. */
  close(): Promise<void> {
    return (this.closing ??= this.shutdown());
  }

  private async shutdown(): Promise<void> {
    this.closed = true;
    while (this.running) await this.running;
    await this.snapshotting;
    try {
      if (!this.failure) await this.fs.fsync(this.segment.fd);
    } finally {
      await this.fs.close(this.segment.fd);
    }
  }

  private async start(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    try {
      await this.run();
    } finally {
      this.running = this.open && !this.failure ? this.start() : undefined;
    }
  }

  private async run(): Promise<void> {
    while (this.open && !this.failure) {
      const batch = this.open;
      this.open = undefined;
      this.inflight = batch;
      const data = batch.writer.view();
      try {
        await this.fs.write(this.segment.fd, data);
        await this.fs.datasync(this.segment.fd);
      } catch (error) {
        this.fail(error, batch);
        return;
      }
      this.inflight = undefined;
      this.segment.bytes += data.length;
      this.segment.records += batch.records;
      if (batch.revision > 0) this.tellDurable(batch.revision);
      batch.resolve();
      if (this.snapshotDue()) {
        try {
          await this.rotate();
        } catch (error) {
          this.fail(error);
          return;
        }
      }
    }
  }

  private tellDurable(revision: number): void {
    try {
      this.options.onDurable(revision);
    } catch (error) {
      this.log(`wal: publishing revision ${revision} failed: ${String(error)}`);
    }
  }

  private snapshotDue(): boolean {
    if (this.snapshotting || this.closed) return false;
    const { records, bytes } = this.segment;
    if (bytes < this.lastSnapshotBytes / 2) return false;
    return records >= this.options.snapshotEvery || bytes >= this.options.snapshotBytes;
  }

  /** Starts a new segment, then snapshots the store in the background. */
  private async rotate(): Promise<void> {
    const seq = this.segment.seq + 1;
    const fd = await this.fs.openAppend(segmentPath(this.dir, seq));
    await this.fs.syncDir(this.dir);
    await this.fs.close(this.segment.fd);
    this.segment = { seq, fd, bytes: 0, records: 0 };
    const appliedIndex = this.nextIndex - 1;
    const chunks = this.options.encodeSnapshot(appliedIndex);
    this.lastSnapshotBytes = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
    this.snapshotting = this.writeSnapshot(seq, appliedIndex, chunks).finally(() => {
      this.snapshotting = undefined;
    });
  }

  private async writeSnapshot(seq: number, appliedIndex: number, chunks: Uint8Array[]): Promise<void> {
    const name = basename(snapshotPath(this.dir, seq));
    this.log(`snapshot: writing ${name} (${this.lastSnapshotBytes} bytes, through WAL record ${appliedIndex})`);
    try {
      await writeSnapshotFile(this.fs, this.dir, seq, chunks);
      const listing = parseListing(await this.fs.readdir(this.dir));
      for (const old of listing.segments) if (old < seq) await this.fs.unlink(segmentPath(this.dir, old));
      for (const old of listing.snapshots) if (old < seq) await this.fs.unlink(snapshotPath(this.dir, old));
      this.log(`snapshot: ${name} written; older segments and snapshots removed`);
    } catch (error) {
      this.log(`snapshot: writing ${name} failed (the WAL still holds everything): ${String(error)}`);
    }
  }

  private fail(error: unknown, batch?: Batch): void {
    const failure = error instanceof Error ? error : new Error(String(error));
    this.failure = failure;
    this.inflight = undefined;
    this.log(`wal: write failed, refusing further writes until the store is reopened: ${failure.message}`);
    batch?.reject(failure);
    this.open?.reject(failure);
    this.open = undefined;
  }

  private log(message: string): void {
    this.options.logger?.(message);
  }
}

function newBatch(): Batch {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { writer: new ByteWriter(), records: 0, revision: 0, promise, resolve, reject };
}
