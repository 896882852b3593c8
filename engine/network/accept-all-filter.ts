// A netfilter with no rules: every hook accepts the packet unchanged (a namespace before kube-proxy programs it).

import type { PacketFilter, Verdict } from './netfilter/packet-filter.ts';
import type { Packet } from './packet.ts';

export const acceptAll: PacketFilter = {
  run(_hook, packet: Packet): Verdict {
    return { verdict: 'ACCEPT', packet };
  },
};
