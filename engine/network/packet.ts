// What travels through the data plane, and the record of its way: a packet (the headers the simulation needs and
// the request or answer it carries) and the trace hops every part of the data plane appends — devices, routes,
// netfilter rules, NAT, conntrack, encapsulation, IPVS, delivery or drop — which PacketTrace and the UI replay.

export type Protocol = 'tcp' | 'udp' | 'icmp';

export interface Packet {
  protocol: Protocol;
  /** Dotted IPv4 addresses. */
  src: string;
  dst: string;
  /** 0 for ICMP. */
  srcPort: number;
  dstPort: number;
  /** The netfilter mark (fwmark), as iptables' MARK target and `-m mark` see it. */
  mark: number;
  ttl: number;
  /** What the packet carries: a request of a simulated program, or the answer to one. Opaque to the data plane. */
  payload?: unknown;
  /** Set on a VXLAN packet: the packet inside, and the VXLAN network identifier. */
  inner?: { packet: Packet; vni: number };
}

interface HopBase {
  /** The network namespace the step happened in (a pod's, or a node's root namespace `node/<name>`). */
  namespace: string;
  /** One line a student reads: what happened here. */
  summary: string;
}

export type TraceHop = HopBase &
  (
    | { kind: 'socket'; action: 'send' | 'receive'; program?: string }
    | { kind: 'device'; device: string; direction: 'egress' | 'ingress'; deviceType: string }
    | { kind: 'route'; route: string; device: string; via?: string }
    | { kind: 'neighbour'; ip: string; mac: string; device: string }
    | { kind: 'bridge'; bridge: string; port: string; mac: string }
    | { kind: 'netfilter'; hook: string; table: string; chain: string; rule: string; target: string }
    | { kind: 'nat'; type: 'DNAT' | 'SNAT' | 'MASQUERADE' | 'reverse'; from: string; to: string }
    | { kind: 'conntrack'; entry: string; state: string }
    | { kind: 'ipvs'; service: string; realServer: string; scheduler: string }
    | { kind: 'encapsulation'; device: string; vni: number; outerSrc: string; outerDst: string }
    | { kind: 'decapsulation'; device: string; vni: number }
    | { kind: 'deliver'; socket: string }
    | { kind: 'drop'; reason: string }
    | { kind: 'reject'; reason: string }
  );

/**
 * The scratch trace of a walk nobody traces: what is appended to it is thrown away after every hook, so whoever is
 * handed this very array may skip building hops.
 */
export const UNTRACED: TraceHop[] = [];
