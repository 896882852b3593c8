// kube-proxy's rules written into one node's netfilter, as its iptables and ipvs proxiers write the kernel's: the
// restore text through iptables-restore --noflush, the jump rules from the built-in chains with `iptables -C`/`-I`
// (creating the chain they jump to first), and the IPVS state through the IpvsApplier.

import type { NetworkNamespace } from '../../../engine/network/namespace.ts';
import type { NetfilterStack } from '../../../engine/network/netfilter/netfilter-stack.ts';
import type { JumpRule } from '../../../engine/node/kube-proxy/iptables-chains.ts';
import type { IpvsState } from '../../../engine/node/kube-proxy/ipvs-state.ts';
import type { ProxyRulesSink } from '../../../engine/node/kube-proxy/kube-proxy.ts';
import { IpvsApplier } from './ipvs-applier.ts';

export class NetfilterSink implements ProxyRulesSink {
  private readonly ipvs: IpvsApplier;

  constructor(
    private readonly stack: NetfilterStack,
    namespace: NetworkNamespace,
    /** Whether the restore text is applied (the IPVS proxier's needs `-m set`, which the stack does not have). */
    private readonly restoreIptables = true,
  ) {
    this.ipvs = new IpvsApplier(stack.ipvs, namespace);
  }

  applyIptables(restoreText: string): void {
    if (!this.restoreIptables) return;
    const result = this.stack.iptables.restore(restoreText, { noflush: true });
    if (!result.ok) throw new Error(JSON.stringify(result));
  }

  applyIpvs(state: IpvsState): void {
    this.ipvs.apply(state);
  }

  ensureJumpRules(rules: readonly JumpRule[]): void {
    const { iptables } = this.stack;
    for (const { table, chain, args } of rules) {
      const target = args[args.indexOf('-j') + 1]!;
      iptables.exec(['-t', table, '-N', target]);
      if (iptables.exec(['-t', table, '-C', chain, ...args]).ok) continue;
      const inserted = iptables.exec(['-t', table, '-I', chain, ...args]);
      if (!inserted.ok) throw new Error(inserted.error);
    }
  }
}
