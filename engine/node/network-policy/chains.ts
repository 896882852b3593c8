// The chains of the network-policy agent, named as kube-router names them: the top-level KUBE-ROUTER-INPUT/FORWARD/
// OUTPUT jumped to from the built-in chains, the shared KUBE-NWPLCY-COMMON (stateful accept) and KUBE-NWPLCY-DEFAULT
// (allow a direction no policy isolates), one KUBE-POD-FW-<hash> per isolated local pod and one KUBE-NWPLCY-<hash>
// per policy and direction (kube-router has one per policy; split, an egress rule cannot admit ingress traffic).
// The marks: 0x10000 says "a policy allowed this packet" and is cleared after each pod's verdict.

import { hash16 } from '../kube-proxy/chain-names.ts';
import type { JumpRule } from '../kube-proxy/iptables-chains.ts';
import type { Direction } from './policy-selection.ts';

export const KUBE_ROUTER_INPUT = 'KUBE-ROUTER-INPUT';
export const KUBE_ROUTER_FORWARD = 'KUBE-ROUTER-FORWARD';
export const KUBE_ROUTER_OUTPUT = 'KUBE-ROUTER-OUTPUT';
export const KUBE_NWPLCY_COMMON = 'KUBE-NWPLCY-COMMON';
export const KUBE_NWPLCY_DEFAULT = 'KUBE-NWPLCY-DEFAULT';

export const TOP_LEVEL_CHAINS = [KUBE_ROUTER_INPUT, KUBE_ROUTER_FORWARD, KUBE_ROUTER_OUTPUT] as const;

/** Set by a policy rule that allows the packet, tested by the pod firewall, then cleared. */
export const ALLOWED_MARK = '0x10000/0x10000';
export const CLEAR_ALLOWED_MARK = '0x0/0x10000';

/** KUBE-POD-FW-…: the firewall of one local pod that some policy selects. */
export function podFirewallChainName(namespace: string, name: string): string {
  return `KUBE-POD-FW-${hash16(`${namespace}/${name}`)}`;
}

/** KUBE-NWPLCY-…: the allow rules of one policy for one direction. */
export function policyChainName(namespace: string, name: string, direction: Direction): string {
  return `KUBE-NWPLCY-${hash16(`${namespace}/${name}/${direction}`)}`;
}

/** KUBE-NWPLCY-…: an ipBlock with `except`, which returns for the excepted CIDRs before it allows. */
export function ipBlockChainName(
  namespace: string,
  name: string,
  direction: Direction,
  rule: number,
  peer: number,
): string {
  return `KUBE-NWPLCY-${hash16(`${namespace}/${name}/${direction}/${rule}/${peer}`)}`;
}

/** Whether a filter chain is one the agent writes (and may delete when it is no longer used). */
export function isAgentChain(chain: string): boolean {
  return chain.startsWith('KUBE-POD-FW-') || chain.startsWith('KUBE-NWPLCY-') || chain.startsWith('KUBE-ROUTER-');
}

const jump = (chain: string, target: string): JumpRule => ({
  table: 'filter',
  chain,
  args: ['-m', 'comment', '--comment', 'kube-router netpol', '-j', target],
});

/** The jumps from the built-in chains, which must sit at the top of each (kube-router keeps them at position 1). */
export const NETWORK_POLICY_JUMP_RULES: readonly JumpRule[] = [
  jump('INPUT', KUBE_ROUTER_INPUT),
  jump('FORWARD', KUBE_ROUTER_FORWARD),
  jump('OUTPUT', KUBE_ROUTER_OUTPUT),
];

/** KUBE-NWPLCY-COMMON and KUBE-NWPLCY-DEFAULT, the same on every sync. */
export const SHARED_CHAIN_RULES: readonly string[] = [
  `-A ${KUBE_NWPLCY_COMMON} -m comment --comment "rule to drop invalid state for pod" -m conntrack --ctstate INVALID -j DROP`,
  `-A ${KUBE_NWPLCY_COMMON} -m comment --comment "rule for stateful firewall for pod" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT`,
  // kube-router lets ICMP echo-request, destination-unreachable and time-exceeded through; ping is the only ICMP the
  // data plane carries (errors are answers, not packets), so the rule names no type.
  `-A ${KUBE_NWPLCY_COMMON} -p icmp -m comment --comment "allow icmp echo requests" -j ACCEPT`,
  `-A ${KUBE_NWPLCY_DEFAULT} -m comment --comment "rule to mark traffic matching a network policy" -j MARK --set-xmark ${ALLOWED_MARK}`,
];
