// One service port's share of the iptables restore text, in syncProxyRules' order: the KUBE-SERVICES,
// KUBE-NODEPORTS and filter-table capture rules, then its KUBE-EXT, KUBE-FW, KUBE-SVC / KUBE-SVL and KUBE-SEP
// chains, kept apart as a partial sync writes them only for changed services. A port with no endpoints gets only
// filter rules (REJECT); a Local policy without local endpoints DROPs.

import { categorizeEndpoints } from './categorize-endpoints.ts';
import type { EndpointInfo } from './endpoints-map.ts';
import { servicePortEndpointChainName } from './chain-names.ts';
import {
  KUBE_EXTERNAL_SERVICES,
  KUBE_MARK_MASQ,
  KUBE_NODEPORTS,
  KUBE_PROXY_FIREWALL,
  KUBE_SERVICES,
  chainLine,
} from './iptables-chains.ts';
import type { LocalTrafficDetector } from './local-detector.ts';
import { probability } from './probability.ts';
import type { ProxierCaches } from './proxier-state.ts';
import type { ServicePortInfo } from './service-ports.ts';
import { externallyAccessible, usesClusterEndpoints, usesLocalEndpoints } from './service-ports.ts';
import { inCidr } from '../../network/ip.ts';

/** The four parts of the restore text, written in order, and the nat chains this sync keeps. */
export interface RuleBuffers {
  filterChains: string[];
  filterRules: string[];
  natChains: string[];
  natRules: string[];
  activeNatChains: Set<string>;
}

/** One service port's lines: its rules in the top-level chains, and its own chains with their rules. */
export interface ServicePortBuffers {
  filterRules: string[];
  /** Its rules in KUBE-SERVICES and KUBE-NODEPORTS, which every sync rewrites. */
  natRules: string[];
  /** The declarations of its KUBE-EXT, KUBE-FW, KUBE-SVC / KUBE-SVL and KUBE-SEP chains. */
  natChains: string[];
  /** The rules of those chains: a partial sync leaves them out for a service that did not change. */
  chainRules: string[];
  activeNatChains: Set<string>;
}

export interface ServiceRuleContext {
  nodeIP: string | undefined;
  zone: string | undefined;
  masqueradeAll: boolean;
  localDetector: LocalTrafficDetector;
  localhostNodePorts: boolean;
  nfacct: boolean;
  /** Comments on KUBE-SVC → KUBE-SEP and KUBE-SEP rules are dropped above 1000 endpoints. */
  largeClusterMode: boolean;
  caches: ProxierCaches;
}

/** Counts for the sync_proxy_rules_no_local_endpoints_total metric. */
export interface NoLocalEndpoints {
  internal: number;
  external: number;
}

function endpointChain(info: ServicePortInfo, ep: EndpointInfo, caches: ProxierCaches): string {
  const key = `${info.nameString}\u0000${info.protocolLower}\u0000${ep.endpoint}`;
  let chain = caches.endpointChains.get(key);
  if (!chain) {
    chain = servicePortEndpointChainName(info.nameString, info.protocolLower, ep.endpoint);
    caches.endpointChains.set(key, chain);
  }
  return chain;
}

function writeServiceToEndpointRules(
  out: ServicePortBuffers,
  ctx: ServiceRuleContext,
  info: ServicePortInfo,
  svcChain: string,
  endpoints: EndpointInfo[],
): void {
  const comment = (ep: EndpointInfo): string =>
    ctx.largeClusterMode ? '' : ` -m comment --comment "${info.nameString} -> ${ep.endpoint}"`;
  if (info.sessionAffinityClientIP) {
    for (const ep of endpoints) {
      const sep = endpointChain(info, ep, ctx.caches);
      out.chainRules.push(
        `-A ${svcChain}${comment(ep)} -m recent --name ${sep} --rcheck --seconds ${info.stickyMaxAgeSeconds} --reap -j ${sep}`,
      );
    }
  }
  const n = endpoints.length;
  endpoints.forEach((ep, i) => {
    const sep = endpointChain(info, ep, ctx.caches);
    const statistic = i < n - 1 ? ` -m statistic --mode random --probability ${probability(n - i)}` : '';
    out.chainRules.push(`-A ${svcChain}${comment(ep)}${statistic} -j ${sep}`);
  });
}

/** Writes one service port's rules; returns whether it lacked local endpoints for internal / external traffic. */
export function writeServicePortRules(
  out: ServicePortBuffers,
  ctx: ServiceRuleContext,
  info: ServicePortInfo,
  endpoints: EndpointInfo[],
): NoLocalEndpoints {
  const noLocal: NoLocalEndpoints = { internal: 0, external: 0 };
  const p = info.protocolLower;
  const name = info.nameString;
  const { clusterEndpoints, localEndpoints, allReachableEndpoints, hasAnyEndpoints } = categorizeEndpoints(
    endpoints,
    info,
    ctx.zone,
  );
  const { clusterPolicyChain, localPolicyChain, firewallChain, externalChain } = info.chains;
  const usesClusterPolicyChain = clusterEndpoints.length > 0 && usesClusterEndpoints(info);
  const usesLocalPolicyChain = localEndpoints.length > 0 && usesLocalEndpoints(info);

  let internalPolicyChain = clusterPolicyChain;
  let hasInternalEndpoints = hasAnyEndpoints;
  if (info.internalPolicyLocal) {
    internalPolicyChain = localPolicyChain;
    if (localEndpoints.length === 0) hasInternalEndpoints = false;
  }
  let externalPolicyChain = clusterPolicyChain;
  let hasExternalEndpoints = hasAnyEndpoints;
  if (info.externalPolicyLocal) {
    externalPolicyChain = localPolicyChain;
    if (localEndpoints.length === 0) hasExternalEndpoints = false;
  }
  const usesExternalTrafficChain = hasAnyEndpoints && externallyAccessible(info);
  const usesFWChain = hasAnyEndpoints && info.loadBalancerVIPs.length > 0 && info.loadBalancerSourceRanges.length > 0;
  const loadBalancerTrafficChain = usesFWChain ? firewallChain : externalChain;

  let internalFilterTarget = '';
  let internalFilterComment = '';
  let externalFilterTarget = '';
  let externalFilterComment = '';
  if (!hasAnyEndpoints) {
    internalFilterTarget = externalFilterTarget = 'REJECT';
    internalFilterComment = externalFilterComment = `"${name} has no endpoints"`;
  } else {
    if (!hasInternalEndpoints) {
      internalFilterTarget = 'DROP';
      internalFilterComment = `"${name} has no local endpoints"`;
      noLocal.internal = 1;
    }
    if (!hasExternalEndpoints) {
      externalFilterTarget = 'DROP';
      externalFilterComment = `"${name} has no local endpoints"`;
      noLocal.external = 1;
    }
  }

  const { filterRules, natChains, natRules, chainRules } = out;
  const clusterIPMatch = `-m ${p} -p ${p} -d ${info.clusterIP} --dport ${info.port}`;

  // Capture the clusterIP.
  if (hasInternalEndpoints) {
    natRules.push(
      `-A ${KUBE_SERVICES} -m comment --comment "${name} cluster IP" ${clusterIPMatch} -j ${internalPolicyChain}`,
    );
  } else {
    filterRules.push(
      `-A ${KUBE_SERVICES} -m comment --comment ${internalFilterComment} ${clusterIPMatch} -j ${internalFilterTarget}`,
    );
  }

  // Capture externalIPs.
  for (const externalIP of info.externalIPs) {
    const match = `-m ${p} -p ${p} -d ${externalIP} --dport ${info.port}`;
    if (hasAnyEndpoints) {
      natRules.push(`-A ${KUBE_SERVICES} -m comment --comment "${name} external IP" ${match} -j ${externalChain}`);
    }
    if (!hasExternalEndpoints) {
      filterRules.push(
        `-A ${KUBE_EXTERNAL_SERVICES} -m comment --comment ${externalFilterComment} ${match} -j ${externalFilterTarget}`,
      );
    }
  }

  // Capture load-balancer ingress.
  for (const lbip of info.loadBalancerVIPs) {
    const match = `-m ${p} -p ${p} -d ${lbip} --dport ${info.port}`;
    if (hasAnyEndpoints) {
      natRules.push(
        `-A ${KUBE_SERVICES} -m comment --comment "${name} loadbalancer IP" ${match} -j ${loadBalancerTrafficChain}`,
      );
    }
    if (usesFWChain) {
      filterRules.push(
        `-A ${KUBE_PROXY_FIREWALL} -m comment --comment "${name} traffic not accepted by ${firewallChain}" ${match} -j DROP`,
      );
    }
  }
  if (!hasExternalEndpoints) {
    for (const lbip of info.loadBalancerVIPs) {
      filterRules.push(
        `-A ${KUBE_EXTERNAL_SERVICES} -m comment --comment ${externalFilterComment} -m ${p} -p ${p} -d ${lbip} --dport ${info.port} -j ${externalFilterTarget}`,
      );
    }
  }

  // Capture nodeports.
  if (info.nodePort !== 0) {
    if (hasAnyEndpoints) {
      if (ctx.localhostNodePorts && ctx.nfacct) {
        natRules.push(
          `-A ${KUBE_NODEPORTS} -m comment --comment ${name} -m ${p} -p ${p} -d 127.0.0.0/8 --dport ${info.nodePort} -m nfacct --nfacct-name localhost_nps_accepted_pkts -j ${externalChain}`,
        );
      }
      natRules.push(
        `-A ${KUBE_NODEPORTS} -m comment --comment ${name} -m ${p} -p ${p} --dport ${info.nodePort} -j ${externalChain}`,
      );
    }
    if (!hasExternalEndpoints) {
      filterRules.push(
        `-A ${KUBE_EXTERNAL_SERVICES} -m comment --comment ${externalFilterComment} -m addrtype --dst-type LOCAL -m ${p} -p ${p} --dport ${info.nodePort} -j ${externalFilterTarget}`,
      );
    }
  }

  // Capture healthCheckNodePorts.
  if (info.healthCheckNodePort !== 0) {
    filterRules.push(
      `-A ${KUBE_NODEPORTS} -m comment --comment "${name} health check node port" -m tcp -p tcp --dport ${info.healthCheckNodePort} -j ACCEPT`,
    );
  }

  // Internal traffic handling.
  if (hasInternalEndpoints) {
    const args = `-m comment --comment "${name} cluster IP" ${clusterIPMatch}`;
    if (ctx.masqueradeAll) {
      chainRules.push(`-A ${internalPolicyChain} ${args} -j ${KUBE_MARK_MASQ}`);
    } else if (ctx.localDetector.implemented) {
      chainRules.push(`-A ${internalPolicyChain} ${args} ${ctx.localDetector.ifNotLocal} -j ${KUBE_MARK_MASQ}`);
    }
  }

  // External traffic handling.
  if (usesExternalTrafficChain) {
    natChains.push(chainLine(externalChain));
    out.activeNatChains.add(externalChain);
    if (!info.externalPolicyLocal) {
      chainRules.push(
        `-A ${externalChain} -m comment --comment "masquerade traffic for ${name} external destinations" -j ${KUBE_MARK_MASQ}`,
      );
    } else {
      if (ctx.localDetector.implemented) {
        chainRules.push(
          `-A ${externalChain} -m comment --comment "pod traffic for ${name} external destinations" ${ctx.localDetector.ifLocal} -j ${clusterPolicyChain}`,
        );
      }
      chainRules.push(
        `-A ${externalChain} -m comment --comment "masquerade LOCAL traffic for ${name} external destinations" -m addrtype --src-type LOCAL -j ${KUBE_MARK_MASQ}`,
      );
      chainRules.push(
        `-A ${externalChain} -m comment --comment "route LOCAL traffic for ${name} external destinations" -m addrtype --src-type LOCAL -j ${clusterPolicyChain}`,
      );
    }
    if (hasExternalEndpoints) chainRules.push(`-A ${externalChain} -j ${externalPolicyChain}`);
  }

  // Firewall chain.
  if (usesFWChain) {
    natChains.push(chainLine(firewallChain));
    out.activeNatChains.add(firewallChain);
    const args = `-A ${firewallChain} -m comment --comment "${name} loadbalancer IP"`;
    let allowFromNode = false;
    for (const cidr of info.loadBalancerSourceRanges) {
      chainRules.push(`${args} -s ${cidr} -j ${externalChain}`);
      if (ctx.nodeIP && inCidr(ctx.nodeIP, cidr)) allowFromNode = true;
    }
    if (allowFromNode)
      for (const lbip of info.loadBalancerVIPs) chainRules.push(`${args} -s ${lbip} -j ${externalChain}`);
    chainRules.push(
      `-A ${firewallChain} -m comment --comment "other traffic to ${name} will be dropped by KUBE-PROXY-FIREWALL"`,
    );
  }

  if (usesClusterPolicyChain) {
    natChains.push(chainLine(clusterPolicyChain));
    out.activeNatChains.add(clusterPolicyChain);
    writeServiceToEndpointRules(out, ctx, info, clusterPolicyChain, clusterEndpoints);
  }
  if (usesLocalPolicyChain) {
    natChains.push(chainLine(localPolicyChain));
    out.activeNatChains.add(localPolicyChain);
    writeServiceToEndpointRules(out, ctx, info, localPolicyChain, localEndpoints);
  }

  // Per-endpoint chains.
  const sepComment = ctx.largeClusterMode ? '' : ` -m comment --comment ${name}`;
  for (const ep of allReachableEndpoints) {
    const sep = endpointChain(info, ep, ctx.caches);
    natChains.push(chainLine(sep));
    out.activeNatChains.add(sep);
    chainRules.push(`-A ${sep}${sepComment} -s ${ep.ip} -j ${KUBE_MARK_MASQ}`);
    const affinity = info.sessionAffinityClientIP ? ` -m recent --name ${sep} --set` : '';
    chainRules.push(`-A ${sep}${sepComment}${affinity} -m ${p} -p ${p} -j DNAT --to-destination ${ep.endpoint}`);
  }
  return noLocal;
}
