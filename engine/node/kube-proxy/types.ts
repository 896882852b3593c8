// The objects kube-proxy reads (Services, EndpointSlices) as far as it reads them, the node it runs on, and the
// proxier options that shape its rules. Field names are Kubernetes' own; fields are optional because objects come
// from JSON.

import type { KubeObject } from '../../api/object.ts';

export interface ServicePort {
  name?: string;
  protocol?: string;
  port: number;
  targetPort?: number | string;
  nodePort?: number;
}

export interface LoadBalancerIngress {
  ip?: string;
  hostname?: string;
  ipMode?: string;
}

export interface Service extends KubeObject {
  spec?: {
    type?: string;
    clusterIP?: string;
    clusterIPs?: string[];
    ports?: ServicePort[];
    externalIPs?: string[];
    sessionAffinity?: string;
    sessionAffinityConfig?: { clientIP?: { timeoutSeconds?: number } };
    externalTrafficPolicy?: string;
    internalTrafficPolicy?: string;
    healthCheckNodePort?: number;
    loadBalancerSourceRanges?: string[];
  };
  status?: { loadBalancer?: { ingress?: LoadBalancerIngress[] } };
}

export interface EndpointConditions {
  ready?: boolean | null;
  serving?: boolean | null;
  terminating?: boolean | null;
}

export interface Endpoint {
  addresses: string[];
  conditions?: EndpointConditions;
  nodeName?: string;
  zone?: string;
  hints?: { forZones?: { name: string }[] } | null;
}

export interface EndpointPort {
  name?: string | null;
  protocol?: string | null;
  port?: number | null;
}

export interface EndpointSlice extends KubeObject {
  addressType: string;
  endpoints?: Endpoint[] | null;
  ports?: EndpointPort[] | null;
}

/** The node kube-proxy runs on: its name, its labels (the topology zone) and its interface addresses. */
export interface ProxyNode {
  name: string;
  /** IPv4 addresses on the node's interfaces other than lo and kube-ipvs0; the first is the node IP. */
  addresses: string[];
  labels?: Record<string, string>;
}

export type ProxyMode = 'iptables' | 'ipvs';

/** kube-proxy's configuration as far as it changes the rules (KubeProxyConfiguration and flag names). */
export interface ProxierOptions {
  mode: ProxyMode;
  /** --masquerade-all: SNAT all traffic sent to ClusterIPs. */
  masqueradeAll?: boolean;
  /** --cluster-cidr, used to tell pod traffic from off-cluster traffic (detect-local-mode ClusterCIDR). */
  clusterCIDR?: string;
  /** --nodeport-addresses: CIDRs or "primary"; empty means every local address. */
  nodePortAddresses?: string[];
  /** --iptables-masquerade-bit (default 14). */
  masqueradeBit?: number;
  /** --iptables-localhost-nodeports (default true). */
  localhostNodePorts?: boolean;
  /** Whether iptables supports MASQUERADE --random-fully (iptables ≥ 1.6.2; default true). */
  randomFully?: boolean;
  /** Whether the kernel has nfacct, so kube-proxy's nfacct counters exist (default false). */
  nfacct?: boolean;
  /** Whether net.netfilter.nf_conntrack_tcp_be_liberal is set (no INVALID drop rule; default false). */
  conntrackTCPLiberal?: boolean;
  /** --ipvs-scheduler (default rr). */
  ipvsScheduler?: string;
}
