// The seam between the data plane's packet walk and the netfilter stack of a network namespace (iptables tables and
// chains with conntrack and NAT, and IPVS): at each of the five hooks the walk hands the packet over and gets a
// verdict back, with the hops it passed appended to the trace.

import type { Packet, TraceHop } from '../packet.ts';

export type Hook = 'PREROUTING' | 'INPUT' | 'FORWARD' | 'OUTPUT' | 'POSTROUTING';

export interface HookContext {
  /** The namespace's name, for the trace. */
  namespace: string;
  /** The device the packet came in on (PREROUTING, INPUT, FORWARD). */
  inInterface?: string;
  /** Whether it came in through a bridge's port (br_netfilter's physdev: `-m physdev --physdev-is-in`). */
  inBridge?: boolean;
  /** The device it goes out of (FORWARD, OUTPUT after routing, POSTROUTING). */
  outInterface?: string;
  /** The namespace's own addresses (`-m addrtype --dst-type LOCAL`), and the source address MASQUERADE uses. */
  localAddresses: ReadonlySet<string>;
  /** The address of `outInterface`, which MASQUERADE rewrites the source to. */
  outAddress?: string;
}

export type Verdict =
  /** The packet goes on, possibly rewritten (NAT, mark). `reroute`: its destination changed, route it again. */
  | { verdict: 'ACCEPT'; packet: Packet; reroute?: boolean }
  | { verdict: 'DROP'; reason: string }
  /** Refused with an answer to the sender (ICMP port unreachable, TCP reset). */
  | { verdict: 'REJECT'; reason: string };

export interface PacketFilter {
  run(hook: Hook, packet: Packet, context: HookContext, trace: TraceHop[]): Verdict;
}
