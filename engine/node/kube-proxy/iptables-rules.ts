// The iptables proxier's sync: from the proxier state to the `iptables-restore --noflush` input kube-proxy 1.32
// writes (*filter then *nat, chain declarations before rules, COMMIT after each), plus the counts its metrics report.
// A full sync writes every chain; a partial sync (MinimizeIPTablesRestore) rewrites the top-level chains and only
// the changed Services' own chains, leaving the rest as they are. Either deletes the chains no longer in use.
// Service ports are written in name order (upstream walks a Go map, so its order varies from sync to sync).

import { isServiceChainName } from './chain-names.ts';
import type { EndpointInfo } from './endpoints-map.ts';
import {
  KUBE_EXTERNAL_SERVICES,
  KUBE_FIREWALL,
  KUBE_FORWARD,
  KUBE_MARK_MASQ,
  KUBE_NODEPORTS,
  KUBE_POSTROUTING,
  KUBE_PROXY_FIREWALL,
  KUBE_SERVICES,
  chainLine,
} from './iptables-chains.ts';
import type { RuleBuffers, ServiceRuleContext } from './iptables-service-rules.ts';
import { localDetectorFor } from './local-detector.ts';
import { masqueradeMark } from './masquerade-mark.ts';
import { nodePortAddresses, nodePortIPs } from './node-port-addresses.ts';
import type { ProxierState } from './proxier-state.ts';
import { contextKey, writeCachedServicePortRules } from './service-rules-cache.ts';
import type { LineCounts } from './service-rules-cache.ts';
import { servicePortKey } from './service-ports.ts';
import type { ProxierOptions } from './types.ts';

/** Above this many endpoints kube-proxy drops per-endpoint comments (largeClusterEndpointsThreshold). */
export const LARGE_CLUSTER_ENDPOINTS_THRESHOLD = 1000;

const ZONE_LABEL = 'topology.kubernetes.io/zone';
const NO_ENDPOINTS: EndpointInfo[] = [];

export interface IptablesSyncResult {
  restoreText: string;
  /** The per-service nat chains this sync declares; the next sync deletes those that drop out. */
  activeNatChains: Set<string>;
  filterRules: number;
  natRules: number;
  natChains: number;
  noLocalEndpoints: { internal: number; external: number };
}

export function iptablesSync(
  state: ProxierState,
  options: ProxierOptions,
  /** Per-service nat chains that exist now (from the previous sync); those no longer used are flushed and deleted. */
  existingNatChains: Iterable<string> = [],
  /** A partial sync: the Services ("namespace/name") changed since the last sync that applied. Undefined: full. */
  changedServices?: ReadonlySet<string>,
): IptablesSyncResult {
  const mark = masqueradeMark(options.masqueradeBit);
  const localhostNodePorts =
    (options.localhostNodePorts ?? true) && nodePortAddressesOf(state, options).containsIPv4Loopback;
  const out: RuleBuffers = {
    filterChains: [],
    filterRules: [],
    natChains: [],
    natRules: [],
    activeNatChains: new Set(),
  };

  for (const chain of [KUBE_SERVICES, KUBE_EXTERNAL_SERVICES, KUBE_FORWARD, KUBE_NODEPORTS, KUBE_PROXY_FIREWALL]) {
    out.filterChains.push(chainLine(chain));
  }
  for (const chain of [KUBE_SERVICES, KUBE_NODEPORTS, KUBE_POSTROUTING, KUBE_MARK_MASQ])
    out.natChains.push(chainLine(chain));

  out.natRules.push(`-A ${KUBE_POSTROUTING} -m mark ! --mark ${mark}/${mark} -j RETURN`);
  out.natRules.push(`-A ${KUBE_POSTROUTING} -j MARK --xor-mark ${mark}`);
  out.natRules.push(
    `-A ${KUBE_POSTROUTING} -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE${
      (options.randomFully ?? true) ? ' --random-fully' : ''
    }`,
  );
  out.natRules.push(`-A ${KUBE_MARK_MASQ} -j MARK --or-mark ${mark}`);

  if (localhostNodePorts) {
    out.filterChains.push(chainLine(KUBE_FIREWALL));
    out.filterRules.push(
      `-A ${KUBE_FIREWALL} -m comment --comment "block incoming localnet connections" -d 127.0.0.0/8 ! -s 127.0.0.0/8 -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP`,
    );
  }

  let totalEndpoints = 0;
  for (const info of state.servicePorts) {
    totalEndpoints += state.endpointsMap.get(servicePortKey(info.nameString, info.protocol))?.length ?? 0;
  }
  const ctx: ServiceRuleContext = {
    nodeIP: state.node.addresses[0],
    zone: state.node.labels?.[ZONE_LABEL],
    masqueradeAll: options.masqueradeAll ?? false,
    localDetector: localDetectorFor(options.clusterCIDR),
    localhostNodePorts,
    nfacct: options.nfacct ?? false,
    largeClusterMode: totalEndpoints > LARGE_CLUSTER_ENDPOINTS_THRESHOLD,
    caches: state.caches,
  };
  const noLocalEndpoints = { internal: 0, external: 0 };
  const context = contextKey(ctx);
  const extra: LineCounts = { filterRules: 0, natChains: 0, natRules: 0 };
  for (const info of state.servicePorts) {
    const endpoints = state.endpointsMap.get(servicePortKey(info.nameString, info.protocol)) ?? NO_ENDPOINTS;
    const noLocal = writeCachedServicePortRules(out, extra, ctx, context, info, endpoints, changedServices);
    noLocalEndpoints.internal += noLocal.internal;
    noLocalEndpoints.external += noLocal.external;
  }

  // Delete chains no longer in use.
  const stale: string[] = [];
  for (const chain of existingNatChains) {
    if (isServiceChainName(chain) && !out.activeNatChains.has(chain)) stale.push(chain);
  }
  for (const chain of stale.sort()) {
    out.natChains.push(chainLine(chain));
    out.natRules.push(`-X ${chain}`);
  }

  writeNodePortsJump(out, state, options, localhostNodePorts);

  if (!(options.conntrackTCPLiberal ?? false)) {
    const nfacct = options.nfacct ? ' -m nfacct --nfacct-name ct_state_invalid_dropped_pkts' : '';
    out.filterRules.push(`-A ${KUBE_FORWARD} -m conntrack --ctstate INVALID${nfacct} -j DROP`);
  }
  out.filterRules.push(
    `-A ${KUBE_FORWARD} -m comment --comment "kubernetes forwarding rules" -m mark --mark ${mark}/${mark} -j ACCEPT`,
  );
  out.filterRules.push(
    `-A ${KUBE_FORWARD} -m comment --comment "kubernetes forwarding conntrack rule" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT`,
  );

  const lines = ['*filter', ...out.filterChains, ...out.filterRules, 'COMMIT', '*nat'];
  for (const line of out.natChains) lines.push(line);
  for (const line of out.natRules) lines.push(line);
  lines.push('COMMIT', '');
  return {
    restoreText: lines.join('\n'),
    activeNatChains: out.activeNatChains,
    filterRules: out.filterRules.length + extra.filterRules,
    natRules: out.natRules.length + extra.natRules - stale.length,
    natChains: out.natChains.length + extra.natChains,
    noLocalEndpoints,
  };
}

function nodePortAddressesOf(state: ProxierState, options: ProxierOptions) {
  return nodePortAddresses(options.nodePortAddresses, state.node.addresses[0]);
}

/** The tail call from KUBE-SERVICES to KUBE-NODEPORTS, which must be the chain's last rule. */
function writeNodePortsJump(
  out: RuleBuffers,
  state: ProxierState,
  options: ProxierOptions,
  localhostNodePorts: boolean,
): void {
  const comment = `-m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain"`;
  const addresses = nodePortAddressesOf(state, options);
  if (addresses.matchAll) {
    const notLocalhost = localhostNodePorts ? '' : ' ! -d 127.0.0.0/8';
    out.natRules.push(
      `-A ${KUBE_SERVICES} ${comment} -m addrtype --dst-type LOCAL${notLocalhost} -j ${KUBE_NODEPORTS}`,
    );
    return;
  }
  for (const ip of nodePortIPs(addresses, state.node.addresses)) {
    if (ip.startsWith('127.') && !localhostNodePorts) continue;
    out.natRules.push(`-A ${KUBE_SERVICES} ${comment} -d ${ip} -j ${KUBE_NODEPORTS}`);
  }
}
