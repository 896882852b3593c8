import { describe, expect, it } from 'vitest';
import { parseListing, segmentPath, snapshotPath, temporaryPath } from './data-dir.ts';

describe('data directory layout', () => {
  it('names segments and snapshots by zero-padded hexadecimal sequence numbers', () => {
    expect(segmentPath('/d', 26)).toBe('/d/wal-000000000000001a.log');
    expect(snapshotPath('/d', 26)).toBe('/d/snap-000000000000001a.snap');
    expect(temporaryPath(snapshotPath('/d', 26))).toBe('/d/snap-000000000000001a.snap.tmp');
  });

  it('sorts what it finds and ignores files that are not its own', () => {
    const listing = parseListing([
      'wal-000000000000000a.log',
      'wal-0000000000000002.log',
      'snap-0000000000000002.snap',
      'snap-000000000000000a.snap.tmp',
      'notes.txt',
      'wal-2.log',
    ]);
    expect(listing).toEqual({
      segments: [2, 10],
      snapshots: [2],
      temporary: ['snap-000000000000000a.snap.tmp'],
    });
  });
});
