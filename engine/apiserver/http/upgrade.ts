// Requests that ask to switch protocols (Node's 'upgrade' event: exec, attach, port-forward over WebSocket or
// SPDY/3.1) go through the same pipeline as every other request — authentication, authorization, the resource's
// handler. A handler that takes the connection over answers the upgrade (or refuses it) itself; any other answer is
// written as plain HTTP and closes the connection.

import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ApiServer } from '../api-server.ts';
import { apiRequestOf } from './incoming-request.ts';
import { writeSocketResponse } from './socket-response.ts';

export async function handleUpgrade(
  api: Pick<ApiServer, 'handle'>,
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
): Promise<void> {
  // Node no longer watches a socket it hands over; an error on it (a reset) must not go unheard.
  socket.on('error', () => socket.destroy());
  const response = await api.handle(apiRequestOf(req));
  if (response.kind !== 'upgrade') return writeSocketResponse(socket, response);
  // accept answers its own failures; one it did not foresee leaves the connection in an unknown state.
  await response.accept({ request: req, socket, head, headers: response.headers ?? {} }).catch(() => socket.destroy());
}
