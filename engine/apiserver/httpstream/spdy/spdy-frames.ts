// SPDY/3.1 framing (draft-mbelshe-httpbis-spdy-00 §2.2–2.6, with 3.1's WINDOW_UPDATE): frames to bytes and bytes to
// frames. Header blocks stay as the compressed bytes on the wire here; header-compression.ts turns them into names
// and values, because their zlib context spans the whole connection.

export const SPDY_VERSION = 3;

export const FLAG_FIN = 0x01;
export const FLAG_UNIDIRECTIONAL = 0x02;

/** RST_STREAM status codes. */
export const RstStatus = {
  PROTOCOL_ERROR: 1,
  INVALID_STREAM: 2,
  REFUSED_STREAM: 3,
  UNSUPPORTED_VERSION: 4,
  CANCEL: 5,
  INTERNAL_ERROR: 6,
  FLOW_CONTROL_ERROR: 7,
  STREAM_IN_USE: 8,
  STREAM_ALREADY_CLOSED: 9,
  FRAME_TOO_LARGE: 11,
} as const;

/** GOAWAY status codes. */
export const GoAwayStatus = { OK: 0, PROTOCOL_ERROR: 1, INTERNAL_ERROR: 2 } as const;

const TYPE = {
  syn_stream: 1,
  syn_reply: 2,
  rst_stream: 3,
  settings: 4,
  ping: 6,
  goaway: 7,
  headers: 8,
  window_update: 9,
} as const;

/** The largest payload a frame's 24-bit length can carry. */
export const MAX_FRAME_PAYLOAD = 0xffffff;

export interface DataFrame {
  type: 'data';
  streamId: number;
  fin: boolean;
  data: Buffer;
}

export interface SynStreamFrame {
  type: 'syn_stream';
  streamId: number;
  associatedStreamId: number;
  priority: number;
  fin: boolean;
  unidirectional: boolean;
  /** The compressed name/value header block. */
  headerBlock: Buffer;
}

export interface SynReplyFrame {
  type: 'syn_reply';
  streamId: number;
  fin: boolean;
  headerBlock: Buffer;
}

export interface RstStreamFrame {
  type: 'rst_stream';
  streamId: number;
  status: number;
}

export interface SettingsEntry {
  flags: number;
  id: number;
  value: number;
}

export interface SettingsFrame {
  type: 'settings';
  clearSettings: boolean;
  entries: SettingsEntry[];
}

export interface PingFrame {
  type: 'ping';
  id: number;
}

export interface GoAwayFrame {
  type: 'goaway';
  lastGoodStreamId: number;
  status: number;
}

export interface HeadersFrame {
  type: 'headers';
  streamId: number;
  fin: boolean;
  headerBlock: Buffer;
}

export interface WindowUpdateFrame {
  type: 'window_update';
  streamId: number;
  deltaWindowSize: number;
}

export type SpdyFrame =
  | DataFrame
  | SynStreamFrame
  | SynReplyFrame
  | RstStreamFrame
  | SettingsFrame
  | PingFrame
  | GoAwayFrame
  | HeadersFrame
  | WindowUpdateFrame;

/** A frame that breaks the protocol; the connection cannot go on after it. */
export class SpdyProtocolError extends Error {
  override name = 'SpdyProtocolError';
}

const STREAM_ID_MASK = 0x7fffffff;

function controlFrame(type: number, flags: number, payload: Buffer): Buffer {
  if (payload.length > MAX_FRAME_PAYLOAD) throw new SpdyProtocolError(`frame payload of ${payload.length} bytes`);
  const head = Buffer.alloc(8);
  head.writeUInt16BE(0x8000 | SPDY_VERSION, 0);
  head.writeUInt16BE(type, 2);
  head.writeUInt32BE(((flags & 0xff) << 24) | payload.length, 4);
  return Buffer.concat([head, payload]);
}

function words(...values: number[]): Buffer {
  const out = Buffer.alloc(values.length * 4);
  values.forEach((v, i) => out.writeUInt32BE(v >>> 0, i * 4));
  return out;
}

export function encodeFrame(frame: SpdyFrame): Buffer {
  switch (frame.type) {
    case 'data': {
      if (frame.data.length > MAX_FRAME_PAYLOAD)
        throw new SpdyProtocolError(`data frame of ${frame.data.length} bytes`);
      const head = Buffer.alloc(8);
      head.writeUInt32BE(frame.streamId & STREAM_ID_MASK, 0);
      head.writeUInt32BE(((frame.fin ? FLAG_FIN : 0) << 24) | frame.data.length, 4);
      return Buffer.concat([head, frame.data]);
    }
    case 'syn_stream': {
      const fixed = Buffer.alloc(10);
      fixed.writeUInt32BE(frame.streamId & STREAM_ID_MASK, 0);
      fixed.writeUInt32BE(frame.associatedStreamId & STREAM_ID_MASK, 4);
      fixed.writeUInt8((frame.priority & 0x7) << 5, 8);
      const flags = (frame.fin ? FLAG_FIN : 0) | (frame.unidirectional ? FLAG_UNIDIRECTIONAL : 0);
      return controlFrame(TYPE.syn_stream, flags, Buffer.concat([fixed, frame.headerBlock]));
    }
    case 'syn_reply':
      return controlFrame(
        TYPE.syn_reply,
        frame.fin ? FLAG_FIN : 0,
        Buffer.concat([words(frame.streamId & STREAM_ID_MASK), frame.headerBlock]),
      );
    case 'headers':
      return controlFrame(
        TYPE.headers,
        frame.fin ? FLAG_FIN : 0,
        Buffer.concat([words(frame.streamId & STREAM_ID_MASK), frame.headerBlock]),
      );
    case 'rst_stream':
      return controlFrame(TYPE.rst_stream, 0, words(frame.streamId & STREAM_ID_MASK, frame.status));
    case 'settings': {
      const values = frame.entries.flatMap((e) => [((e.flags & 0xff) << 24) | (e.id & 0xffffff), e.value]);
      return controlFrame(TYPE.settings, frame.clearSettings ? 1 : 0, words(frame.entries.length, ...values));
    }
    case 'ping':
      return controlFrame(TYPE.ping, 0, words(frame.id));
    case 'goaway':
      return controlFrame(TYPE.goaway, 0, words(frame.lastGoodStreamId & STREAM_ID_MASK, frame.status));
    case 'window_update':
      return controlFrame(
        TYPE.window_update,
        0,
        words(frame.streamId & STREAM_ID_MASK, frame.deltaWindowSize & STREAM_ID_MASK),
      );
  }
}

function need(payload: Buffer, bytes: number, what: string): void {
  if (payload.length < bytes) throw new SpdyProtocolError(`${what} frame of ${payload.length} bytes`);
}

function decodeControl(type: number, flags: number, payload: Buffer): SpdyFrame | undefined {
  const fin = (flags & FLAG_FIN) !== 0;
  switch (type) {
    case TYPE.syn_stream:
      need(payload, 10, 'SYN_STREAM');
      return {
        type: 'syn_stream',
        streamId: payload.readUInt32BE(0) & STREAM_ID_MASK,
        associatedStreamId: payload.readUInt32BE(4) & STREAM_ID_MASK,
        priority: payload.readUInt8(8) >> 5,
        fin,
        unidirectional: (flags & FLAG_UNIDIRECTIONAL) !== 0,
        headerBlock: payload.subarray(10),
      };
    case TYPE.syn_reply:
      need(payload, 4, 'SYN_REPLY');
      return {
        type: 'syn_reply',
        streamId: payload.readUInt32BE(0) & STREAM_ID_MASK,
        fin,
        headerBlock: payload.subarray(4),
      };
    case TYPE.headers:
      need(payload, 4, 'HEADERS');
      return {
        type: 'headers',
        streamId: payload.readUInt32BE(0) & STREAM_ID_MASK,
        fin,
        headerBlock: payload.subarray(4),
      };
    case TYPE.rst_stream:
      need(payload, 8, 'RST_STREAM');
      return {
        type: 'rst_stream',
        streamId: payload.readUInt32BE(0) & STREAM_ID_MASK,
        status: payload.readUInt32BE(4),
      };
    case TYPE.settings: {
      need(payload, 4, 'SETTINGS');
      const count = payload.readUInt32BE(0);
      need(payload, 4 + count * 8, 'SETTINGS');
      const entries: SettingsEntry[] = [];
      for (let i = 0; i < count; i++) {
        const flagsAndId = payload.readUInt32BE(4 + i * 8);
        entries.push({ flags: flagsAndId >>> 24, id: flagsAndId & 0xffffff, value: payload.readUInt32BE(8 + i * 8) });
      }
      return { type: 'settings', clearSettings: (flags & 1) !== 0, entries };
    }
    case TYPE.ping:
      need(payload, 4, 'PING');
      return { type: 'ping', id: payload.readUInt32BE(0) };
    case TYPE.goaway:
      need(payload, 8, 'GOAWAY');
      return {
        type: 'goaway',
        lastGoodStreamId: payload.readUInt32BE(0) & STREAM_ID_MASK,
        status: payload.readUInt32BE(4),
      };
    case TYPE.window_update:
      need(payload, 8, 'WINDOW_UPDATE');
      return {
        type: 'window_update',
        streamId: payload.readUInt32BE(0) & STREAM_ID_MASK,
        deltaWindowSize: payload.readUInt32BE(4) & STREAM_ID_MASK,
      };
    default:
      // Unknown control frames are ignored, as the protocol asks.
      return undefined;
  }
}

/** Reads frames from the bytes of a connection as they arrive, in any chunking. */
export class SpdyFrameParser {
  private buffered: Buffer = Buffer.alloc(0);

  /** Adds received bytes; returns the frames now complete. Throws SpdyProtocolError on a malformed frame. */
  push(chunk: Buffer): SpdyFrame[] {
    this.buffered = this.buffered.length ? Buffer.concat([this.buffered, chunk]) : chunk;
    const frames: SpdyFrame[] = [];
    while (this.buffered.length >= 8) {
      const length = this.buffered.readUInt32BE(4) & 0xffffff;
      if (this.buffered.length < 8 + length) break;
      const frame = this.decode(this.buffered.subarray(0, 8 + length));
      this.buffered = this.buffered.subarray(8 + length);
      if (frame) frames.push(frame);
    }
    return frames;
  }

  private decode(bytes: Buffer): SpdyFrame | undefined {
    const first = bytes.readUInt32BE(0);
    const flags = bytes.readUInt8(4);
    const payload = Buffer.from(bytes.subarray(8));
    if ((first & 0x80000000) === 0) {
      const streamId = first & STREAM_ID_MASK;
      if (streamId === 0) throw new SpdyProtocolError('data frame on stream 0');
      return { type: 'data', streamId, fin: (flags & FLAG_FIN) !== 0, data: payload };
    }
    const version = (first >>> 16) & 0x7fff;
    if (version !== SPDY_VERSION) throw new SpdyProtocolError(`unsupported SPDY version ${version}`);
    return decodeControl(first & 0xffff, flags, payload);
  }
}
