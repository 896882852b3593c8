// A WebSocket carrying a byte stream in binary messages — the tunnel kubectl opens for SPDY (client-go's
// TunnelingConnection): each write is one message, messages are read as one stream of bytes. A text message breaks
// the tunnel, as it does there. Ending the stream closes the WebSocket normally.

import { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';

const NORMAL_CLOSURE = 1000;
const UNSUPPORTED_DATA = 1003;

export function webSocketByteStream(ws: WebSocket): Duplex {
  const stream = new Duplex({
    read: () => ws.resume(),
    write: (chunk: Buffer, _encoding, callback) => ws.send(chunk, { binary: true }, (error) => callback(error)),
    final: (callback) => {
      ws.close(NORMAL_CLOSURE);
      callback();
    },
    destroy: (error, callback) => {
      ws.terminate();
      callback(error);
    },
  });
  ws.on('message', (data: Buffer, isBinary: boolean) => {
    if (!isBinary) return ws.close(UNSUPPORTED_DATA, 'invalid message type received');
    if (!stream.push(data)) ws.pause();
  });
  ws.once('close', () => stream.push(null));
  ws.once('error', (error) => stream.destroy(error));
  return stream;
}
