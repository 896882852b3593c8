// Test support: a pod's port forwarding whose port 80 is an HTTP program answering "<method> <path>", and where
// every other port refuses connections.

import type { PodPortForwarder } from '../../node/kubelet-api.ts';
import { DialError } from '../../node/runtime/ports/pod-port-dialer.ts';
import { TcpConnection } from '../../node/runtime/ports/tcp-connection.ts';

export const SANDBOX_ID = 'f'.repeat(64);

export function testForwarder(): PodPortForwarder {
  const listener = {
    listens: (port: number) => port === 80,
    http: (request: { method: string; path: string }) => ({ status: 200, body: `${request.method} ${request.path}` }),
  };
  return {
    sandboxId: SANDBOX_ID,
    netnsPath: '/var/run/netns/cni-ffffffff-ffff-ffff-ffff-ffffffffffff',
    dial: async (port) => {
      if (port !== 80) throw new DialError('refused');
      return new TcpConnection(listener, port, '127.0.0.1');
    },
  };
}

/** The error a refused port is reported with, as the kubelet writes it. */
export function refusedMessage(port: number): string {
  return (
    `error forwarding port ${port} to pod ${SANDBOX_ID}, uid : failed to execute portforward in network namespace ` +
    `"/var/run/netns/cni-ffffffff-ffff-ffff-ffff-ffffffffffff": failed to connect to localhost:${port} inside ` +
    `namespace "${SANDBOX_ID}", IPv4: dial tcp4 127.0.0.1:${port}: connect: connection refused ` +
    `IPv6 dial tcp6 [::1]:${port}: connect: connection refused `
  );
}
