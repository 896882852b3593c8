// The binary form of one version of a key, shared by WAL records and snapshots: a kind byte (put or delete), the key,
// and for a put its createRevision, version, lease and raw value bytes. The modRevision is the enclosing record's.

import type { KeyValue } from '../kv.ts';
import type { ByteReader, ByteWriter } from './bytes.ts';
import { isTombstone } from './key-history.ts';

const PUT = 1;
const DELETE = 2;
const NO_VALUE = new Uint8Array(0);

export function writeVersion(writer: ByteWriter, kv: KeyValue): void {
  if (isTombstone(kv)) {
    writer.u8(DELETE);
    writer.string(kv.key);
    return;
  }
  writer.u8(PUT);
  writer.string(kv.key);
  writer.varint(kv.createRevision);
  writer.varint(kv.version);
  writer.varint(kv.lease);
  writer.bytes(kv.value);
}

export function readVersion(reader: ByteReader, modRevision: number): KeyValue {
  const kind = reader.u8();
  const key = reader.string();
  if (kind === DELETE) {
    return Object.freeze({ key, value: NO_VALUE, createRevision: 0, modRevision, version: 0, lease: 0 });
  }
  if (kind !== PUT) throw new Error(`unknown version kind ${kind}`);
  const createRevision = reader.varint();
  const version = reader.varint();
  const lease = reader.varint();
  const value = reader.bytes();
  return Object.freeze({ key, value, createRevision, modRevision, version, lease });
}
