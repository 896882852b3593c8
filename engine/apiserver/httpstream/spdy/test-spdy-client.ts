// Test support: the client's end of a SPDY connection to a SpdySession over an in-memory socket pair — it opens
// streams with compressed headers, sends frames, and collects what the session sends back (SYN_REPLY headers decoded).

import { Duplex, PassThrough } from 'node:stream';
import { HeaderCompressor, HeaderDecompressor } from './header-compression.ts';
import type { SpdyHeaders } from './header-block.ts';
import { encodeFrame, SpdyFrameParser } from './spdy-frames.ts';
import type { SpdyFrame } from './spdy-frames.ts';
import { SpdySession } from './spdy-session.ts';
import type { SpdyStream } from './spdy-stream.ts';

/** The client's end of a connection to a session: frames out, frames (with decoded headers) in. */
export class TestClient {
  readonly received: (SpdyFrame & { headers?: SpdyHeaders })[] = [];
  readonly ended: Promise<void>;
  private readonly compressor = new HeaderCompressor();
  private readonly decompressor = new HeaderDecompressor();
  private readonly parser = new SpdyFrameParser();
  private queue = Promise.resolve();
  private waiters: (() => void)[] = [];

  constructor(readonly socket: Duplex) {
    socket.on('error', () => socket.destroy());
    socket.on('data', (chunk: Buffer) => {
      for (const frame of this.parser.push(chunk)) {
        this.queue = this.queue.then(async () => {
          const headers =
            frame.type === 'syn_reply' ? await this.decompressor.decompress(frame.headerBlock) : undefined;
          this.received.push({ ...frame, headers });
          for (const wake of this.waiters) wake();
        });
      }
    });
    this.ended = new Promise((resolve) => socket.once('end', resolve));
  }

  async open(streamId: number, headers: SpdyHeaders, fin = false): Promise<void> {
    const headerBlock = await this.compressor.compress(headers);
    this.send({
      type: 'syn_stream',
      streamId,
      associatedStreamId: 0,
      priority: 0,
      fin,
      unidirectional: false,
      headerBlock,
    });
  }

  send(frame: SpdyFrame): void {
    this.socket.write(encodeFrame(frame));
  }

  /** Resolves with the received frames once `done` holds for them. */
  until(done: (frames: SpdyFrame[]) => boolean): Promise<SpdyFrame[]> {
    return new Promise((resolve) => {
      const check = () => {
        if (!done(this.received)) return;
        this.waiters = this.waiters.filter((w) => w !== check);
        resolve(this.received);
      };
      this.waiters.push(check);
      check();
    });
  }
}

export function connect(): { session: SpdySession; client: TestClient; streams: SpdyStream[] } {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const server = Duplex.from({ readable: toServer, writable: toClient });
  const session = new SpdySession(server);
  const streams: SpdyStream[] = [];
  session.on('stream', (s) => streams.push(s));
  const client = new TestClient(Duplex.from({ readable: toClient, writable: toServer }));
  return { session, client, streams };
}
