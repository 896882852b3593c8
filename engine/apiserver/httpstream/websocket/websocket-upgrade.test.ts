import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { acceptWebSocket, isWebSocketUpgrade } from './websocket-upgrade.ts';
import { webSocketPair } from './test-websocket-server.ts';

describe('WebSocket upgrade', () => {
  it.each([
    [{ upgrade: 'websocket' }, true],
    [{ upgrade: 'WebSocket' }, true],
    [{ upgrade: 'SPDY/3.1' }, false],
    [{}, false],
  ])('tells a WebSocket request from others: %j', (headers, expected) => {
    expect(isWebSocketUpgrade(headers)).toBe(expected);
  });

  it('completes the handshake with the negotiated subprotocol and the pipeline’s headers', async () => {
    const pair = await webSocketPair(['v5.channel.k8s.io'], 'v5.channel.k8s.io', { warning: '299 - "careful"' });
    expect(pair.client.protocol).toBe('v5.channel.k8s.io');
    expect(pair.response.headers['warning']).toBe('299 - "careful"');
    await pair.close();
  });

  it('names no subprotocol when the client offered none', async () => {
    const pair = await webSocketPair([], '');
    expect(pair.client.protocol).toBe('');
    expect(pair.response.headers['sec-websocket-protocol']).toBeUndefined();
    await pair.close();
  });

  it('refuses a malformed handshake with 400 and no WebSocket', async () => {
    const server = http.createServer();
    const accepted = new Promise((resolve) =>
      server.on('upgrade', (request, socket, head) =>
        resolve(acceptWebSocket({ request, socket, head, headers: {} }, '')),
      ),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const status = await new Promise<number | undefined>((resolve) => {
      const req = http.request({ port, host: '127.0.0.1', headers: { connection: 'Upgrade', upgrade: 'websocket' } });
      req.on('response', (res) => resolve(res.statusCode));
      req.end();
    });
    expect(status).toBe(400);
    expect(await accepted).toBeUndefined();
    await new Promise((resolve) => server.close(resolve));
  });
});
