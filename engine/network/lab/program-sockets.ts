// The sockets of a sandbox's programs, as the data plane finds them: a TCP connection to a port where a program
// listens reaches it (an HTTP request to its HTTP handler; a bare connect is accepted), a UDP datagram reaches the
// program's socket bound to the port (CoreDNS on 53). Programs open and close ports as they run, so listeners are
// looked up at each packet rather than bound ahead.

import type { HttpRequest, HttpResponse } from '../../node/images/program.ts';
import type { PortListener } from '../../node/images/process/loopback-network.ts';
import type { Packet, Protocol } from '../packet.ts';
import { REFUSE } from '../socket-table.ts';
import type { Listener, SocketSource } from '../socket-table.ts';

/** What a simulated client sends over a TCP connection: an HTTP request, or nothing (a connect and close). */
export type TcpPayload = { kind: 'connect' } | { kind: 'http'; request: HttpRequest };

/** The answer to a bare connect. */
export const ACCEPTED = 'accepted';

/** Whose listeners: the programs, and the name the trace gives them. */
export interface ProgramGroup {
  name: string;
  listeners(): Iterable<PortListener>;
}

function tcpHandler(program: PortListener, port: number) {
  return (payload: unknown, packet: Packet): unknown => {
    const request = payload as TcpPayload | undefined;
    if (request?.kind !== 'http') return ACCEPTED;
    const response: HttpResponse | undefined = program.http?.({ ...request.request, port, remoteAddress: packet.src });
    return response ?? REFUSE;
  };
}

/** The listeners of a set of program groups (a pod's containers; a node's host-network pods). */
export class ProgramSockets implements SocketSource {
  readonly groups = new Set<ProgramGroup>();

  find(protocol: Protocol, port: number): Listener | undefined {
    for (const group of this.groups) {
      for (const program of group.listeners()) {
        if (protocol === 'tcp' && program.listens?.(port)) {
          return { protocol, address: '0.0.0.0', port, program: group.name, handler: tcpHandler(program, port) };
        }
        if (protocol === 'udp') {
          const handler = program.datagram?.(port);
          if (handler) return { protocol, address: '0.0.0.0', port, program: group.name, handler };
        }
      }
    }
    return undefined;
  }

  list(): Listener[] {
    const out: Listener[] = [];
    for (const group of this.groups) {
      for (const program of group.listeners()) {
        const ports = program.ports?.() ?? { tcp: [], udp: [] };
        for (const port of ports.tcp) out.push(this.find('tcp', port)!);
        for (const port of ports.udp) out.push(this.find('udp', port)!);
      }
    }
    return out;
  }
}
