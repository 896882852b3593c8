// A namespace's listening sockets: protocol, address (or 0.0.0.0) and port → the program's handler, which gets each
// request's payload and returns the answer, or REFUSE to reset the connection. Besides sockets bound one by one, a
// source can answer for the programs of a container runtime sandbox, whose ports are known only to the programs.

import type { Packet, Protocol } from './packet.ts';

/** What a handler returns to refuse the request (the peer sees a TCP reset: connection refused). */
export const REFUSE: unique symbol = Symbol('refuse');

/** Gets the request's payload and the packet as it arrived (after NAT); returns the answer's payload, or REFUSE. */
export type SocketHandler = (payload: unknown, packet: Packet) => unknown;

export interface Listener {
  protocol: Protocol;
  /** Dotted; `0.0.0.0` listens on every address. */
  address: string;
  port: number;
  handler: SocketHandler;
  /** The program that listens, for `ss -ltnp` and the trace. */
  program: string;
}

/** Listeners that come and go with programs: asked after the sockets bound in the table. */
export interface SocketSource {
  find(protocol: Protocol, port: number): Listener | undefined;
  list(): Listener[];
}

export class SocketTable {
  private readonly byPort = new Map<number, Listener[]>();
  private readonly sources = new Set<SocketSource>();

  addSource(source: SocketSource): void {
    this.sources.add(source);
  }

  removeSource(source: SocketSource): void {
    this.sources.delete(source);
  }

  /** Binds a listener; throws `bind: Address already in use` when the address and port are taken. */
  listen(listener: Listener): Listener {
    const key = portKey(listener.protocol, listener.port);
    const bound = this.byPort.get(key) ?? [];
    const clash = bound.some(
      (other) => other.address === listener.address || other.address === '0.0.0.0' || listener.address === '0.0.0.0',
    );
    if (clash) throw new Error('bind: Address already in use');
    this.byPort.set(key, [...bound, listener]);
    return listener;
  }

  close(listener: Listener): void {
    const key = portKey(listener.protocol, listener.port);
    const rest = (this.byPort.get(key) ?? []).filter((other) => other !== listener);
    if (rest.length === 0) this.byPort.delete(key);
    else this.byPort.set(key, rest);
  }

  /** The listener a packet to `address:port` reaches: one bound to that address, else a wildcard one. */
  find(protocol: Protocol, address: string, port: number): Listener | undefined {
    const bound = this.byPort.get(portKey(protocol, port));
    let wildcard: Listener | undefined;
    if (bound !== undefined) {
      for (const listener of bound) {
        if (listener.address === address) return listener;
        if (listener.address === '0.0.0.0') wildcard = listener;
      }
    }
    if (wildcard !== undefined || this.sources.size === 0) return wildcard;
    for (const source of this.sources) {
      const listener = source.find(protocol, port);
      if (listener !== undefined) return listener;
    }
    return undefined;
  }

  list(): Listener[] {
    const fromSources = [...this.sources].flatMap((source) => source.list());
    return [...this.byPort.values(), fromSources].flat().sort((a, b) => a.port - b.port);
  }
}

function portKey(protocol: Protocol, port: number): number {
  return protocol === 'tcp' ? port : protocol === 'udp' ? port + 65536 : port + 131072;
}
