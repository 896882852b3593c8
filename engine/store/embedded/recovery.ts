// Opening a data directory: load the newest snapshot, replay the WAL segments after it, and reopen the last segment
// for appending. A torn or corrupt tail of the last segment (partial frame, bad CRC) is cut at the last good record
// and reported; damage anywhere else, a gap in record indexes, or an unreadable snapshot stops the open, since
// reading on would silently lose or invent acknowledged writes. Leftover temporary files and files a newer snapshot
// replaces are removed.

import { basename, join } from 'node:path';
import { parseListing, segmentPath, snapshotPath } from './data-dir.ts';
import type { DurableFs } from './durable-fs.ts';
import { scanFrames } from './frame.ts';
import type { MvccStore } from './mvcc-store.ts';
import { loadSnapshot } from './snapshot-codec.ts';
import { decodeWalRecord, type WalEntry, type WalRecord } from './wal-record.ts';
import type { OpenSegment } from './wal-writer.ts';

export interface RecoveredLog {
  segment: OpenSegment;
  nextIndex: number;
  /** The size of the snapshot loaded (0 if none). */
  snapshotBytes: number;
}

/** Restores `store` (which must be empty) from `dir` and opens the segment to append to. */
export async function recover(
  fs: DurableFs,
  dir: string,
  store: MvccStore,
  logger?: (message: string) => void,
): Promise<RecoveredLog> {
  await fs.mkdir(dir);
  const listing = parseListing(await fs.readdir(dir));
  for (const name of listing.temporary) await fs.unlink(join(dir, name));

  let appliedIndex = 0;
  let firstSeq = 1;
  let snapshotBytes = 0;
  const newest = listing.snapshots[listing.snapshots.length - 1];
  if (newest !== undefined) {
    const path = snapshotPath(dir, newest);
    try {
      const data = await fs.readFile(path);
      snapshotBytes = data.length;
      appliedIndex = loadSnapshot(data, store).appliedIndex;
    } catch (error) {
      throw new Error(`cannot open ${dir}: ${basename(path)} is unreadable: ${(error as Error).message}`, {
        cause: error,
      });
    }
    firstSeq = newest;
  }
  for (const seq of listing.snapshots) if (seq < firstSeq) await fs.unlink(snapshotPath(dir, seq));
  for (const seq of listing.segments) if (seq < firstSeq) await fs.unlink(segmentPath(dir, seq));

  const segments = listing.segments.filter((seq) => seq >= firstSeq);
  let last = { seq: firstSeq, bytes: 0, records: 0 };
  for (const [i, seq] of segments.entries()) {
    const path = segmentPath(dir, seq);
    const data = await fs.readFile(path);
    const scan = scanFrames(data);
    for (const payload of scan.payloads) {
      const { index, entry } = decode(payload, path);
      if (index <= appliedIndex) continue;
      if (index !== appliedIndex + 1) {
        throw new Error(`cannot open ${dir}: ${basename(path)} has record ${index} after ${appliedIndex}`);
      }
      replay(store, entry);
      appliedIndex = index;
    }
    if (scan.problem !== undefined) {
      if (i !== segments.length - 1) {
        throw new Error(`cannot open ${dir}: ${basename(path)} is damaged before its end: ${scan.problem}`);
      }
      logger?.(
        `wal: ${basename(path)} has a torn or corrupt tail (${scan.problem}); ` +
          `cut at the last good record, ${data.length - scan.goodBytes} bytes dropped`,
      );
      await fs.truncate(path, scan.goodBytes);
    }
    last = { seq, bytes: scan.goodBytes, records: scan.payloads.length };
  }

  const fd = await fs.openAppend(segmentPath(dir, last.seq));
  if (segments.length === 0) await fs.syncDir(dir);
  return { segment: { ...last, fd }, nextIndex: appliedIndex + 1, snapshotBytes };
}

function decode(payload: Uint8Array, path: string): WalRecord {
  try {
    return decodeWalRecord(payload);
  } catch (error) {
    throw new Error(`cannot open: ${basename(path)} holds a malformed record: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

function replay(store: MvccStore, entry: WalEntry): void {
  switch (entry.type) {
    case 'txn':
      if (entry.kvs.length > 0) store.replayRevision(entry.revision, entry.kvs);
      if (entry.revokedLease !== 0) store.leases.remove(entry.revokedLease);
      break;
    case 'lease-grant':
      store.leases.grant(entry.ttlSeconds, entry.id);
      break;
    case 'compact':
      store.compact(entry.revision);
      break;
  }
}
