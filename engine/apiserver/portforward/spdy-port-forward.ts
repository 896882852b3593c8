// Port forwarding over a SPDY connection, as the kubelet's httpStreamHandler serves it: every forwarded connection
// opens two streams with the same `requestid` — `streamtype: error` and `streamtype: data`, each with the `port` — and
// once both are there the data stream is connected to the port. Streams without a valid port or type are reset; a
// pair not complete within the creation timeout, or a second stream of one type, is reported on its error stream.

import type { PodPortForwarder } from '../../node/kubelet-api.ts';
import type { SpdySession } from '../httpstream/spdy/spdy-session.ts';
import type { SpdyStream } from '../httpstream/spdy/spdy-stream.ts';
import { forwardPort, portForwardErrorMessage } from './forward-port.ts';

/** The kubelet's default stream creation timeout. */
export const STREAM_CREATION_TIMEOUT_MS = 30_000;

/** Connections served so far: the kubelet names a connection in its messages (by its address; here by number). */
let connections = 0;

interface StreamPair {
  requestID: string;
  error?: SpdyStream;
  data?: SpdyStream;
  timer: NodeJS.Timeout;
}

/** Why a stream cannot take part in port forwarding (httpStreamReceived's checks), or undefined when it can. */
export function invalidStreamReason(stream: Pick<SpdyStream, 'header'>): string | undefined {
  const port = stream.header('port');
  if (!port) return '"port" header is required';
  if (!/^\d+$/.test(port) || Number(port) > 65535) return `unable to parse "${port}" as a port`;
  if (Number(port) < 1) return `port "${port}" must be > 0`;
  const type = stream.header('streamtype');
  if (!type) return '"streamType" header is required';
  if (type !== 'error' && type !== 'data') return `invalid stream type "${type}"`;
  return undefined;
}

/** The request a stream belongs to; old clients send no id, and their streams pair by consecutive stream ids. */
export function requestIDOf(stream: Pick<SpdyStream, 'header' | 'id'>): string {
  const id = stream.header('requestid');
  if (id) return id;
  return String(stream.header('streamtype') === 'data' ? stream.id - 2 : stream.id);
}

async function run(forwarder: PodPortForwarder, error: SpdyStream, data: SpdyStream): Promise<void> {
  const port = Number(data.header('port'));
  try {
    await forwardPort(forwarder, port, data);
  } catch (failure) {
    if (!error.destroyed) error.write(portForwardErrorMessage(forwarder, port, failure));
  }
  if (!data.destroyed) data.end();
  if (!error.destroyed) error.end();
}

/** Serves the port forwarding streams of a connection until it closes. */
export function servePortForwardStreams(
  session: SpdySession,
  forwarder: PodPortForwarder,
  timeoutMs = STREAM_CREATION_TIMEOUT_MS,
): void {
  const pairs = new Map<string, StreamPair>();
  const conn = ++connections;
  const printError = (pair: StreamPair, message: string) => {
    if (pair.error && !pair.error.destroyed) pair.error.write(message);
  };
  session.on('stream', (stream) => {
    if (invalidStreamReason(stream)) return void stream.destroy();
    const requestID = requestIDOf(stream);
    let pair = pairs.get(requestID);
    if (!pair) {
      const created: StreamPair = {
        requestID,
        timer: setTimeout(() => {
          pairs.delete(requestID);
          printError(created, `(conn=${conn}, request=${requestID}) timed out waiting for streams`);
        }, timeoutMs),
      };
      pair = created;
      pairs.set(requestID, pair);
    }
    const type = stream.header('streamtype') as 'error' | 'data';
    // The client writes nothing on the error stream; whatever comes is read and dropped.
    if (type === 'error') stream.resume();
    if (pair[type]) {
      printError(pair, `error processing stream for request ${requestID}: ${type} stream already assigned`);
      return void stream.destroy();
    }
    pair[type] = stream;
    if (!pair.error || !pair.data) return;
    clearTimeout(pair.timer);
    pairs.delete(requestID);
    void run(forwarder, pair.error, pair.data);
  });
  session.once('close', () => {
    for (const pair of pairs.values()) clearTimeout(pair.timer);
    pairs.clear();
  });
}
