// The server end of a TCP connection to a program listening on a port, as a Node duplex: what the client writes goes
// in, what the program answers comes out. Programs answer HTTP through their `http` handler: requests are parsed from
// the bytes (several on a kept-alive connection) and each answer written back as HTTP/1.1. A client that speaks
// something else to a program without a protocol handler of its own there (postgres) gets a connection that is
// accepted and held, its bytes read and left unanswered, until either side closes it.

import { Duplex } from 'node:stream';
import type { PortListener } from '../../images/process/loopback-network.ts';
import { httpResponseBytes } from './http-response-bytes.ts';
import { HttpRequestParser, keepsAlive } from './http-request-parser.ts';

/** How the first bytes of a connection tell an HTTP request (a method and a space) from another protocol. */
const HTTP_START = /^[A-Z]{3,10} /;
const BAD_REQUEST = Buffer.from('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n', 'latin1');

type Mode = 'undecided' | 'http' | 'held';

export class TcpConnection extends Duplex {
  private readonly parser = new HttpRequestParser();
  private mode: Mode = 'undecided';
  private closing = false;

  constructor(
    private readonly listener: PortListener,
    private readonly port: number,
    /** The client's address as the program sees it (its access log). */
    private readonly remoteAddress: string,
  ) {
    super({ allowHalfOpen: true });
  }

  override _read(): void {}

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    if (this.mode === 'undecided') this.decide(chunk);
    if (this.mode === 'http' && !this.closing) {
      this.parser.push(chunk);
      this.answer();
    }
    callback();
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.closeServerSide();
    callback();
  }

  private decide(chunk: Buffer): void {
    const start = chunk.subarray(0, 11).toString('latin1');
    this.mode = HTTP_START.test(start) || (start.length < 11 && /^[A-Z]*$/.test(start)) ? 'http' : 'held';
  }

  /** Answers every complete request buffered. */
  private answer(): void {
    for (;;) {
      const result = this.parser.next();
      if (result.kind === 'incomplete') return;
      if (result.kind === 'invalid') {
        this.push(BAD_REQUEST);
        return this.closeServerSide();
      }
      const { request } = result;
      const response = this.listener.http?.({
        method: request.method,
        path: request.target,
        headers: request.headers,
        port: this.port,
        remoteAddress: this.remoteAddress,
      });
      if (!response) {
        // The program listens here but does not speak HTTP: it waits for its own protocol.
        this.mode = 'held';
        return;
      }
      const close = !keepsAlive(request);
      this.push(httpResponseBytes(response, { head: request.method === 'HEAD', close }));
      if (close) return this.closeServerSide();
    }
  }

  /** The server closes its side. */
  private closeServerSide(): void {
    if (this.closing) return;
    this.closing = true;
    this.push(null);
  }
}
