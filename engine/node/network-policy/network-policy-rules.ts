// The generator: from the node's name and the cluster's pods, namespaces and NetworkPolicies, the filter-table text
// for `iptables-restore --noflush` that enforces the policies for the pods on this node. A pod is isolated for a
// direction when a policy of that type selects it; its traffic in that direction must then be allowed by one of
// those policies' rules (their union). Chains of an earlier sync that are no longer used are flushed and deleted.
// Pure: the same state gives the same text.

import {
  KUBE_NWPLCY_COMMON,
  KUBE_NWPLCY_DEFAULT,
  KUBE_ROUTER_INPUT,
  SHARED_CHAIN_RULES,
  TOP_LEVEL_CHAINS,
  isAgentChain,
} from './chains.ts';
import { writePodFirewall } from './pod-firewall.ts';
import type { PodPolicies } from './pod-firewall.ts';
import { writePolicyChain } from './policy-chains.ts';
import { actionablePods, resolvePolicies } from './policy-selection.ts';
import type { Direction, PolicyPod, ResolvedPolicy } from './policy-selection.ts';
import { RuleWriter, ruleArgs } from './rule-writer.ts';
import type { NetworkPolicyRuleOptions, NetworkPolicyState } from './types.ts';

export interface NetworkPolicySyncResult {
  restoreText: string;
  /** The agent's chains this text leaves in the filter table: pass them to the next sync. */
  activeChains: ReadonlySet<string>;
}

const DIRECTIONS: readonly Direction[] = ['ingress', 'egress'];

function chainLine(chain: string): string {
  return `:${chain} - [0:0]`;
}

export function networkPolicySync(
  state: NetworkPolicyState,
  options: NetworkPolicyRuleOptions = {},
  previousChains: Iterable<string> = [],
): NetworkPolicySyncResult {
  const out = new RuleWriter();
  for (const chain of [...TOP_LEVEL_CHAINS, KUBE_NWPLCY_COMMON, KUBE_NWPLCY_DEFAULT]) out.declare(chain);
  out.rules.push(...SHARED_CHAIN_RULES);
  for (const range of options.serviceClusterIPRanges ?? []) {
    out.add(
      KUBE_ROUTER_INPUT,
      ruleArgs({ dst: range }, 'allow traffic to primary/secondary cluster IP range', '-j RETURN'),
    );
  }

  const pods = actionablePods(state.pods);
  const policies = resolvePolicies(state, pods);
  const local = pods.filter((pod) => pod.nodeName === state.nodeName);
  const isolating = new Map<PolicyPod, PodPolicies>();
  for (const policy of policies) {
    const localTargets = local.filter((pod) => policy.targets.includes(pod));
    for (const direction of DIRECTIONS) {
      if (localTargets.length === 0 || policy[direction] === undefined) continue;
      const chain = writePolicyChain(out, policy, direction, localTargets, pods);
      for (const pod of localTargets) policiesOf(isolating, pod)[direction].push({ id: idOf(policy), chain });
    }
  }
  for (const pod of local) {
    const podPolicies = isolating.get(pod);
    if (podPolicies) writePodFirewall(out, pod, podPolicies, options.denyAction ?? 'DROP');
  }

  const active = out.chains;
  const stale = [...new Set(previousChains)].filter((chain) => isAgentChain(chain) && !active.has(chain)).sort();
  const lines = [
    '*filter',
    ...[...active, ...stale].map(chainLine),
    ...out.rules,
    ...stale.map((chain) => `-X ${chain}`),
    'COMMIT',
    '',
  ];
  return { restoreText: lines.join('\n'), activeChains: active };
}

function idOf(policy: ResolvedPolicy): string {
  return `${policy.namespace}/${policy.name}`;
}

function policiesOf(map: Map<PolicyPod, PodPolicies>, pod: PolicyPod): PodPolicies {
  let policies = map.get(pod);
  if (!policies) map.set(pod, (policies = { ingress: [], egress: [] }));
  return policies;
}
