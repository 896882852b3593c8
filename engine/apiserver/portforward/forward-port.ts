// One forwarded connection, as the container runtime serves it (containerd's portForward): a dial to localhost:port
// inside the pod's network namespace, then bytes copied both ways until one direction ends — the other gets a moment
// to finish — and the error the kubelet reports when the dial fails.

import type { Duplex } from 'node:stream';
import type { PodPortForwarder } from '../../node/kubelet-api.ts';

/** How long the other direction may go on once one has ended (containerd waits a second). */
const CLOSE_GRACE_MS = 1000;

/** The runtime's error for a port nothing listens on, in the pod's namespace (both address families tried). */
export function dialFailureMessage(forwarder: PodPortForwarder, port: number, reason: string): string {
  return (
    `failed to execute portforward in network namespace "${forwarder.netnsPath}": ` +
    `failed to connect to localhost:${port} inside namespace "${forwarder.sandboxId}", ` +
    `IPv4: dial tcp4 127.0.0.1:${port}: ${reason} IPv6 dial tcp6 [::1]:${port}: ${reason} `
  );
}

/** What the kubelet writes on the error stream when forwarding fails (the runtime calls the pod by its sandbox). */
export function portForwardErrorMessage(forwarder: PodPortForwarder, port: number, error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return `error forwarding port ${port} to pod ${forwarder.sandboxId}, uid : ${text}`;
}

/**
 * Connects `stream` (the client's data) to the pod's port and copies until the connection is done. Rejects with the
 * runtime's error when the dial fails; the caller closes the stream.
 */
export async function forwardPort(forwarder: PodPortForwarder, port: number, stream: Duplex): Promise<void> {
  let connection: Duplex;
  try {
    connection = await forwarder.dial(port);
  } catch (error) {
    throw new Error(dialFailureMessage(forwarder, port, error instanceof Error ? error.message : String(error)), {
      cause: error,
    });
  }
  await new Promise<void>((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    stream.pipe(connection);
    connection.pipe(stream, { end: false });
    connection.once('end', done);
    connection.once('error', done);
    stream.once('end', () => (timer = setTimeout(done, CLOSE_GRACE_MS)));
    stream.once('close', done);
    stream.once('error', done);
  });
  stream.unpipe(connection);
  connection.unpipe(stream);
  connection.destroy();
}
