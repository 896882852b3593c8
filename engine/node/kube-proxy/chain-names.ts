// The names of kube-proxy's per-service and per-endpoint iptables chains: a prefix and the first 16 characters of
// the base32 (RFC 4648, standard alphabet) encoding of sha256(servicePortName + protocol [+ endpoint]), as
// portProtoHash and servicePortEndpointChainName compute them, so names equal upstream's for the same input.

import { hash } from 'node:crypto';

const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** The first 16 base32 characters of sha256(input): 80 bits, the hash's first 10 bytes (kube-router's too). */
export function hash16(input: string): string {
  const digest = hash('sha256', input, 'buffer');
  let out = '';
  for (let group = 0; group < 2; group++) {
    // 5 bytes (40 bits, exact in a double) make 8 characters of 5 bits each.
    let bits = 0;
    for (let i = 0; i < 5; i++) bits = bits * 256 + (digest[group * 5 + i] ?? 0);
    for (let shift = 35; shift >= 0; shift -= 5) out += BASE32_ALPHABET[Math.floor(bits / 2 ** shift) % 32];
  }
  return out;
}

/** portProtoHash: the 16-character hash shared by a service port's SVC, SVL, EXT and FW chains. */
export function portProtoHash(servicePortName: string, protocol: string): string {
  return hash16(servicePortName + protocol);
}

/** The chains of one service port, computed once per port. */
export interface ServicePortChains {
  /** KUBE-SVC-…: dispatch to endpoints under the Cluster traffic policy. */
  clusterPolicyChain: string;
  /** KUBE-SVL-…: dispatch to node-local endpoints under the Local traffic policy. */
  localPolicyChain: string;
  /** KUBE-FW-…: loadBalancerSourceRanges filtering. */
  firewallChain: string;
  /** KUBE-EXT-…: traffic to NodePorts, externalIPs and load-balancer IPs. */
  externalChain: string;
}

export function servicePortChains(servicePortName: string, protocol: string): ServicePortChains {
  const hash = portProtoHash(servicePortName, protocol);
  return {
    clusterPolicyChain: `KUBE-SVC-${hash}`,
    localPolicyChain: `KUBE-SVL-${hash}`,
    firewallChain: `KUBE-FW-${hash}`,
    externalChain: `KUBE-EXT-${hash}`,
  };
}

/** KUBE-SEP-…: the chain that DNATs to one endpoint ("ip:port") of a service port. */
export function servicePortEndpointChainName(servicePortName: string, protocol: string, endpoint: string): string {
  return `KUBE-SEP-${hash16(servicePortName + protocol + endpoint)}`;
}

const SERVICE_CHAIN_PREFIXES = ['KUBE-SVC-', 'KUBE-SVL-', 'KUBE-SEP-', 'KUBE-FW-', 'KUBE-EXT-'];

/** Whether a nat chain is one of kube-proxy's per-service chains (stale ones are deleted). */
export function isServiceChainName(chain: string): boolean {
  for (const prefix of SERVICE_CHAIN_PREFIXES) if (chain.startsWith(prefix)) return true;
  return false;
}
