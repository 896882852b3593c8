// Test support: a loopback HTTP server whose upgrades are accepted with acceptWebSocket, and a `ws` client for it, so
// the channel layers run over real WebSocket handshakes and frames.

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket } from 'ws';
import type { ResponseHeaders } from '../../endpoints/api-request.ts';
import { acceptWebSocket } from './websocket-upgrade.ts';

export interface WebSocketPair {
  server: WebSocket;
  client: WebSocket;
  /** The client's view of the 101 response. */
  response: http.IncomingMessage;
  close(): Promise<void>;
}

/** Connects a client offering `offered`; the server accepts with `protocol` and adds `headers` to the 101. */
export async function webSocketPair(
  offered: string[],
  protocol: string,
  headers: ResponseHeaders = {},
): Promise<WebSocketPair> {
  const httpServer = http.createServer();
  const accepted = new Promise<WebSocket>((resolve, reject) => {
    httpServer.on('upgrade', (request, socket, head) => {
      const ws = acceptWebSocket({ request, socket, head, headers }, protocol);
      if (ws) resolve(ws);
      else reject(new Error('handshake refused'));
    });
  });
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = httpServer.address() as AddressInfo;
  const client = new WebSocket(`ws://127.0.0.1:${port}/`, offered);
  const upgraded = new Promise<http.IncomingMessage>((resolve) => client.once('upgrade', resolve));
  const opened = new Promise((resolve) => client.once('open', resolve));
  const [response] = await Promise.all([upgraded, opened]);
  const server = await accepted;
  return {
    server,
    client,
    response,
    close: async () => {
      client.terminate();
      server.terminate();
      await new Promise((resolve) => httpServer.close(resolve));
    },
  };
}
