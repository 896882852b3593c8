// Runs an exec or attach session over the streams of a connection, whatever its protocol: the client's stdin into the
// process (its end closes the process's stdin), the process's stdout and stderr out to the client, resize events to
// the terminal; when the process has exited and its output is out, the status ends the connection. A client that goes
// away ends the session.

import type { Readable, Writable } from 'node:stream';
import type { StreamSession } from '../../node/kubelet-api.ts';
import type { CommandOutcome, CommandStatus } from './command-status.ts';
import { readTerminalSizes } from './terminal-size-reader.ts';

/** The client's side of a session, as a protocol layer (WebSocket channels, SPDY streams) provides it. */
export interface RemoteCommandStreams {
  stdin?: Readable;
  stdout?: Writable;
  stderr?: Writable;
  /** JSON terminal sizes, with a TTY. */
  resize?: Readable;
  /** Sends the status on the error channel and closes the connection. */
  finish(status: CommandStatus): Promise<void>;
  /** Resolves when the connection is gone, closed by either side. */
  closed: Promise<void>;
}

/** Copies the process's output to the client; resolves once all of it is written (the client's side ended). */
function copyOutput(source: Readable | undefined, target: Writable | undefined): Promise<void> {
  if (!source) {
    target?.end();
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    if (!target) {
      source.resume();
      source.once('end', resolve).once('close', resolve);
      return;
    }
    target.once('finish', resolve).once('close', resolve).once('error', resolve);
    source.once('error', () => target.end());
    source.pipe(target);
  });
}

function feedInput(source: Readable | undefined, target: Writable | undefined): void {
  if (!source) return;
  if (!target) {
    source.resume();
    return;
  }
  target.on('error', () => source.resume());
  source.pipe(target);
}

export async function runRemoteCommand(
  streams: RemoteCommandStreams,
  session: StreamSession,
  statusOf: (outcome: CommandOutcome) => CommandStatus,
): Promise<void> {
  let finished = false;
  void streams.closed.then(() => {
    if (!finished) session.close();
  });
  feedInput(streams.stdin, session.stdin);
  if (streams.resize) readTerminalSizes(streams.resize, (size) => session.resize(size));
  const output = Promise.all([copyOutput(session.stdout, streams.stdout), copyOutput(session.stderr, streams.stderr)]);
  let outcome: CommandOutcome;
  try {
    const exitCode = await session.exited;
    await output;
    outcome = { exitCode };
  } catch (error) {
    outcome = { error };
  }
  finished = true;
  await streams.finish(statusOf(outcome));
}
