// WAL records: every committed change to the store, framed (length + CRC32) and numbered by a gap-free index so
// replay after a snapshot knows where to resume. A transaction record holds the versions it wrote (so revisions,
// createRevisions and versions come back exactly) and, for a lease revocation, the revoked lease.

import type { KeyValue } from '../kv.ts';
import { ByteReader, type ByteWriter } from './bytes.ts';
import { beginFrame, endFrame } from './frame.ts';
import { readVersion, writeVersion } from './version-codec.ts';

export type WalEntry =
  | {
      type: 'txn';
      /** The revision the versions were written at (the unchanged revision when there are none). */
      revision: number;
      kvs: readonly KeyValue[];
      /** The lease this transaction revoked, or 0. */
      revokedLease: number;
    }
  | { type: 'lease-grant'; id: number; ttlSeconds: number }
  | { type: 'compact'; revision: number };

export interface WalRecord {
  /** Position in the log: 1 for the first record ever, then gap-free. */
  index: number;
  entry: WalEntry;
}

const TXN = 1;
const LEASE_GRANT = 2;
const COMPACT = 3;

/** Appends one framed record to the writer. */
export function encodeWalRecord(writer: ByteWriter, index: number, entry: WalEntry): void {
  const frame = beginFrame(writer);
  switch (entry.type) {
    case 'txn':
      writer.u8(TXN);
      writer.varint(index);
      writer.varint(entry.revision);
      writer.varint(entry.revokedLease);
      writer.varint(entry.kvs.length);
      for (const kv of entry.kvs) writeVersion(writer, kv);
      break;
    case 'lease-grant':
      writer.u8(LEASE_GRANT);
      writer.varint(index);
      writer.varint(entry.id);
      writer.f64(entry.ttlSeconds);
      break;
    case 'compact':
      writer.u8(COMPACT);
      writer.varint(index);
      writer.varint(entry.revision);
      break;
  }
  endFrame(writer, frame);
}

/** Decodes one frame's payload; throws if it is not a well-formed record. */
export function decodeWalRecord(payload: Uint8Array): WalRecord {
  const reader = new ByteReader(payload);
  const tag = reader.u8();
  const index = reader.varint();
  let entry: WalEntry;
  switch (tag) {
    case TXN: {
      const revision = reader.varint();
      const revokedLease = reader.varint();
      const count = reader.varint();
      const kvs: KeyValue[] = [];
      for (let i = 0; i < count; i++) kvs.push(readVersion(reader, revision));
      entry = { type: 'txn', revision, kvs, revokedLease };
      break;
    }
    case LEASE_GRANT:
      entry = { type: 'lease-grant', id: reader.varint(), ttlSeconds: reader.f64() };
      break;
    case COMPACT:
      entry = { type: 'compact', revision: reader.varint() };
      break;
    default:
      throw new Error(`unknown WAL record type ${tag}`);
  }
  if (!reader.done) throw new Error('trailing bytes in WAL record');
  return { index, entry };
}
