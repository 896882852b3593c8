// The iptables rules of kube-proxy's IPVS mode (writeIptablesRules): a handful of fixed chains whose rules match
// the ipsets, so their size does not grow with the number of Services. The restore text holds *nat, then *filter.

import {
  IPSET_INFO,
  KUBE_CLUSTER_IP,
  KUBE_EXTERNAL_IP,
  KUBE_EXTERNAL_IP_LOCAL,
  KUBE_HEALTH_CHECK_NODE_PORT,
  KUBE_IPVS_IPS,
  KUBE_LOAD_BALANCER,
  KUBE_LOAD_BALANCER_FW,
  KUBE_LOAD_BALANCER_LOCAL,
  KUBE_LOAD_BALANCER_SOURCE_CIDR,
  KUBE_LOAD_BALANCER_SOURCE_IP,
  KUBE_LOOP_BACK,
  KUBE_NODE_PORT_LOCAL_SCTP,
  KUBE_NODE_PORT_LOCAL_TCP,
  KUBE_NODE_PORT_LOCAL_UDP,
  KUBE_NODE_PORT_SCTP,
  KUBE_NODE_PORT_TCP,
  KUBE_NODE_PORT_UDP,
} from './ipsets.ts';
import type { JumpRule } from './iptables-chains.ts';
import type { IpsetEntries } from './ipsets.ts';
import type { LocalTrafficDetector } from './local-detector.ts';

const KUBE_SERVICES = 'KUBE-SERVICES';
const KUBE_POSTROUTING = 'KUBE-POSTROUTING';
const KUBE_NODE_PORT = 'KUBE-NODE-PORT';
const KUBE_LOAD_BALANCER_CHAIN = 'KUBE-LOAD-BALANCER';
const KUBE_MARK_MASQ = 'KUBE-MARK-MASQ';
const KUBE_FORWARD = 'KUBE-FORWARD';
const KUBE_PROXY_FIREWALL = 'KUBE-PROXY-FIREWALL';
const KUBE_SOURCE_RANGES_FIREWALL = 'KUBE-SOURCE-RANGES-FIREWALL';
const KUBE_IPVS_FILTER = 'KUBE-IPVS-FILTER';
const KUBE_IPVS_OUT_FILTER = 'KUBE-IPVS-OUT-FILTER';

const NAT_CHAINS = [KUBE_SERVICES, KUBE_POSTROUTING, KUBE_NODE_PORT, KUBE_LOAD_BALANCER_CHAIN, KUBE_MARK_MASQ];
const FILTER_CHAINS = [
  KUBE_FORWARD,
  KUBE_NODE_PORT,
  KUBE_PROXY_FIREWALL,
  KUBE_SOURCE_RANGES_FIREWALL,
  KUBE_IPVS_FILTER,
  KUBE_IPVS_OUT_FILTER,
];

/** ipsetWithIptablesChain: set, table, from chain, target, match type, protocol match. */
const IPSET_JUMPS: readonly [string, 'nat' | 'filter', string, string, string, string][] = [
  [KUBE_LOOP_BACK, 'nat', KUBE_POSTROUTING, 'MASQUERADE', 'dst,dst,src', ''],
  [KUBE_LOAD_BALANCER, 'nat', KUBE_SERVICES, KUBE_LOAD_BALANCER_CHAIN, 'dst,dst', ''],
  [KUBE_LOAD_BALANCER_LOCAL, 'nat', KUBE_LOAD_BALANCER_CHAIN, 'RETURN', 'dst,dst', ''],
  [KUBE_NODE_PORT_LOCAL_TCP, 'nat', KUBE_NODE_PORT, 'RETURN', 'dst', 'tcp'],
  [KUBE_NODE_PORT_TCP, 'nat', KUBE_NODE_PORT, KUBE_MARK_MASQ, 'dst', 'tcp'],
  [KUBE_NODE_PORT_LOCAL_UDP, 'nat', KUBE_NODE_PORT, 'RETURN', 'dst', 'udp'],
  [KUBE_NODE_PORT_UDP, 'nat', KUBE_NODE_PORT, KUBE_MARK_MASQ, 'dst', 'udp'],
  [KUBE_NODE_PORT_LOCAL_SCTP, 'nat', KUBE_NODE_PORT, 'RETURN', 'dst,dst', 'sctp'],
  [KUBE_NODE_PORT_SCTP, 'nat', KUBE_NODE_PORT, KUBE_MARK_MASQ, 'dst,dst', 'sctp'],
  [KUBE_LOAD_BALANCER_FW, 'filter', KUBE_PROXY_FIREWALL, KUBE_SOURCE_RANGES_FIREWALL, 'dst,dst', ''],
  [KUBE_LOAD_BALANCER_SOURCE_CIDR, 'filter', KUBE_SOURCE_RANGES_FIREWALL, 'RETURN', 'dst,dst,src', ''],
  [KUBE_LOAD_BALANCER_SOURCE_IP, 'filter', KUBE_SOURCE_RANGES_FIREWALL, 'RETURN', 'dst,dst,src', ''],
];

function comment(set: string): string {
  return `"${IPSET_INFO.find((info) => info.name === set)?.comment ?? ''}"`;
}

/** A load-balancer IP:port the node itself may not reach (its IP is outside loadBalancerSourceRanges). */
export interface LbNoNodeAccess {
  ip: string;
  protocol: string;
  port: number;
}

export interface IpvsRuleContext {
  sets: IpsetEntries;
  mark: string;
  masqueradeAll: boolean;
  localDetector: LocalTrafficDetector;
  randomFully: boolean;
  lbNoNodeAccess: LbNoNodeAccess[];
}

export function ipvsIptablesRestoreText(ctx: IpvsRuleContext): string {
  const { sets, mark } = ctx;
  const nat: string[] = ['*nat', ...NAT_CHAINS.map((chain) => `:${chain} - [0:0]`)];
  const filter: string[] = ['*filter', ...FILTER_CHAINS.map((chain) => `:${chain} - [0:0]`)];

  nat.push(`-A ${KUBE_SERVICES} -s 127.0.0.0/8 -j RETURN`);
  for (const [set, table, from, to, matchType, protocol] of IPSET_JUMPS) {
    if (sets.isEmpty(set)) continue;
    const p = protocol ? ` -p ${protocol}` : '';
    (table === 'filter' ? filter : nat).push(
      `-A ${from}${p} -m comment --comment ${comment(set)} -m set --match-set ${set} ${matchType} -j ${to}`,
    );
  }
  if (!sets.isEmpty(KUBE_CLUSTER_IP)) {
    const args = `-A ${KUBE_SERVICES} -m comment --comment ${comment(KUBE_CLUSTER_IP)} -m set --match-set ${KUBE_CLUSTER_IP}`;
    if (ctx.masqueradeAll) nat.push(`${args} dst,dst -j ${KUBE_MARK_MASQ}`);
    else if (ctx.localDetector.implemented)
      nat.push(`${args} dst,dst ${ctx.localDetector.ifNotLocal} -j ${KUBE_MARK_MASQ}`);
    else nat.push(`${args} src,dst -j ${KUBE_MARK_MASQ}`);
  }
  const externalIPRules = (args: string): void => {
    nat.push(`${args} -m physdev ! --physdev-is-in -m addrtype ! --src-type LOCAL -j ACCEPT`);
    nat.push(`${args} -m addrtype --dst-type LOCAL -j ACCEPT`);
  };
  for (const set of [KUBE_EXTERNAL_IP, KUBE_EXTERNAL_IP_LOCAL]) {
    if (sets.isEmpty(set)) continue;
    const args = `-A ${KUBE_SERVICES} -m comment --comment ${comment(set)} -m set --match-set ${set} dst,dst`;
    if (set === KUBE_EXTERNAL_IP) nat.push(`${args} -j ${KUBE_MARK_MASQ}`);
    externalIPRules(args);
  }
  nat.push(`-A ${KUBE_SERVICES} -m addrtype --dst-type LOCAL -j ${KUBE_NODE_PORT}`);
  nat.push(`-A ${KUBE_LOAD_BALANCER_CHAIN} -j ${KUBE_MARK_MASQ}`);
  filter.push(`-A ${KUBE_SOURCE_RANGES_FIREWALL} -j DROP`);
  for (const entry of ctx.lbNoNodeAccess) {
    filter.push(
      `-A ${KUBE_IPVS_OUT_FILTER} -s ${entry.ip} -m ipvs --vaddr ${entry.ip} --vproto ${entry.protocol} --vport ${entry.port} -j DROP`,
    );
  }
  // acceptIPVSTraffic: the last rules of KUBE-SERVICES.
  for (const set of [KUBE_CLUSTER_IP, KUBE_LOAD_BALANCER]) {
    if (!sets.isEmpty(set)) nat.push(`-A ${KUBE_SERVICES} -m set --match-set ${set} dst,dst -j ACCEPT`);
  }
  filter.push(
    `-A ${KUBE_FORWARD} -m comment --comment "kubernetes forwarding rules" -m mark --mark ${mark}/${mark} -j ACCEPT`,
    `-A ${KUBE_FORWARD} -m comment --comment "kubernetes forwarding conntrack rule" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT`,
    `-A ${KUBE_NODE_PORT} -m comment --comment ${comment(KUBE_HEALTH_CHECK_NODE_PORT)} -m set --match-set ${KUBE_HEALTH_CHECK_NODE_PORT} dst -j ACCEPT`,
    `-A ${KUBE_IPVS_FILTER} -m set --match-set ${KUBE_LOAD_BALANCER} dst,dst -j RETURN`,
    `-A ${KUBE_IPVS_FILTER} -m set --match-set ${KUBE_CLUSTER_IP} dst,dst -j RETURN`,
    `-A ${KUBE_IPVS_FILTER} -m set --match-set ${KUBE_EXTERNAL_IP} dst,dst -j RETURN`,
    `-A ${KUBE_IPVS_FILTER} -m set --match-set ${KUBE_EXTERNAL_IP_LOCAL} dst,dst -j RETURN`,
    `-A ${KUBE_IPVS_FILTER} -m set --match-set ${KUBE_HEALTH_CHECK_NODE_PORT} dst -j RETURN`,
    `-A ${KUBE_IPVS_FILTER} -m conntrack --ctstate NEW -m set --match-set ${KUBE_IPVS_IPS} dst -j REJECT`,
  );
  nat.push(
    `-A ${KUBE_POSTROUTING} -m mark ! --mark ${mark}/${mark} -j RETURN`,
    `-A ${KUBE_POSTROUTING} -j MARK --xor-mark ${mark}`,
    `-A ${KUBE_POSTROUTING} -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE${ctx.randomFully ? ' --random-fully' : ''}`,
    `-A ${KUBE_MARK_MASQ} -j MARK --or-mark ${mark}`,
  );
  nat.push('COMMIT');
  filter.push('COMMIT');
  return [...nat, ...filter, ''].join('\n');
}

function jump(table: JumpRule['table'], chain: string, target: string, text: string): JumpRule {
  return { table, chain, args: ['-m', 'comment', '--comment', text, '-j', target] };
}

/** iptablesJumpChain of the IPVS proxier, ensured with `iptables -I` on every sync. */
export const IPVS_JUMP_RULES: readonly JumpRule[] = [
  jump('nat', 'OUTPUT', KUBE_SERVICES, 'kubernetes service portals'),
  jump('nat', 'PREROUTING', KUBE_SERVICES, 'kubernetes service portals'),
  jump('nat', 'POSTROUTING', KUBE_POSTROUTING, 'kubernetes postrouting rules'),
  jump('filter', 'FORWARD', KUBE_FORWARD, 'kubernetes forwarding rules'),
  jump('filter', 'INPUT', KUBE_NODE_PORT, 'kubernetes health check rules'),
  jump('filter', 'INPUT', KUBE_PROXY_FIREWALL, 'kube-proxy firewall rules'),
  jump('filter', 'FORWARD', KUBE_PROXY_FIREWALL, 'kube-proxy firewall rules'),
  jump('filter', 'INPUT', KUBE_IPVS_FILTER, 'kubernetes ipvs access filter'),
  jump('filter', 'OUTPUT', KUBE_IPVS_OUT_FILTER, 'kubernetes ipvs access filter'),
];
