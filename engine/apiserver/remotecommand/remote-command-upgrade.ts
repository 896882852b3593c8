// Answers the upgrade of an exec or attach request: WebSocket with a channel subprotocol (v5 as kube-apiserver serves
// it, v4 and earlier as the kubelet does), or SPDY/3.1 with a stream protocol (kubectl's fallback). The protocol is
// negotiated first. Where the kubelet answers the upgrade itself (SPDY, WebSocket before v5), its refusal to start the
// session is its plain-text HTTP error, proxied as it is; with v5, kube-apiserver's stream translator has switched
// protocols before it calls the kubelet, so a refusal comes as an internal error on the error channel.

import type { UpgradedConnection } from '../endpoints/api-request.ts';
import { isStatusError } from '../errors/status-error.ts';
import { writeRawResponse, writeTextError } from '../httpstream/raw-http-response.ts';
import { acceptSpdyUpgrade, headerValues, negotiateStreamProtocol } from '../httpstream/spdy/spdy-upgrade.ts';
import {
  negotiateChannelProtocol,
  offeredSubprotocols,
  REMOTE_COMMAND_PROTOCOLS,
} from '../httpstream/websocket/channel-protocols.ts';
import type { ChannelProtocol } from '../httpstream/websocket/channel-protocols.ts';
import { acceptWebSocket, isWebSocketUpgrade } from '../httpstream/websocket/websocket-upgrade.ts';
import type { ExecOptions, StreamSession } from '../../node/kubelet-api.ts';
import { commandStatus, translatorUpgradeFailure } from './command-status.ts';
import type { CommandStatusStyle } from './command-status.ts';
import { runRemoteCommand } from './remote-command.ts';
import { SPDY_REMOTE_COMMAND_PROTOCOLS, spdyCommandStreams } from './spdy-command-streams.ts';
import { webSocketCommandStreams } from './websocket-command-streams.ts';

/** The protocol kube-apiserver serves itself, translating it to SPDY towards the kubelet. */
const TRANSLATED_PROTOCOL = 'v5.channel.k8s.io';

export interface RemoteCommandTarget {
  operation: 'exec' | 'attach';
  /** What the kubelet is asked for (stderr is already dropped with a TTY). */
  options: ExecOptions;
  /** Starts the session in the container (KubeletApi.exec or attach). */
  start(): Promise<StreamSession>;
}

/** How the kubelet words a refusal on the wire: the error's text, with its status code (500 unless it says). */
function refusalOf(error: unknown): { code: number; text: string } {
  if (isStatusError(error)) return { code: error.code, text: error.message };
  return { code: 500, text: error instanceof Error ? error.message : String(error) };
}

/**
 * Starts the session. Its end is watched at once: a process may fail before the client's streams are there (SPDY
 * waits for the client to open them), and its failure is reported once they are.
 */
async function startSession(target: RemoteCommandTarget): Promise<StreamSession> {
  const session = await target.start();
  session.exited.catch(() => undefined);
  return session;
}

function styleOf(target: RemoteCommandTarget, translated: boolean): CommandStatusStyle {
  return { operation: target.operation, command: target.options.command ?? [], translated };
}

/** Starts the session, or answers the kubelet's refusal in place of the upgrade. */
async function startOrRefuse(
  connection: UpgradedConnection,
  target: RemoteCommandTarget,
): Promise<StreamSession | undefined> {
  try {
    return await startSession(target);
  } catch (error) {
    const { code, text } = refusalOf(error);
    writeRawResponse(connection.socket, code, { 'Content-Type': 'text/plain; charset=utf-8' }, text);
    return undefined;
  }
}

async function acceptChannelWebSocket(
  connection: UpgradedConnection,
  target: RemoteCommandTarget,
  protocol: ChannelProtocol,
): Promise<void> {
  const translated = protocol.name === TRANSLATED_PROTOCOL;
  const statusOf = (outcome: Parameters<typeof commandStatus>[0]) =>
    commandStatus(outcome, styleOf(target, translated));
  if (!translated) {
    const session = await startOrRefuse(connection, target);
    if (!session) return;
    const ws = acceptWebSocket(connection, protocol.name);
    if (!ws) return session.close();
    return runRemoteCommand(webSocketCommandStreams(ws, protocol, target.options), session, statusOf);
  }
  const ws = acceptWebSocket(connection, protocol.name);
  if (!ws) return;
  const streams = webSocketCommandStreams(ws, protocol, target.options);
  let session: StreamSession;
  try {
    session = await startSession(target);
  } catch (error) {
    return streams.finish(translatorUpgradeFailure(refusalOf(error).text));
  }
  return runRemoteCommand(streams, session, statusOf);
}

async function acceptSpdy(connection: UpgradedConnection, target: RemoteCommandTarget): Promise<void> {
  const { request, socket } = connection;
  const negotiation = negotiateStreamProtocol(
    headerValues(request.headers['x-stream-protocol-version']),
    SPDY_REMOTE_COMMAND_PROTOCOLS,
  );
  if (!negotiation.ok) return writeTextError(socket, negotiation.status, negotiation.message, negotiation.headers);
  const session = await startOrRefuse(connection, target);
  if (!session) return;
  const spdy = acceptSpdyUpgrade(connection, negotiation.protocol);
  if (!spdy) return session.close();
  const streams = await spdyCommandStreams(spdy, negotiation.protocol, target.options).catch(() => undefined);
  if (!streams) return session.close();
  return runRemoteCommand(streams, session, (outcome) => commandStatus(outcome, styleOf(target, false)));
}

export async function acceptRemoteCommand(connection: UpgradedConnection, target: RemoteCommandTarget): Promise<void> {
  const { request, socket } = connection;
  if (!isWebSocketUpgrade(request.headers)) return acceptSpdy(connection, target);
  const protocol = negotiateChannelProtocol(
    offeredSubprotocols(request.headers['sec-websocket-protocol']),
    REMOTE_COMMAND_PROTOCOLS,
  );
  // As golang.org/x/net/websocket refuses a handshake: 403 and no body.
  if (!protocol) return writeRawResponse(socket, 403, {}, '');
  return acceptChannelWebSocket(connection, target, protocol);
}
