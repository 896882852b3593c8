// Answers the upgrade of an exec or attach request: WebSocket with a channel subprotocol (v5 as kube-apiserver serves
// it, v4 and earlier as the kubelet does), or SPDY/3.1 with a stream protocol (kubectl's fallback). The protocol is
// negotiated first, then the session starts in the container — a failure to start is answered as a Status, before
// switching protocols — and only then does the connection switch and carry the session.

import type { UpgradedConnection } from '../endpoints/api-request.ts';
import { writeSocketError } from '../http/socket-response.ts';
import { writeRawResponse, writeTextError } from '../httpstream/raw-http-response.ts';
import { acceptSpdyUpgrade, headerValues, negotiateStreamProtocol } from '../httpstream/spdy/spdy-upgrade.ts';
import {
  negotiateChannelProtocol,
  offeredSubprotocols,
  REMOTE_COMMAND_PROTOCOLS,
} from '../httpstream/websocket/channel-protocols.ts';
import { acceptWebSocket, isWebSocketUpgrade } from '../httpstream/websocket/websocket-upgrade.ts';
import type { ExecOptions, StreamSession } from '../../node/kubelet-api.ts';
import { commandStatus } from './command-status.ts';
import type { CommandStatusStyle } from './command-status.ts';
import { runRemoteCommand } from './remote-command.ts';
import type { RemoteCommandStreams } from './remote-command.ts';
import { SPDY_REMOTE_COMMAND_PROTOCOLS, spdyCommandStreams } from './spdy-command-streams.ts';
import { webSocketCommandStreams } from './websocket-command-streams.ts';

export interface RemoteCommandTarget {
  operation: 'exec' | 'attach';
  /** What the kubelet is asked for (stderr is already dropped with a TTY). */
  options: ExecOptions;
  /** Starts the session in the container (KubeletApi.exec or attach); a rejection is answered before upgrading. */
  start(): Promise<StreamSession>;
}

async function started(
  connection: UpgradedConnection,
  target: RemoteCommandTarget,
): Promise<StreamSession | undefined> {
  try {
    return await target.start();
  } catch (error) {
    writeSocketError(connection.socket, error);
    return undefined;
  }
}

function styleOf(target: RemoteCommandTarget, translated: boolean): CommandStatusStyle {
  return { operation: target.operation, command: target.options.command ?? [], translated };
}

export async function acceptRemoteCommand(connection: UpgradedConnection, target: RemoteCommandTarget): Promise<void> {
  const { request, socket } = connection;

  if (isWebSocketUpgrade(request.headers)) {
    const protocol = negotiateChannelProtocol(
      offeredSubprotocols(request.headers['sec-websocket-protocol']),
      REMOTE_COMMAND_PROTOCOLS,
    );
    // As golang.org/x/net/websocket refuses a handshake: 403 and no body.
    if (!protocol) return writeRawResponse(socket, 403, {}, '');
    const session = await started(connection, target);
    if (!session) return;
    const ws = acceptWebSocket(connection, protocol.name);
    if (!ws) return session.close();
    const streams = webSocketCommandStreams(ws, protocol, target.options);
    const style = styleOf(target, protocol.name === 'v5.channel.k8s.io');
    return runRemoteCommand(streams, session, (outcome) => commandStatus(outcome, style));
  }

  const negotiation = negotiateStreamProtocol(
    headerValues(request.headers['x-stream-protocol-version']),
    SPDY_REMOTE_COMMAND_PROTOCOLS,
  );
  if (!negotiation.ok) return writeTextError(socket, negotiation.status, negotiation.message, negotiation.headers);
  const session = await started(connection, target);
  if (!session) return;
  const spdy = acceptSpdyUpgrade(connection, negotiation.protocol);
  if (!spdy) return session.close();
  let streams: RemoteCommandStreams;
  try {
    streams = await spdyCommandStreams(spdy, negotiation.protocol, target.options);
  } catch {
    return session.close();
  }
  const style = styleOf(target, false);
  return runRemoteCommand(streams, session, (outcome) => commandStatus(outcome, style));
}
