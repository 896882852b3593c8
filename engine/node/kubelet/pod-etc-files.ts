// The files the kubelet writes for every pod and binds into its containers: /etc/hosts (the pod's own name and
// address, its hostAliases), /etc/hostname, and /etc/resolv.conf by the pod's dnsPolicy (the cluster DNS with the
// namespace's search path for ClusterFirst, the node's resolver for Default, only dnsConfig for None), formed by
// engine/network/dns as pkg/kubelet does it.

import { hostNetworkHostsFile, podHostnameAndDomain, podHostsFile } from '../../network/dns/hosts-file.ts';
import { formatResolvConf, podDns } from '../../network/dns/resolv-conf.ts';
import type { PodDns, ResolvConf } from '../../network/dns/resolv-conf.ts';
import type { BoundFiles } from '../runtime/container-filesystem.ts';
import type { PodSpec } from './pod-types.ts';

export interface DnsSettings {
  /** The cluster DNS Service's addresses (KubeletConfiguration.clusterDNS). */
  clusterDNS: readonly string[];
  /** cluster.local */
  clusterDomain: string;
}

/** The node's own resolver configuration, what dnsPolicy Default gives a pod. */
const NODE_RESOLV_CONF: ResolvConf = { nameservers: ['8.8.8.8'], searches: [], options: [] };

const LOCALHOST_LINES = [
  '127.0.0.1\tlocalhost',
  '::1\tlocalhost ip6-localhost ip6-loopback',
  'fe00::0\tip6-localnet',
  'fe00::0\tip6-mcastprefix',
  'fe00::1\tip6-allnodes',
  'fe00::2\tip6-allrouters',
];

export interface PodIdentity {
  name: string;
  namespace: string;
  spec: PodSpec;
  podIP: string;
  nodeName: string;
}

/** The pod's hostname: spec.hostname, else its name (at most 63 characters); the node's name on the host network. */
export function podHostname(pod: PodIdentity): string {
  if (pod.spec.hostNetwork) return pod.nodeName;
  return podHostnameAndDomain({ ...pod, ...pod.spec }, '').hostname;
}

/** The node's own /etc/hosts: localhost and the node's name (host-network pods get it under kubelet's header). */
export function nodeHostsFile(nodeIP: string, nodeName: string): string {
  return [...LOCALHOST_LINES, `${nodeIP}\t${nodeName}`, ''].join('\n');
}

/** The node's own /etc/resolv.conf. */
export function nodeResolvConf(): string {
  return formatResolvConf(NODE_RESOLV_CONF);
}

function hostsFile(pod: PodIdentity, dns: DnsSettings): string {
  const aliases = (pod.spec.hostAliases ?? []).map((alias) => ({ ip: alias.ip, hostnames: alias.hostnames }));
  if (pod.spec.hostNetwork) return hostNetworkHostsFile(nodeHostsFile(pod.podIP, podHostname(pod)), aliases);
  const { hostname, domain } = podHostnameAndDomain({ ...pod, ...pod.spec }, dns.clusterDomain);
  return podHostsFile({ podIPs: [pod.podIP], hostname, domain, hostAliases: aliases });
}

function formPodDns(pod: PodIdentity, dns: DnsSettings): PodDns {
  const settings = {
    clusterDNS: [...dns.clusterDNS],
    clusterDomain: dns.clusterDomain,
    hostResolvConf: NODE_RESOLV_CONF,
  };
  return podDns({ namespace: pod.namespace, ...pod.spec }, settings);
}

function resolvConf(pod: PodIdentity, dns: DnsSettings): string {
  return formatResolvConf(formPodDns(pod, dns).config);
}

/** The Warning events the kubelet records while it forms the pod's resolv.conf (DNSConfigForming, MissingClusterDNS). */
export function podDnsWarnings(pod: PodIdentity, dns: DnsSettings): PodDns['warnings'] {
  return formPodDns(pod, dns).warnings;
}

const ETC_FILES = ['/etc/hosts', '/etc/hostname', '/etc/resolv.conf'];

/** The files of one pod (methods on a prototype: a pod holds only its identity and the node's DNS settings). */
class PodEtcFiles implements BoundFiles {
  constructor(
    private readonly pod: PodIdentity,
    private readonly dns: DnsSettings,
  ) {}

  keys(): readonly string[] {
    return ETC_FILES;
  }

  get(path: string): string | undefined {
    if (path === '/etc/hosts') return hostsFile(this.pod, this.dns);
    if (path === '/etc/hostname') return `${podHostname(this.pod)}\n`;
    if (path === '/etc/resolv.conf') return resolvConf(this.pod, this.dns);
    return undefined;
  }
}

/** The pod's /etc files, written out when read (a pod keeps no copy of them). */
export function podEtcFiles(pod: PodIdentity, dns: DnsSettings): BoundFiles {
  return new PodEtcFiles(pod, dns);
}
