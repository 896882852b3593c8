// One policy's chain for one direction, as kube-router's processIngressRules / processEgressRules write it, with the
// ipsets expanded to addresses: per rule, per peer and per port a pair of rules — MARK 0x10000 (allowed), then
// RETURN when marked. The pod firewall that jumps here has already matched the pod (-d for ingress, -s for egress),
// so a rule names only the peer (-s / -d) and the port. An ipBlock with `except` gets a chain of its own that
// returns for the excepted CIDRs first. Named ports: on ingress the port of the selected pod (-d pod -p --dport),
// on egress the port of the pod the traffic goes to, so every pod the peer covers with that port gets its rule.

import { inCidr } from '../../network/ip.ts';
import { ALLOWED_MARK, ipBlockChainName, policyChainName } from './chains.ts';
import type {
  Direction,
  NamedPort,
  PolicyPod,
  ResolvedPeer,
  ResolvedPolicy,
  ResolvedRule,
} from './policy-selection.ts';
import { namedPortOf } from './policy-selection.ts';
import type { RuleMatch, RuleWriter } from './rule-writer.ts';
import { ruleArgs } from './rule-writer.ts';

const MARK_ALLOWED = `-j MARK --set-xmark ${ALLOWED_MARK}`;
const RETURN_IF_ALLOWED = `-m mark --mark ${ALLOWED_MARK} -j RETURN`;

/** A port a rule allows, with the words it adds to the comment. */
interface PortAllowance {
  match: RuleMatch;
  note: string;
}

interface ChainContext {
  out: RuleWriter;
  policy: ResolvedPolicy;
  direction: Direction;
  /** Where the peer's address goes: the source of ingress traffic, the destination of egress traffic. */
  peerField: 'src' | 'dst';
  /** The policy's targets on this node (named ports of ingress rules are theirs). */
  localTargets: readonly PolicyPod[];
  /** Every pod a policy can speak of (named ports of egress rules to CIDRs or to anywhere). */
  pods: readonly PolicyPod[];
}

function allow(ctx: ChainContext, chain: string, match: RuleMatch, text: string): void {
  ctx.out.add(chain, ruleArgs(match, text, MARK_ALLOWED));
  ctx.out.add(chain, ruleArgs(match, text, RETURN_IF_ALLOWED));
}

function namedPortNote(port: NamedPort): string {
  return ` port ${port.name}`;
}

/** The port matches combined with the peer's address: numbers, and on ingress the targets' named ports. */
function addressedPorts(ctx: ChainContext, ports: ResolvedRule['ports']): PortAllowance[] {
  if (ports === 'all') return [{ match: {}, note: '' }];
  const allowances: PortAllowance[] = ports.numeric.map((port) => ({ match: { ...port }, note: '' }));
  if (ctx.direction === 'ingress') {
    for (const named of ports.named) {
      for (const target of ctx.localTargets) {
        const number = namedPortOf(target, named);
        if (number === undefined) continue;
        allowances.push({
          match: { dst: target.ip, protocol: named.protocol, dport: `${number}` },
          note: namedPortNote(named),
        });
      }
    }
  }
  return allowances;
}

function inBlock(ip: string, peer: Extract<ResolvedPeer, { kind: 'cidr' }>): boolean {
  return inCidr(ip, peer.cidr) && !peer.except.some((except) => inCidr(ip, except));
}

/** Egress named ports: each pod the peer covers, at its own port of that name. */
function writeEgressNamedPorts(ctx: ChainContext, chain: string, peer: ResolvedPeer, ports: ResolvedRule['ports']) {
  if (ports === 'all' || ctx.direction !== 'egress') return;
  const id = `${ctx.policy.namespace}/${ctx.policy.name}`;
  const covered =
    peer.kind === 'pods' ? peer.pods : ctx.pods.filter((pod) => peer.kind === 'any' || inBlock(pod.ip, peer));
  for (const named of ports.named) {
    for (const pod of covered) {
      const number = namedPortOf(pod, named);
      if (number === undefined) continue;
      const match = { dst: pod.ip, protocol: named.protocol, dport: `${number}` };
      allow(ctx, chain, match, `${id} egress to ${pod.namespace}/${pod.name}${namedPortNote(named)}`);
    }
  }
}

/** The peer's address with each port the rule allows there (none: only SCTP, or only egress named ports). */
function writeAddressedPeer(
  ctx: ChainContext,
  chain: string,
  rule: ResolvedRule,
  ruleIndex: number,
  peerIndex: number,
) {
  const { policy, direction, peerField, out } = ctx;
  const peer = rule.peers[peerIndex]!;
  const ports = addressedPorts(ctx, rule.ports);
  if (ports.length === 0) return;
  const id = `${policy.namespace}/${policy.name}`;
  const towards = direction === 'ingress' ? 'from' : 'to';
  const allowAt = (address: string | undefined, label: string, into = chain) => {
    for (const port of ports) {
      const match = address === undefined ? port.match : { ...port.match, [peerField]: address };
      allow(ctx, into, match, `${id} ${direction} ${towards} ${label}${port.note}`);
    }
  };
  if (peer.kind === 'any') allowAt(undefined, 'any');
  else if (peer.kind === 'pods') for (const pod of peer.pods) allowAt(pod.ip, `${pod.namespace}/${pod.name}`);
  else if (peer.except.length === 0) allowAt(peer.cidr, peer.cidr);
  else {
    const block = ipBlockChainName(policy.namespace, policy.name, direction, ruleIndex, peerIndex);
    const label = `${peer.cidr} except ${peer.except.join(',')}`;
    out.declare(block);
    out.add(chain, ruleArgs({ [peerField]: peer.cidr }, `${id} ${direction} ${towards} ${label}`, `-j ${block}`));
    out.add(chain, ruleArgs({}, `${id} ${direction} ${towards} ${label}`, RETURN_IF_ALLOWED));
    for (const except of peer.except) {
      out.add(block, ruleArgs({ [peerField]: except }, `${id} ${direction} except ${except}`, '-j RETURN'));
    }
    allowAt(undefined, peer.cidr, block);
  }
}

/** Declares and fills the policy's chain for the direction; returns its name. */
export function writePolicyChain(
  out: RuleWriter,
  policy: ResolvedPolicy,
  direction: Direction,
  localTargets: readonly PolicyPod[],
  pods: readonly PolicyPod[],
): string {
  const chain = policyChainName(policy.namespace, policy.name, direction);
  out.declare(chain);
  const ctx: ChainContext = {
    out,
    policy,
    direction,
    peerField: direction === 'ingress' ? 'src' : 'dst',
    localTargets,
    pods,
  };
  (policy[direction] ?? []).forEach((rule, ruleIndex) => {
    rule.peers.forEach((peer, peerIndex) => {
      writeAddressedPeer(ctx, chain, rule, ruleIndex, peerIndex);
      writeEgressNamedPorts(ctx, chain, peer, rule.ports);
    });
  });
  return chain;
}
