// Answers the upgrade of a port-forward request on one of its three transports: a WebSocket tunnelling SPDY
// (`SPDY/3.1+portforward.k8s.io`, which kube-apiserver's tunneling handler turns into a SPDY upgrade to the kubelet),
// a WebSocket in a channel protocol (the kubelet's own, with `?ports=`), or a plain SPDY/3.1 upgrade. The kubelet
// checks the pod first: its refusal is its plain-text error in place of the upgrade, as for exec.

import type { UpgradedConnection } from '../endpoints/api-request.ts';
import { isStatusError } from '../errors/status-error.ts';
import { writeRawResponse, writeTextError } from '../httpstream/raw-http-response.ts';
import { SpdySession } from '../httpstream/spdy/spdy-session.ts';
import { acceptSpdyUpgrade, headerValues, negotiateStreamProtocol } from '../httpstream/spdy/spdy-upgrade.ts';
import { negotiateChannelProtocol, offeredSubprotocols } from '../httpstream/websocket/channel-protocols.ts';
import { acceptWebSocket, isWebSocketUpgrade } from '../httpstream/websocket/websocket-upgrade.ts';
import type { PodPortForwarder } from '../../node/kubelet-api.ts';
import {
  PORT_FORWARD_CHANNEL_PROTOCOLS,
  SPDY_PORT_FORWARD_PROTOCOLS,
  TUNNELING_PREFIX,
  tunneledStreamProtocols,
} from './port-forward-protocols.ts';
import { servePortForwardStreams } from './spdy-port-forward.ts';
import { webSocketByteStream } from './websocket-byte-stream.ts';
import { serveWebSocketPortForward, webSocketPorts } from './websocket-port-forward.ts';

export interface PortForwardTarget {
  /** The `ports` query values (the channel protocol needs them; SPDY clients name the port per stream). */
  ports: readonly string[];
  /** Asks the kubelet for the pod's port forwarding (KubeletApi.portForward). */
  start(): Promise<PodPortForwarder>;
}

/** Starts port forwarding, or answers the kubelet's refusal in place of the upgrade. */
async function startOrRefuse(
  connection: UpgradedConnection,
  target: PortForwardTarget,
): Promise<PodPortForwarder | undefined> {
  try {
    return await target.start();
  } catch (error) {
    const code = isStatusError(error) ? error.code : 500;
    const text = error instanceof Error ? error.message : String(error);
    writeRawResponse(connection.socket, code, { 'Content-Type': 'text/plain; charset=utf-8' }, text);
    return undefined;
  }
}

async function acceptTunneledSpdy(
  connection: UpgradedConnection,
  target: PortForwardTarget,
  offered: readonly string[],
): Promise<void> {
  const forwarder = await startOrRefuse(connection, target);
  if (!forwarder) return;
  const negotiation = negotiateStreamProtocol(offered, SPDY_PORT_FORWARD_PROTOCOLS);
  if (!negotiation.ok) {
    return writeTextError(connection.socket, negotiation.status, negotiation.message, negotiation.headers);
  }
  const ws = acceptWebSocket(connection, TUNNELING_PREFIX + negotiation.protocol);
  if (!ws) return;
  servePortForwardStreams(new SpdySession(webSocketByteStream(ws)), forwarder);
}

async function acceptChannelWebSocket(connection: UpgradedConnection, target: PortForwardTarget): Promise<void> {
  const { request, socket } = connection;
  let ports: number[];
  try {
    ports = webSocketPorts(target.ports);
  } catch (error) {
    return writeRawResponse(socket, 400, { 'Content-Type': 'text/plain; charset=utf-8' }, (error as Error).message);
  }
  const forwarder = await startOrRefuse(connection, target);
  if (!forwarder) return;
  const protocol = negotiateChannelProtocol(
    offeredSubprotocols(request.headers['sec-websocket-protocol']),
    PORT_FORWARD_CHANNEL_PROTOCOLS,
    [],
  );
  // As golang.org/x/net/websocket refuses a handshake: 403 and no body.
  if (!protocol) return writeRawResponse(socket, 403, {}, '');
  const ws = acceptWebSocket(connection, protocol.name);
  if (!ws) return;
  return serveWebSocketPortForward(ws, protocol, ports, forwarder);
}

async function acceptSpdy(connection: UpgradedConnection, target: PortForwardTarget): Promise<void> {
  const forwarder = await startOrRefuse(connection, target);
  if (!forwarder) return;
  const negotiation = negotiateStreamProtocol(
    headerValues(connection.request.headers['x-stream-protocol-version']),
    SPDY_PORT_FORWARD_PROTOCOLS,
  );
  if (!negotiation.ok) {
    return writeTextError(connection.socket, negotiation.status, negotiation.message, negotiation.headers);
  }
  const session = acceptSpdyUpgrade(connection, negotiation.protocol);
  if (session) servePortForwardStreams(session, forwarder);
}

export async function acceptPortForward(connection: UpgradedConnection, target: PortForwardTarget): Promise<void> {
  if (!isWebSocketUpgrade(connection.request.headers)) return acceptSpdy(connection, target);
  const tunneled = tunneledStreamProtocols(offeredSubprotocols(connection.request.headers['sec-websocket-protocol']));
  if (tunneled.length > 0) return acceptTunneledSpdy(connection, target, tunneled);
  return acceptChannelWebSocket(connection, target);
}
