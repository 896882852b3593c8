// The netfilter a program's iptables, ipvsadm and conntrack read: the node's root namespace's, for a program in the
// node's namespaces; a pod's own namespace has none programmed (empty tables, no IPVS, no tracked flows).

import type { NetfilterStack } from '../../../../network/netfilter/netfilter-stack.ts';
import type { CommandContext } from '../../process/command.ts';

export function netfilterOf(context: CommandContext): NetfilterStack | undefined {
  return context.system.node?.network?.netfilter();
}
