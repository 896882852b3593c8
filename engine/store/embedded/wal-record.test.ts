import { describe, expect, it } from 'vitest';
import { ByteWriter } from './bytes.ts';
import { scanFrames } from './frame.ts';
import { decodeWalRecord, encodeWalRecord, type WalEntry } from './wal-record.ts';

const put = {
  key: '/registry/pods/default/web-0',
  value: new Uint8Array([0, 1, 2, 255]),
  createRevision: 7,
  modRevision: 12,
  version: 3,
  lease: 2 ** 40,
};
const tombstone = {
  key: '/registry/pods/default/old',
  value: new Uint8Array(0),
  createRevision: 0,
  modRevision: 12,
  version: 0,
  lease: 0,
};

const entries: { name: string; entry: WalEntry }[] = [
  {
    name: 'a transaction with a put and a delete',
    entry: { type: 'txn', revision: 12, kvs: [put, tombstone], revokedLease: 0 },
  },
  { name: 'a lease revocation that deleted nothing', entry: { type: 'txn', revision: 12, kvs: [], revokedLease: 5 } },
  { name: 'a lease grant', entry: { type: 'lease-grant', id: 5, ttlSeconds: 0.5 } },
  { name: 'a compaction', entry: { type: 'compact', revision: 11 } },
];

describe('WAL records', () => {
  it.each(entries)('round-trip $name', ({ entry }) => {
    const writer = new ByteWriter();
    encodeWalRecord(writer, 42, entry);
    const [payload, ...rest] = scanFrames(writer.take()).payloads;
    expect(rest).toEqual([]);
    expect(decodeWalRecord(payload!)).toEqual({ index: 42, entry });
  });

  it('rejects a payload with an unknown type', () => {
    expect(() => decodeWalRecord(new Uint8Array([99, 1]))).toThrow(/unknown WAL record type 99/);
  });

  it('rejects a payload with trailing bytes', () => {
    const writer = new ByteWriter();
    encodeWalRecord(writer, 1, { type: 'compact', revision: 3 });
    const payload = scanFrames(writer.take()).payloads[0]!;
    expect(() => decodeWalRecord(new Uint8Array([...payload, 0]))).toThrow(/trailing bytes/);
  });
});
