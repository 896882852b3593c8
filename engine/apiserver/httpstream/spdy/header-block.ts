// SPDY/3 name/value header blocks, uncompressed (draft-mbelshe-httpbis-spdy-00 §2.6.10): a 32-bit count, then per
// header a 32-bit length and the lower-case name, a 32-bit length and the value — several values of one name joined
// by NUL bytes.

import { SpdyProtocolError } from './spdy-frames.ts';

/** Headers by lower-case name. */
export type SpdyHeaders = Record<string, string[]>;

export function encodeHeaderBlock(headers: SpdyHeaders): Buffer {
  const entries = Object.entries(headers);
  const parts: Buffer[] = [u32(entries.length)];
  for (const [name, values] of entries) {
    const nameBytes = Buffer.from(name.toLowerCase(), 'utf8');
    const valueBytes = Buffer.from(values.join('\0'), 'utf8');
    parts.push(u32(nameBytes.length), nameBytes, u32(valueBytes.length), valueBytes);
  }
  return Buffer.concat(parts);
}

export function decodeHeaderBlock(block: Buffer): SpdyHeaders {
  let offset = 0;
  const take = (bytes: number): Buffer => {
    if (offset + bytes > block.length) throw new SpdyProtocolError('truncated header block');
    const out = block.subarray(offset, offset + bytes);
    offset += bytes;
    return out;
  };
  const count = take(4).readUInt32BE(0);
  const headers: SpdyHeaders = {};
  for (let i = 0; i < count; i++) {
    const name = take(take(4).readUInt32BE(0)).toString('utf8').toLowerCase();
    const values = take(take(4).readUInt32BE(0)).toString('utf8').split('\0');
    headers[name] = [...(headers[name] ?? []), ...values];
  }
  return headers;
}

function u32(value: number): Buffer {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(value);
  return out;
}
