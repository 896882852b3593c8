// The streams of an exec or attach over SPDY, as the kubelet's remotecommand server takes them: the client opens one
// stream per `streamType` header — error, then stdin, stdout, stderr as asked, and resize with a TTY from v3 — within
// the creation timeout. The status goes on the error stream (JSON from v4, a failure's text before), then GOAWAY.

import type { ExecOptions } from '../../node/kubelet-api.ts';
import type { SpdySession } from '../httpstream/spdy/spdy-session.ts';
import type { SpdyStream } from '../httpstream/spdy/spdy-stream.ts';
import { encodeCommandStatus } from './command-status.ts';
import type { RemoteCommandStreams } from './remote-command.ts';

/** The stream protocols of exec and attach over SPDY, in the kubelet's order. */
export const SPDY_REMOTE_COMMAND_PROTOCOLS: readonly string[] = [
  'v4.channel.k8s.io',
  'v3.channel.k8s.io',
  'v2.channel.k8s.io',
  'channel.k8s.io',
];

/** The kubelet's default stream creation timeout. */
export const STREAM_CREATION_TIMEOUT_MS = 30_000;

const STREAM_TYPES = ['error', 'stdin', 'stdout', 'stderr', 'resize'] as const;
type StreamType = (typeof STREAM_TYPES)[number];

function resizes(protocol: string): boolean {
  return protocol === 'v4.channel.k8s.io' || protocol === 'v3.channel.k8s.io';
}

/** Waits for the client's streams; rejects (and drops the connection) when they do not all come in time. */
export function spdyCommandStreams(
  session: SpdySession,
  protocol: string,
  options: ExecOptions,
  timeoutMs = STREAM_CREATION_TIMEOUT_MS,
): Promise<RemoteCommandStreams> {
  const wanted = new Set<StreamType>(['error']);
  if (options.stdin) wanted.add('stdin');
  if (options.stdout) wanted.add('stdout');
  if (options.stderr) wanted.add('stderr');
  if (options.tty && resizes(protocol)) wanted.add('resize');
  const closed = new Promise<void>((resolve) => session.once('close', resolve));
  return new Promise((resolve, reject) => {
    const streams = new Map<StreamType, SpdyStream>();
    const timer = setTimeout(() => {
      session.off('stream', onStream);
      session.destroy();
      reject(new Error('timed out waiting for client to create streams'));
    }, timeoutMs);
    const onStream = (stream: SpdyStream) => {
      const type = STREAM_TYPES.find((t) => t === stream.header('streamtype'));
      if (!type || !wanted.has(type)) return;
      // Streams this side only writes: whatever the client sends on them is read and dropped.
      if (type !== 'stdin' && type !== 'resize') stream.resume();
      streams.set(type, stream);
      if (streams.size < wanted.size) return;
      clearTimeout(timer);
      session.off('stream', onStream);
      resolve(commandStreams(session, protocol, streams, closed));
    };
    session.on('stream', onStream);
    void closed.then(() => {
      clearTimeout(timer);
      reject(new Error('connection closed before the client created its streams'));
    });
  });
}

function commandStreams(
  session: SpdySession,
  protocol: string,
  streams: Map<StreamType, SpdyStream>,
  closed: Promise<void>,
): RemoteCommandStreams {
  const error = streams.get('error')!;
  return {
    stdin: streams.get('stdin'),
    stdout: streams.get('stdout'),
    stderr: streams.get('stderr'),
    resize: streams.get('resize'),
    closed,
    finish: async (status) => {
      const bytes = encodeCommandStatus(status, protocol === 'v4.channel.k8s.io');
      if (bytes && !error.destroyed) await new Promise<void>((done) => error.write(bytes, () => done()));
      session.close();
    },
  };
}
