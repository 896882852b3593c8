// The streams of an exec or attach over a channel WebSocket: 0 stdin, 1 stdout, 2 stderr, 3 error (the final status),
// 4 resize. As wsstream does, an empty message on the lowest channel this side writes tells the client the session
// is open; the status is the last message before a normal close.

import type { WebSocket } from 'ws';
import type { ExecOptions } from '../../node/kubelet-api.ts';
import { ChannelConnection } from '../httpstream/websocket/channel-connection.ts';
import type { ChannelProtocol } from '../httpstream/websocket/channel-protocols.ts';
import { encodeCommandStatus } from './command-status.ts';
import type { RemoteCommandStreams } from './remote-command.ts';

export const STDIN_CHANNEL = 0;
export const STDOUT_CHANNEL = 1;
export const STDERR_CHANNEL = 2;
export const ERROR_CHANNEL = 3;
export const RESIZE_CHANNEL = 4;

export function webSocketCommandStreams(
  ws: WebSocket,
  protocol: ChannelProtocol,
  options: ExecOptions,
): RemoteCommandStreams {
  const reads = [...(options.stdin ? [STDIN_CHANNEL] : []), ...(options.tty ? [RESIZE_CHANNEL] : [])];
  const connection = new ChannelConnection(ws, protocol, reads);
  const first = options.stdout ? STDOUT_CHANNEL : options.stderr ? STDERR_CHANNEL : ERROR_CHANNEL;
  void connection.send(first, Buffer.alloc(0)).catch(() => undefined);
  return {
    stdin: options.stdin ? connection.reader(STDIN_CHANNEL) : undefined,
    stdout: options.stdout ? connection.writer(STDOUT_CHANNEL) : undefined,
    stderr: options.stderr ? connection.writer(STDERR_CHANNEL) : undefined,
    resize: options.tty ? connection.reader(RESIZE_CHANNEL) : undefined,
    closed: connection.closed,
    finish: async (status) => {
      const bytes = encodeCommandStatus(status, protocol.jsonStatus);
      if (bytes) await connection.send(ERROR_CHANNEL, bytes).catch(() => undefined);
      connection.close();
    },
  };
}
