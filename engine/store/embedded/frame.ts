// Record framing shared by the WAL and snapshots: [u32 payload length][u32 CRC32 of payload][payload], little-endian.
// Scanning stops at the first frame that is incomplete, empty, or fails its checksum, and says where and why, so
// a torn or corrupt tail is cut at the last good record instead of being misread.

import { crc32 } from 'node:zlib';
import type { ByteWriter } from './bytes.ts';

export const FRAME_HEADER_BYTES = 8;

/** Reserves a frame header; returns the position to pass to endFrame once the payload is written. */
export function beginFrame(writer: ByteWriter): number {
  const start = writer.length;
  writer.u32(0);
  writer.u32(0);
  return start;
}

/** Fills in the header of the frame begun at `start` with the payload's length and checksum. */
export function endFrame(writer: ByteWriter, start: number): void {
  const payloadStart = start + FRAME_HEADER_BYTES;
  const length = writer.length - payloadStart;
  writer.u32At(start, length);
  writer.u32At(start + 4, crc32(writer.view(payloadStart)));
}

export interface FrameScan {
  payloads: Uint8Array[];
  /** Bytes up to the end of the last good frame. */
  goodBytes: number;
  /** Why scanning stopped before the end of the data, if it did. */
  problem?: string;
}

export function scanFrames(data: Uint8Array): FrameScan {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const payloads: Uint8Array[] = [];
  let pos = 0;
  while (pos < data.length) {
    if (data.length - pos < FRAME_HEADER_BYTES) {
      return { payloads, goodBytes: pos, problem: `partial frame header at offset ${pos}` };
    }
    const length = view.getUint32(pos, true);
    const checksum = view.getUint32(pos + 4, true);
    if (length === 0) return { payloads, goodBytes: pos, problem: `empty frame at offset ${pos}` };
    const end = pos + FRAME_HEADER_BYTES + length;
    if (end > data.length) return { payloads, goodBytes: pos, problem: `partial frame at offset ${pos}` };
    const payload = data.subarray(pos + FRAME_HEADER_BYTES, end);
    if (crc32(payload) !== checksum) return { payloads, goodBytes: pos, problem: `CRC mismatch at offset ${pos}` };
    payloads.push(payload);
    pos = end;
  }
  return { payloads, goodBytes: pos };
}
