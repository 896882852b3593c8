// The binary form of a whole store, as framed records: a header (revision, compaction, the WAL index it covers,
// leases), the base versions that predate the retained log, the log itself revision by revision, and an end marker.
// Loading replays the log, so histories, createRevisions, versions and the events a watch from an old revision sees
// come back as they were. Any bad frame makes the whole snapshot unreadable: a snapshot is never partly trusted.

import type { KeyValue } from '../kv.ts';
import { ByteReader, ByteWriter } from './bytes.ts';
import { beginFrame, endFrame, scanFrames } from './frame.ts';
import type { MvccStore } from './mvcc-store.ts';
import { readVersion, writeVersion } from './version-codec.ts';

const FORMAT = 1;
const HEADER = 1;
const BASE = 2;
const REVISIONS = 3;
const END = 4;
/** Items per frame and bytes per output chunk, to keep frames and buffers moderate. */
const ITEMS_PER_FRAME = 1024;
const CHUNK_BYTES = 1 << 20;

/** Encodes the store as it is now, declaring that it includes every WAL record up to `appliedIndex`. */
export function encodeSnapshot(store: MvccStore, appliedIndex: number): Buffer[] {
  const chunks: Buffer[] = [];
  const writer = new ByteWriter(CHUNK_BYTES + (CHUNK_BYTES >>> 2));
  const flushIfFull = (): void => {
    if (writer.length >= CHUNK_BYTES) chunks.push(writer.take());
  };
  const firstLogRevision = store.log.first;

  let frame = beginFrame(writer);
  writer.u8(HEADER);
  writer.u8(FORMAT);
  writer.varint(appliedIndex);
  writer.varint(store.revision);
  writer.varint(store.compactRevision);
  writer.varint(firstLogRevision);
  writer.varint(store.leases.nextId);
  writer.varint(store.leases.size);
  for (const lease of store.leases.all()) {
    writer.varint(lease.id);
    writer.f64(lease.ttlSeconds);
  }
  endFrame(writer, frame);

  const base: KeyValue[] = [];
  const writeBase = (): void => {
    frame = beginFrame(writer);
    writer.u8(BASE);
    writer.varint(base.length);
    for (const kv of base) {
      writer.varint(kv.modRevision);
      writeVersion(writer, kv);
    }
    endFrame(writer, frame);
    base.length = 0;
    flushIfFull();
  };
  store.forEachKey((versions) => {
    for (const kv of versions) {
      if (kv.modRevision >= firstLogRevision) break;
      base.push(kv);
      if (base.length === ITEMS_PER_FRAME) writeBase();
    }
  });
  if (base.length > 0) writeBase();

  for (let rev = firstLogRevision; rev <= store.revision; rev += ITEMS_PER_FRAME) {
    const last = Math.min(store.revision, rev + ITEMS_PER_FRAME - 1);
    frame = beginFrame(writer);
    writer.u8(REVISIONS);
    writer.varint(rev);
    writer.varint(last - rev + 1);
    for (let r = rev; r <= last; r++) {
      const events = store.log.get(r) ?? [];
      writer.varint(events.length);
      for (const event of events) writeVersion(writer, event.kv);
    }
    endFrame(writer, frame);
    flushIfFull();
  }

  frame = beginFrame(writer);
  writer.u8(END);
  writer.varint(store.revision);
  endFrame(writer, frame);
  chunks.push(writer.take());
  return chunks;
}

/** Loads a snapshot into an empty store; returns the WAL index it covers. Throws if the snapshot is damaged. */
export function loadSnapshot(data: Uint8Array, store: MvccStore): { appliedIndex: number } {
  const scan = scanFrames(data);
  if (scan.problem !== undefined) throw new Error(`snapshot is damaged: ${scan.problem}`);
  const [first, ...rest] = scan.payloads;
  const last = rest.pop();
  if (first === undefined || last === undefined) throw new Error('snapshot is incomplete');

  const header = new ByteReader(first);
  if (header.u8() !== HEADER || header.u8() !== FORMAT) throw new Error('snapshot has no valid header');
  const appliedIndex = header.varint();
  const revision = header.varint();
  const compactRevision = header.varint();
  const firstLogRevision = header.varint();
  const nextLeaseId = header.varint();
  const leaseCount = header.varint();
  for (let i = 0; i < leaseCount; i++) {
    const id = header.varint();
    store.leases.grant(header.f64(), id);
  }
  store.leases.advanceNextId(nextLeaseId);
  store.beginRestore(compactRevision, firstLogRevision);

  for (const payload of rest) {
    const reader = new ByteReader(payload);
    const tag = reader.u8();
    if (tag === BASE) {
      for (let n = reader.varint(); n > 0; n--) {
        const modRevision = reader.varint();
        store.restoreVersion(readVersion(reader, modRevision));
      }
    } else if (tag === REVISIONS) {
      const from = reader.varint();
      const revisions = reader.varint();
      for (let rev = from; rev < from + revisions; rev++) {
        const kvs: KeyValue[] = [];
        for (let n = reader.varint(); n > 0; n--) kvs.push(readVersion(reader, rev));
        store.replayRevision(rev, kvs);
      }
    } else {
      throw new Error(`snapshot has an unexpected frame type ${tag}`);
    }
    if (!reader.done) throw new Error('snapshot frame has trailing bytes');
  }

  const end = new ByteReader(last);
  if (end.u8() !== END || end.varint() !== revision || store.revision !== revision) {
    throw new Error('snapshot does not end where its header says');
  }
  return { appliedIndex };
}
