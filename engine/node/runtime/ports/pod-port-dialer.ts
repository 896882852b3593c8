// How a connection reaches a port inside a pod's network namespace — what the container runtime does for
// `kubectl port-forward` (a dial to localhost:port in the pod's namespace) and the API server's proxy does to the pod
// IP. `programPortDialer` connects straight to the pod's program listening on the port — to its own connection handler
// where it speaks a protocol other than HTTP (redis), else to its HTTP handler through a TcpConnection; the network
// lab's data plane provides the same interface through the pod's loopback device.

import type { Duplex } from 'node:stream';
import type { PortListener } from '../../images/process/loopback-network.ts';
import { TcpConnection } from './tcp-connection.ts';

/** A pod as a dial target: its identity, its address, and the programs listening in its network namespace. */
export interface PodNetworkTarget {
  namespace: string;
  name: string;
  uid: string;
  ip: string;
  /** The running programs of the pod's containers (they share its network namespace). */
  listeners(): Iterable<PortListener>;
}

/** Why a dial failed, as the connect(2) error names it. */
export type DialFailure = 'refused' | 'unreachable' | 'timeout';

export class DialError extends Error {
  constructor(readonly failure: DialFailure) {
    super(DIAL_MESSAGES[failure]);
  }
}

const DIAL_MESSAGES: Record<DialFailure, string> = {
  refused: 'connect: connection refused',
  unreachable: 'connect: no route to host',
  timeout: 'i/o timeout',
};

export interface PodPortDialer {
  /** Opens a TCP connection to `port` in the pod; rejects with a DialError when none can be had. */
  dial(pod: PodNetworkTarget, port: number, from: { address: string }): Promise<Duplex>;
}

/** Connects to whichever of the pod's programs listens on the port. */
export const programPortDialer: PodPortDialer = {
  async dial(pod, port, from) {
    for (const listener of pod.listeners()) {
      if (listener.listens?.(port)) return listener.connect?.(port) ?? new TcpConnection(listener, port, from.address);
    }
    throw new DialError('refused');
  },
};
