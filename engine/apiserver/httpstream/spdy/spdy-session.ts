// The server side of a SPDY/3.1 connection over an upgraded socket, as Kubernetes' streaming endpoints use it
// (moby/spdystream on the client): the client opens every stream with SYN_STREAM, each is accepted with an empty
// SYN_REPLY and handed out as a SpdyStream; PINGs are answered; closing sends GOAWAY. Frames are handled strictly in
// order. Flow control: this side grants window as its readers consume data, and, like spdystream, does not hold its
// own sends to the peer's window (spdystream never grants any).

import { EventEmitter } from 'node:events';
import type { Duplex } from 'node:stream';
import { HeaderCompressor, HeaderDecompressor } from './header-compression.ts';
import { encodeFrame, GoAwayStatus, RstStatus, SpdyFrameParser, SpdyProtocolError } from './spdy-frames.ts';
import type { SpdyFrame, SynStreamFrame } from './spdy-frames.ts';
import { SpdyStream } from './spdy-stream.ts';
import type { StreamTransport } from './spdy-stream.ts';

/** Data frames are cut to this size so that one large write does not hold up the other streams. */
const MAX_DATA_FRAME = 32 * 1024;
/** How long a closing connection waits for the client to close its side before dropping the socket. */
const CLOSE_GRACE_MS = 30_000;

export interface SpdySessionEvents {
  /** A stream the client opened, already accepted. */
  stream: [SpdyStream];
  /** The connection is gone (closed by either side, or broken). */
  close: [];
}

export class SpdySession extends EventEmitter<SpdySessionEvents> implements StreamTransport {
  private readonly parser = new SpdyFrameParser();
  private readonly compressor = new HeaderCompressor();
  private readonly decompressor = new HeaderDecompressor();
  private readonly streams = new Map<number, SpdyStream>();
  private queue: Promise<void> = Promise.resolve();
  private lastStreamId = 0;
  private goingAway = false;
  /** No more frames go out (GOAWAY was sent, or the socket is gone). */
  private ending = false;
  private closed = false;

  constructor(private readonly socket: Duplex) {
    super();
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('end', () => this.destroy());
    socket.on('close', () => this.destroy());
    socket.on('error', () => this.destroy());
  }

  /** Ends the connection: FIN on every stream still open for writing, GOAWAY, then the socket. */
  close(): void {
    if (this.ending) return;
    this.goingAway = true;
    this.queue = this.queue.then(async () => {
      const open = [...this.streams.values()].filter((s) => !s.writableEnded);
      await Promise.all(open.map((s) => new Promise<void>((done) => s.end(done))));
      this.endSocket(GoAwayStatus.OK);
    });
  }

  /** Drops the connection and every stream at once. */
  destroy(): void {
    if (this.closed) return;
    this.closed = true;
    this.ending = true;
    this.dropStreams();
    this.compressor.close();
    this.decompressor.close();
    this.socket.destroy();
    this.emit('close');
  }

  /** Sends GOAWAY as the last frame and ends the socket; the client closing its side (or the grace) ends the rest. */
  private endSocket(status: number): void {
    if (this.ending) return;
    this.ending = true;
    this.dropStreams();
    this.socket.end(encodeFrame({ type: 'goaway', lastGoodStreamId: this.lastStreamId, status }));
    setTimeout(() => this.destroy(), CLOSE_GRACE_MS).unref();
  }

  /** Forgets every stream without a word to the client: the connection is going. */
  private dropStreams(): void {
    const streams = [...this.streams.values()];
    this.streams.clear();
    for (const stream of streams) stream.destroy();
  }

  sendData(streamId: number, data: Buffer, fin: boolean, done: (error?: Error | null) => void): void {
    if (this.ending) return done(new Error('connection closed'));
    let offset = 0;
    do {
      const piece = data.subarray(offset, offset + MAX_DATA_FRAME);
      offset += piece.length;
      const last = offset >= data.length;
      const frame = encodeFrame({ type: 'data', streamId, fin: fin && last, data: piece });
      if (last) this.write(frame, done);
      else this.write(frame);
    } while (offset < data.length);
  }

  sendWindowUpdate(streamId: number, delta: number): void {
    if (!this.ending) this.write(encodeFrame({ type: 'window_update', streamId, deltaWindowSize: delta }));
  }

  sendReset(streamId: number, status: number): void {
    if (!this.ending) this.write(encodeFrame({ type: 'rst_stream', streamId, status }));
  }

  pauseReading(): void {
    this.socket.pause();
  }

  resumeReading(): void {
    if (!this.closed) this.socket.resume();
  }

  forget(streamId: number): void {
    this.streams.delete(streamId);
  }

  private write(bytes: Buffer, done?: (error?: Error | null) => void): void {
    if (this.socket.write(bytes) || !done) {
      done?.();
      return;
    }
    this.socket.once('drain', () => done());
  }

  private receive(chunk: Buffer): void {
    let frames: SpdyFrame[];
    try {
      frames = this.parser.push(chunk);
    } catch (error) {
      this.fail(error);
      return;
    }
    for (const frame of frames) {
      this.queue = this.queue.then(() => this.handle(frame)).catch((error: unknown) => this.fail(error));
    }
  }

  private fail(error: unknown): void {
    this.endSocket(error instanceof SpdyProtocolError ? GoAwayStatus.PROTOCOL_ERROR : GoAwayStatus.INTERNAL_ERROR);
  }

  private async handle(frame: SpdyFrame): Promise<void> {
    if (this.ending) return;
    switch (frame.type) {
      case 'syn_stream':
        return this.open(frame);
      case 'data': {
        const stream = this.streams.get(frame.streamId);
        if (stream) stream.receive(frame.data, frame.fin);
        else this.sendReset(frame.streamId, RstStatus.INVALID_STREAM);
        return;
      }
      case 'rst_stream':
        this.streams.get(frame.streamId)?.receiveReset();
        return;
      case 'headers':
        // Read to keep the zlib context in step; streams here carry no trailing headers.
        await this.decompressor.decompress(frame.headerBlock);
        if (frame.fin) this.streams.get(frame.streamId)?.receive(Buffer.alloc(0), true);
        return;
      case 'syn_reply':
        // This side opens no streams, so no reply is expected; its header block still advances the zlib context.
        await this.decompressor.decompress(frame.headerBlock);
        return;
      case 'ping':
        // Client pings carry odd ids; answer them. Even ids would be this side's own, which it never sends.
        if (frame.id % 2 === 1) this.write(encodeFrame(frame));
        return;
      case 'goaway':
        this.goingAway = true;
        return;
      case 'settings':
      case 'window_update':
        return;
    }
  }

  private async open(frame: SynStreamFrame): Promise<void> {
    const headers = await this.decompressor.decompress(frame.headerBlock);
    const { streamId } = frame;
    if (streamId % 2 === 0 || streamId <= this.lastStreamId) {
      throw new SpdyProtocolError(`stream id ${streamId} out of order`);
    }
    this.lastStreamId = streamId;
    if (this.goingAway) {
      this.sendReset(streamId, RstStatus.REFUSED_STREAM);
      return;
    }
    const stream = new SpdyStream(streamId, headers, this);
    this.streams.set(streamId, stream);
    const reply = await this.compressor.compress({});
    this.write(encodeFrame({ type: 'syn_reply', streamId, fin: false, headerBlock: reply }));
    if (frame.fin) stream.receive(Buffer.alloc(0), true);
    this.emit('stream', stream);
  }
}
