// One SPDY stream of a connection, as a Node duplex: what the peer sends on it comes out of the readable side (its
// FIN ends it; the window it used is granted back as the reader takes it), what is written goes out as DATA frames
// (ending the writable side sends FIN). Destroying a stream not closed both ways resets it (RST_STREAM CANCEL).

import { Duplex } from 'node:stream';
import type { SpdyHeaders } from './header-block.ts';

/** What a stream asks of its connection. */
export interface StreamTransport {
  /** Sends data on the stream; `done` runs once the socket took it (write back-pressure). */
  sendData(streamId: number, data: Buffer, fin: boolean, done: (error?: Error | null) => void): void;
  /** Grants the peer more send window for data this side consumed. */
  sendWindowUpdate(streamId: number, delta: number): void;
  sendReset(streamId: number, status: number): void;
  /** Reading the connection pauses while a stream's reader lags, and resumes when it catches up. */
  pauseReading(): void;
  resumeReading(): void;
  forget(streamId: number): void;
}

const CANCEL = 5;

export class SpdyStream extends Duplex {
  /** Bytes the reader has not taken yet (its buffer was full), granted back as window once it does. */
  private unacknowledged = 0;
  private resetByPeer = false;

  constructor(
    readonly id: number,
    readonly headers: SpdyHeaders,
    private readonly transport: StreamTransport,
  ) {
    super({ allowHalfOpen: true });
  }

  /** The first value of a header (names are lower case). */
  header(name: string): string | undefined {
    return this.headers[name]?.[0];
  }

  /** Data (and perhaps FIN) from the peer. */
  receive(data: Buffer, fin: boolean): void {
    if (this.destroyed || this.readableEnded) return;
    if (data.length > 0) {
      if (this.push(data)) this.transport.sendWindowUpdate(this.id, data.length);
      else {
        this.unacknowledged += data.length;
        this.transport.pauseReading();
      }
    }
    if (fin) this.push(null);
  }

  /** The peer reset the stream: it is gone in both directions. */
  receiveReset(): void {
    this.resetByPeer = true;
    this.push(null);
    this.destroy();
  }

  override _read(): void {
    if (this.unacknowledged > 0) {
      this.transport.sendWindowUpdate(this.id, this.unacknowledged);
      this.unacknowledged = 0;
    }
    this.transport.resumeReading();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.transport.sendData(this.id, chunk, false, callback);
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.transport.sendData(this.id, Buffer.alloc(0), true, callback);
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    const closedBothWays = this.readableEnded && this.writableFinished;
    if (!this.resetByPeer && !closedBothWays) this.transport.sendReset(this.id, CANCEL);
    this.transport.forget(this.id);
    callback(error);
  }
}
