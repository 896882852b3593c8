import { describe, expect, it } from 'vitest';
import { webSocketPair } from '../httpstream/websocket/test-websocket-server.ts';
import { webSocketByteStream } from './websocket-byte-stream.ts';

// The `ws` client refuses kubectl's subprotocol name (its '/' is not a token character): these tunnels are named
// plainly.

describe('WebSocket byte stream', () => {
  it('reads binary messages as one stream of bytes and sends each write as a binary message', async () => {
    const pair = await webSocketPair(['tunnel'], 'tunnel');
    const stream = webSocketByteStream(pair.server);
    const read = new Promise<string>((resolve) => {
      let text = '';
      stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
      stream.on('end', () => resolve(text));
    });
    const message = new Promise<{ data: Buffer; isBinary: boolean }>((resolve) =>
      pair.client.once('message', (data: Buffer, isBinary) => resolve({ data, isBinary })),
    );
    pair.client.send(Buffer.from('fra'));
    pair.client.send(Buffer.from('mes'));
    stream.write('reply');
    expect(await message).toEqual({ data: Buffer.from('reply'), isBinary: true });
    pair.client.close();
    expect(await read).toBe('frames');
    await pair.close();
  });

  it('closes the tunnel on a text message, as client-go’s tunneling connection refuses one', async () => {
    const pair = await webSocketPair(['tunnel'], 'tunnel');
    webSocketByteStream(pair.server).resume();
    const closed = new Promise((resolve) => pair.client.once('close', (code) => resolve(code)));
    pair.client.send('text');
    expect(await closed).toBe(1003);
    await pair.close();
  });

  it('closes the WebSocket normally when the stream ends', async () => {
    const pair = await webSocketPair(['tunnel'], 'tunnel');
    const closed = new Promise((resolve) => pair.client.once('close', (code) => resolve(code)));
    webSocketByteStream(pair.server).end();
    expect(await closed).toBe(1000);
    await pair.close();
  });
});
