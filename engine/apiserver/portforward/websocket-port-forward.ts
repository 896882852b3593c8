// Port forwarding over a channel WebSocket, as the kubelet's websocketStreamHandler serves it (client-node's
// PortForward): the ports come from the query, each gets a data channel (2i, read and written) and an error channel
// (2i+1, written), both opened with the port as two little-endian bytes; the connection closes once every port's
// forwarding has ended.

import { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import type { PodPortForwarder } from '../../node/kubelet-api.ts';
import { badRequest } from '../errors/status-error.ts';
import { ChannelConnection } from '../httpstream/websocket/channel-connection.ts';
import type { ChannelProtocol } from '../httpstream/websocket/channel-protocols.ts';
import { forwardPort, portForwardErrorMessage } from './forward-port.ts';

/**
 * The ports of a WebSocket port forwarding, as the kubelet reads its `port` parameters (the API server passes each
 * of `ports` on as one); throws a 400 worded as the kubelet's.
 */
export function webSocketPorts(values: readonly string[]): number[] {
  if (values.length === 0) throw badRequest('query parameter "port" is required');
  return values.flatMap((value) => {
    if (value === '') throw badRequest('query parameter "port" cannot be empty');
    return value.split(',').map((p) => {
      const port = /^\d+$/.test(p) ? Number(p) : NaN;
      if (!(port <= 65535)) throw badRequest(`unable to parse "${value}" as a port: invalid syntax`);
      if (port < 1) throw badRequest(`port "${value}" must be > 0`);
      return port;
    });
  });
}

function portBytes(port: number): Buffer {
  const bytes = Buffer.alloc(2);
  bytes.writeUInt16LE(port);
  return bytes;
}

export async function serveWebSocketPortForward(
  ws: WebSocket,
  protocol: ChannelProtocol,
  ports: readonly number[],
  forwarder: PodPortForwarder,
): Promise<void> {
  const connection = new ChannelConnection(
    ws,
    protocol,
    ports.map((_, i) => 2 * i),
  );
  const forward = async (port: number, i: number) => {
    const [dataChannel, errorChannel] = [2 * i, 2 * i + 1];
    await connection.send(dataChannel, portBytes(port));
    await connection.send(errorChannel, portBytes(port));
    const data = Duplex.from({ readable: connection.reader(dataChannel), writable: connection.writer(dataChannel) });
    try {
      await forwardPort(forwarder, port, data);
    } catch (failure) {
      const message = portForwardErrorMessage(forwarder, port, failure);
      await connection.send(errorChannel, Buffer.from(message)).catch(() => undefined);
    }
  };
  await Promise.all(ports.map(forward)).catch(() => undefined);
  connection.close();
}
