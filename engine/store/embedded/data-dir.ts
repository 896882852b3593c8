// The layout of a data directory: WAL segments `wal-<seq>.log` and snapshots `snap-<seq>.snap`, where a snapshot
// with sequence number S holds everything in the segments before S. Temporary files end in `.tmp`.

import { join } from 'node:path';

export interface DataDirListing {
  /** Segment sequence numbers, ascending. */
  segments: number[];
  /** Snapshot sequence numbers, ascending. */
  snapshots: number[];
  /** Leftover temporary files (from a crash mid-snapshot). */
  temporary: string[];
}

const SEGMENT = /^wal-([0-9a-f]{16})\.log$/;
const SNAPSHOT = /^snap-([0-9a-f]{16})\.snap$/;

function seqName(seq: number): string {
  return seq.toString(16).padStart(16, '0');
}

export function segmentPath(dir: string, seq: number): string {
  return join(dir, `wal-${seqName(seq)}.log`);
}

export function snapshotPath(dir: string, seq: number): string {
  return join(dir, `snap-${seqName(seq)}.snap`);
}

export function temporaryPath(path: string): string {
  return `${path}.tmp`;
}

export function parseListing(names: readonly string[]): DataDirListing {
  const listing: DataDirListing = { segments: [], snapshots: [], temporary: [] };
  for (const name of names) {
    const segment = SEGMENT.exec(name);
    const snapshot = SNAPSHOT.exec(name);
    if (segment) listing.segments.push(parseInt(segment[1]!, 16));
    else if (snapshot) listing.snapshots.push(parseInt(snapshot[1]!, 16));
    else if (name.endsWith('.tmp')) listing.temporary.push(name);
  }
  listing.segments.sort((a, b) => a - b);
  listing.snapshots.sort((a, b) => a - b);
  return listing;
}
