// A NetworkPolicyRulesSink over one namespace's Iptables: the agent's text through iptables-restore --noflush, and
// each jump rule kept first in its built-in chain (kube-router's ensureRuleAtPosition(1): a copy lower down is
// deleted, then the rule is inserted at the top). A failed restore leaves the tables as they were; the error is
// kept, as kube-router logs it and aborts the sync.

import type { Iptables } from '../../network/netfilter/iptables.ts';
import type { JumpRule } from '../kube-proxy/iptables-chains.ts';
import type { NetworkPolicyRulesSink } from './network-policy-agent.ts';

export class IptablesPolicySink implements NetworkPolicyRulesSink {
  /** The last failure; undefined once a sync applied cleanly. */
  lastError: string | undefined;

  constructor(private readonly iptables: Iptables) {}

  applyIptables(restoreText: string): void {
    const result = this.iptables.restore(restoreText, { noflush: true });
    this.lastError = result.ok ? undefined : `${result.error}: ${result.detail}`;
  }

  ensureJumpRules(rules: readonly JumpRule[]): void {
    for (const rule of rules) {
      if (this.jumpsFirst(rule)) continue;
      const spec = [rule.chain, ...rule.args];
      if (this.iptables.exec(['-t', rule.table, '-C', ...spec]).ok)
        this.iptables.exec(['-t', rule.table, '-D', ...spec]);
      const inserted = this.iptables.exec(['-t', rule.table, '-I', rule.chain, '1', ...rule.args]);
      if (!inserted.ok) this.lastError = inserted.error;
    }
  }

  private jumpsFirst(rule: JumpRule): boolean {
    const target = this.iptables.table(rule.table).chains.get(rule.chain)?.rules[0]?.target;
    return target?.kind === 'chain' && target.chain === rule.args.at(-1);
  }
}
