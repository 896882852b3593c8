// --nodeport-addresses as kube-proxy reads it (proxyutil.NodePortAddresses): the IPv4 CIDRs (or "primary", the
// node IP) whose local addresses accept NodePort traffic. No CIDR for the family means every local address.

import { cidrContains, parseCidr, parseIPv4 } from '../../network/ip.ts';
import type { Cidr } from '../../network/ip.ts';

const IPV4_LOOPBACK = parseIPv4('127.0.0.1') as number;

export interface NodePortAddresses {
  /** Every local address accepts NodePorts (no CIDR given, or 0.0.0.0/0). */
  matchAll: boolean;
  /** Whether 127.0.0.1 is among the NodePort addresses (localhost NodePorts can work). */
  containsIPv4Loopback: boolean;
  cidrs: Cidr[];
}

export function nodePortAddresses(specs: string[] | undefined, primaryIP: string | undefined): NodePortAddresses {
  const cidrs: Cidr[] = [];
  for (const spec of specs ?? []) {
    const cidr = parseCidr(spec === 'primary' ? (primaryIP ?? '') : spec.includes('/') ? spec : '');
    if (cidr) cidrs.push(cidr);
  }
  if (cidrs.length === 0 || cidrs.some((cidr) => cidr.prefix === 0)) {
    return { matchAll: true, containsIPv4Loopback: true, cidrs };
  }
  return { matchAll: false, containsIPv4Loopback: cidrs.some((cidr) => cidrContains(cidr, IPV4_LOOPBACK)), cidrs };
}

/** GetNodeIPs: the local addresses (lo's 127.0.0.1 first, then the node's) inside the NodePort CIDRs. */
export function nodePortIPs(addresses: NodePortAddresses, nodeAddresses: string[]): string[] {
  const ips: string[] = [];
  for (const ip of ['127.0.0.1', ...nodeAddresses]) {
    const value = parseIPv4(ip);
    if (value === undefined || ips.includes(ip)) continue;
    if (addresses.cidrs.some((cidr) => cidrContains(cidr, value))) ips.push(ip);
  }
  return ips;
}
