// A WebSocket spoken in a channel protocol, as Node streams: a readable per channel the client writes (ended by v5's
// close signal or by the connection closing; reading the socket pauses while a reader lags) and a writable per
// channel this side writes. Messages on channels nobody reads are dropped, as wsstream ignores them.

import { Readable, Writable } from 'node:stream';
import type { WebSocket } from 'ws';
import { decodeChannelMessage, encodeChannelMessage } from './channel-codec.ts';
import type { ChannelProtocol } from './channel-protocols.ts';

/** Bytes queued on the socket beyond which a send waits until they are written. */
const MAX_BUFFERED = 1024 * 1024;
/** A normal closure: client-go reads it as the end of every stream. */
const NORMAL_CLOSURE = 1000;
const PROTOCOL_ERROR = 1002;

export class ChannelConnection {
  /** Resolves when the WebSocket is closed, by either side. */
  readonly closed: Promise<void>;
  private readonly readers = new Map<number, Readable>();
  /** Channels the client closed (or all of them, once the connection is gone). */
  private readonly ended = new Set<number>();

  constructor(
    private readonly ws: WebSocket,
    readonly protocol: ChannelProtocol,
    readChannels: readonly number[],
  ) {
    for (const channel of readChannels) this.readers.set(channel, new Readable({ read: () => ws.resume() }));
    ws.on('message', (data: Buffer) => this.receive(data));
    this.closed = new Promise((resolve) => {
      ws.once('close', () => {
        for (const channel of this.readers.keys()) this.end(channel);
        resolve();
      });
    });
  }

  /** What the client writes on a channel given to the constructor. */
  reader(channel: number): Readable {
    const reader = this.readers.get(channel);
    if (!reader) throw new Error(`channel ${channel} is not read`);
    return reader;
  }

  /** A stream of messages on a channel. Ending it sends nothing: channels this side writes are not closed singly. */
  writer(channel: number): Writable {
    return new Writable({
      write: (chunk: Buffer, _encoding, callback) => {
        this.send(channel, chunk).then(() => callback(), callback);
      },
    });
  }

  /** Sends one message on a channel (an empty one too: it tells the client the channel is open). */
  send(channel: number, data: Uint8Array): Promise<void> {
    const message = encodeChannelMessage(this.protocol, channel, data);
    return new Promise((resolve, reject) => {
      const wait = this.ws.bufferedAmount > MAX_BUFFERED;
      this.ws.send(message, { binary: !this.protocol.base64 }, (error) => {
        if (!wait) return;
        if (error) reject(error);
        else resolve();
      });
      if (!wait) resolve();
    });
  }

  /** Closes the WebSocket normally, once what was sent before has been written. */
  close(): void {
    this.ws.close(NORMAL_CLOSURE);
  }

  private end(channel: number): void {
    if (this.ended.has(channel)) return;
    this.ended.add(channel);
    this.readers.get(channel)?.push(null);
  }

  private receive(data: Buffer): void {
    const message = decodeChannelMessage(this.protocol, data);
    switch (message.kind) {
      case 'data': {
        const reader = this.readers.get(message.channel);
        if (reader && !this.ended.has(message.channel) && !reader.push(message.data)) this.ws.pause();
        return;
      }
      case 'close':
        this.end(message.channel);
        return;
      case 'invalid':
        this.ws.close(PROTOCOL_ERROR, message.reason.slice(0, 120));
        return;
      case 'empty':
        return;
    }
  }
}
