// The IPVS proxier's sync as data: the addresses to bind on kube-ipvs0, one virtual server per ClusterIP,
// externalIP, load-balancer IP and node IP × NodePort (scheduler rr, persistent for ClientIP affinity) with its real
// servers, the ipset entries, and the iptables restore text that matches those sets.

import { categorizeEndpoints } from './categorize-endpoints.ts';
import type { EndpointInfo } from './endpoints-map.ts';
import type { LbNoNodeAccess } from './ipvs-iptables-rules.ts';
import { ipvsIptablesRestoreText } from './ipvs-iptables-rules.ts';
import {
  IpsetEntries,
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
  ipPortEntry,
  ipPortThirdEntry,
} from './ipsets.ts';
import type { IpsetState } from './ipsets.ts';
import { localDetectorFor } from './local-detector.ts';
import { masqueradeMark } from './masquerade-mark.ts';
import { nodePortAddresses, nodePortIPs } from './node-port-addresses.ts';
import type { ProxierState } from './proxier-state.ts';
import type { ServicePortInfo } from './service-ports.ts';
import { servicePortKey } from './service-ports.ts';
import type { ProxierOptions } from './types.ts';
import { inCidr } from '../../network/ip.ts';

export const DUMMY_DEVICE = 'kube-ipvs0';
const DEFAULT_SCHEDULER = 'rr';
const ZONE_LABEL = 'topology.kubernetes.io/zone';

export interface RealServer {
  address: string;
  port: number;
  weight: number;
}

export interface VirtualServer {
  /** TCP, UDP or SCTP. */
  protocol: string;
  address: string;
  port: number;
  scheduler: string;
  /** "persistent" for ClientIP affinity, "hashed" (source hash) for the mh scheduler. */
  flags: string[];
  /** Persistence timeout in seconds (sessionAffinityConfig.clientIP.timeoutSeconds); 0 without affinity. */
  timeout: number;
  /** The Service port it serves ("namespace/name:port"). */
  service: string;
  realServers: RealServer[];
}

export interface IpvsState {
  dummyDevice: string;
  /** Addresses bound to kube-ipvs0 (/32 each), sorted. */
  addresses: string[];
  virtualServers: VirtualServer[];
  ipsets: IpsetState[];
  /** The nat and filter rules, as iptables-restore input. */
  restoreText: string;
}

const NODE_PORT_SETS: Record<string, [set: string, localSet: string]> = {
  tcp: [KUBE_NODE_PORT_TCP, KUBE_NODE_PORT_LOCAL_TCP],
  udp: [KUBE_NODE_PORT_UDP, KUBE_NODE_PORT_LOCAL_UDP],
  sctp: [KUBE_NODE_PORT_SCTP, KUBE_NODE_PORT_LOCAL_SCTP],
};

export function ipvsSync(state: ProxierState, options: ProxierOptions): IpvsState {
  const scheduler = options.ipvsScheduler || DEFAULT_SCHEDULER;
  const sets = new IpsetEntries();
  const bindAddrs = new Set<string>();
  const virtualServers: VirtualServer[] = [];
  const lbNoNodeAccess: LbNoNodeAccess[] = [];
  const nodeIP = state.node.addresses[0];
  const zone = state.node.labels?.[ZONE_LABEL];
  // Local addresses other than kube-ipvs0's (and loopback): externalIPs on them are not bound again.
  const nodeAddressSet = new Set(state.node.addresses);

  const addresses = nodePortAddresses(options.nodePortAddresses, nodeIP);
  const nodeIPs = addresses.matchAll
    ? state.node.addresses
    : nodePortIPs(addresses, state.node.addresses).filter((ip) => !ip.startsWith('127.'));

  for (const info of state.servicePorts) {
    const p = info.protocolLower;
    const endpoints = state.endpointsMap.get(servicePortKey(info.nameString, info.protocol)) ?? [];
    const { clusterEndpoints, localEndpoints } = categorizeEndpoints(endpoints, info, zone);
    const internalServers = realServers(info.internalPolicyLocal, localEndpoints, clusterEndpoints);
    const externalServers = realServers(info.externalPolicyLocal, localEndpoints, clusterEndpoints);

    for (const ep of endpoints) {
      if (ep.isLocal) sets.add(KUBE_LOOP_BACK, ipPortThirdEntry(ep.ip, p, ep.port, ep.ip));
    }

    sets.add(KUBE_CLUSTER_IP, ipPortEntry(info.clusterIP, p, info.port));
    virtualServers.push(virtualServerOf(info, info.clusterIP, info.port, internalServers, scheduler));
    bindAddrs.add(info.clusterIP);

    for (const externalIP of info.externalIPs) {
      sets.add(
        info.externalPolicyLocal ? KUBE_EXTERNAL_IP_LOCAL : KUBE_EXTERNAL_IP,
        ipPortEntry(externalIP, p, info.port),
      );
      virtualServers.push(virtualServerOf(info, externalIP, info.port, externalServers, scheduler));
      if (!nodeAddressSet.has(externalIP)) bindAddrs.add(externalIP);
    }

    for (const ingress of info.loadBalancerVIPs) {
      const entry = ipPortEntry(ingress, p, info.port);
      sets.add(KUBE_LOAD_BALANCER, entry);
      if (info.externalPolicyLocal) sets.add(KUBE_LOAD_BALANCER_LOCAL, entry);
      if (info.loadBalancerSourceRanges.length > 0) {
        sets.add(KUBE_LOAD_BALANCER_FW, entry);
        let allowFromNode = false;
        for (const cidr of info.loadBalancerSourceRanges) {
          sets.add(KUBE_LOAD_BALANCER_SOURCE_CIDR, ipPortThirdEntry(ingress, p, info.port, cidr));
          if (nodeIP && inCidr(nodeIP, cidr)) allowFromNode = true;
        }
        if (allowFromNode) sets.add(KUBE_LOAD_BALANCER_SOURCE_IP, ipPortThirdEntry(ingress, p, info.port, ingress));
        else lbNoNodeAccess.push({ ip: ingress, protocol: p, port: info.port });
      }
      virtualServers.push(virtualServerOf(info, ingress, info.port, externalServers, scheduler));
      if (!nodeAddressSet.has(ingress)) bindAddrs.add(ingress);
    }

    if (info.nodePort !== 0) {
      if (nodeIPs.length === 0) continue;
      const [set, localSet] = NODE_PORT_SETS[p] ?? [];
      const entries = p === 'sctp' ? nodeIPs.map((ip) => ipPortEntry(ip, p, info.nodePort)) : [String(info.nodePort)];
      for (const entry of entries) {
        if (set) sets.add(set, entry);
        if (localSet && info.externalPolicyLocal) sets.add(localSet, entry);
      }
      for (const ip of nodeIPs)
        virtualServers.push(virtualServerOf(info, ip, info.nodePort, externalServers, scheduler));
    }

    if (info.healthCheckNodePort !== 0) sets.add(KUBE_HEALTH_CHECK_NODE_PORT, String(info.healthCheckNodePort));
  }
  for (const address of bindAddrs) sets.add(KUBE_IPVS_IPS, address);

  return {
    dummyDevice: DUMMY_DEVICE,
    addresses: [...bindAddrs].sort(),
    virtualServers,
    ipsets: sets.states(),
    restoreText: ipvsIptablesRestoreText({
      sets,
      mark: masqueradeMark(options.masqueradeBit),
      masqueradeAll: options.masqueradeAll ?? false,
      localDetector: localDetectorFor(options.clusterCIDR),
      randomFully: options.randomFully ?? true,
      lbNoNodeAccess,
    }),
  };
}

/** syncEndpoint: node-local endpoints when the policy is Local and there are some, else the cluster's. */
function realServers(
  onlyNodeLocal: boolean,
  localEndpoints: readonly EndpointInfo[],
  clusterEndpoints: readonly EndpointInfo[],
): RealServer[] {
  const chosen = new Map<string, EndpointInfo>();
  for (const ep of onlyNodeLocal && localEndpoints.length > 0 ? localEndpoints : clusterEndpoints) {
    chosen.set(ep.endpoint, ep);
  }
  const servers: RealServer[] = [];
  for (const ep of chosen.values()) servers.push({ address: ep.ip, port: ep.port, weight: 1 });
  return servers;
}

function virtualServerOf(
  info: ServicePortInfo,
  address: string,
  port: number,
  realServers: RealServer[],
  scheduler: string,
): VirtualServer {
  const flags: string[] = [];
  if (info.sessionAffinityClientIP) flags.push('persistent');
  if (scheduler === 'mh') flags.push('hashed');
  return {
    protocol: info.protocol,
    address,
    port,
    scheduler,
    flags,
    timeout: info.sessionAffinityClientIP ? info.stickyMaxAgeSeconds : 0,
    service: info.nameString,
    realServers,
  };
}
