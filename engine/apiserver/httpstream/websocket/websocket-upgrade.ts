// Completes a WebSocket handshake (RFC 6455, through the `ws` library) on a socket taken over for an upgrade, with
// the subprotocol already negotiated. A malformed handshake is answered with 400 by the library.

import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import type { UpgradedConnection } from '../../endpoints/api-request.ts';

/** Whether a request asks for a WebSocket, as wsstream.IsWebSocketRequest decides it. */
export function isWebSocketUpgrade(headers: Record<string, string | string[] | undefined>): boolean {
  const upgrade = headers['upgrade'];
  return typeof upgrade === 'string' && upgrade.toLowerCase() === 'websocket';
}

/** The WebSocket, or undefined when the handshake was invalid (and already answered). */
export function acceptWebSocket(connection: UpgradedConnection, protocol: string): WebSocket | undefined {
  const server = new WebSocketServer({
    noServer: true,
    clientTracking: false,
    perMessageDeflate: false,
    handleProtocols: () => protocol || false,
  });
  server.on('headers', (lines) => {
    for (const [name, value] of Object.entries(connection.headers)) {
      for (const v of typeof value === 'string' ? [value] : value) lines.push(`${name}: ${v}`);
    }
  });
  let accepted: WebSocket | undefined;
  // Without verifyClient or extensions the library completes (or refuses) the handshake synchronously.
  server.handleUpgrade(connection.request, connection.socket, connection.head, (ws) => (accepted = ws));
  return accepted;
}
