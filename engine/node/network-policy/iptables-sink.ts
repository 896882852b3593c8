// A NetworkPolicyRulesSink over one namespace's Iptables: the agent's text through iptables-restore --noflush, and
// each jump rule kept first in its built-in chain (kube-router's ensureRuleAtPosition(1): a copy lower down is
// deleted, then the rule is inserted at the top). A restore the stack refuses is a bug in the generator: it throws.

import type { Iptables } from '../../network/netfilter/iptables.ts';
import type { TableName } from '../../network/netfilter/table.ts';
import type { JumpRule } from '../kube-proxy/iptables-chains.ts';
import type { NetworkPolicyRulesSink } from './network-policy-agent.ts';

function jumpsFirst(iptables: Iptables, rule: JumpRule): boolean {
  const target = iptables.table(rule.table as TableName).chains.get(rule.chain)?.rules[0]?.target;
  return target?.kind === 'chain' && target.chain === rule.args.at(-1);
}

export function iptablesSink(iptables: Iptables): NetworkPolicyRulesSink {
  return {
    applyIptables(restoreText) {
      const result = iptables.restore(restoreText, { noflush: true });
      if (!result.ok) throw new Error(`${result.error}: ${result.detail}`);
    },
    ensureJumpRules(rules) {
      for (const rule of rules) {
        if (jumpsFirst(iptables, rule)) continue;
        const spec = [rule.chain, ...rule.args];
        if (iptables.exec(['-t', rule.table, '-C', ...spec]).ok) iptables.exec(['-t', rule.table, '-D', ...spec]);
        const inserted = iptables.exec(['-t', rule.table, '-I', rule.chain, '1', ...rule.args]);
        if (!inserted.ok) throw new Error(inserted.error);
      }
    },
  };
}
