// The files the kubelet writes for every pod and binds into its containers: /etc/hosts (the pod's own name and
// address, its hostAliases), /etc/hostname, and /etc/resolv.conf by the pod's dnsPolicy (the cluster DNS with the
// namespace's search path for ClusterFirst, the node's resolver for Default, only dnsConfig for None).

import type { BoundFiles } from '../runtime/container-filesystem.ts';
import type { PodSpec } from './pod-types.ts';

export interface DnsSettings {
  /** The cluster DNS Service's addresses (KubeletConfiguration.clusterDNS). */
  clusterDNS: readonly string[];
  /** cluster.local */
  clusterDomain: string;
}

/** The node's own resolver configuration, what dnsPolicy Default gives a pod. */
const NODE_RESOLV_CONF = { nameservers: ['8.8.8.8'], searches: [] as string[], options: [] as string[] };

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
  return (pod.spec.hostname || pod.name).slice(0, 63).replace(/[-.]+$/, '');
}

/** The node's own /etc/hosts: localhost and the node's name (host-network pods get it under kubelet's header). */
export function nodeHostsFile(nodeIP: string, nodeName: string): string {
  return [...LOCALHOST_LINES, `${nodeIP}\t${nodeName}`, ''].join('\n');
}

/** The node's own /etc/resolv.conf. */
export function nodeResolvConf(): string {
  return NODE_RESOLV_CONF.nameservers.map((ns) => `nameserver ${ns}\n`).join('');
}

function hostsFile(pod: PodIdentity, dns: DnsSettings): string {
  const hostname = podHostname(pod);
  if (pod.spec.hostNetwork) {
    return `# Kubernetes-managed hosts file (host network).\n${nodeHostsFile(pod.podIP, hostname)}`;
  }
  const lines = ['# Kubernetes-managed hosts file.', ...LOCALHOST_LINES];
  if (pod.spec.subdomain) {
    const domain = `${pod.spec.subdomain}.${pod.namespace}.svc.${dns.clusterDomain}`;
    lines.push(`${pod.podIP}\t${hostname}.${domain}\t${hostname}`);
  } else {
    lines.push(`${pod.podIP}\t${hostname}`);
  }
  const aliases = pod.spec.hostAliases ?? [];
  if (aliases.length) {
    lines.push('', '# Entries added by HostAliases.');
    for (const alias of aliases) lines.push(`${alias.ip}\t${(alias.hostnames ?? []).join('\t')}`);
  }
  return lines.join('\n') + '\n';
}

function resolvConf(pod: PodIdentity, dns: DnsSettings): string {
  const policy = pod.spec.dnsPolicy ?? 'ClusterFirst';
  const clusterFirst =
    dns.clusterDNS.length > 0 &&
    ((policy === 'ClusterFirst' && !pod.spec.hostNetwork) || policy === 'ClusterFirstWithHostNet');
  let nameservers: string[] = [];
  let searches: string[] = [];
  let options: string[] = [];
  if (clusterFirst) {
    nameservers = [...dns.clusterDNS];
    searches = [`${pod.namespace}.svc.${dns.clusterDomain}`, `svc.${dns.clusterDomain}`, dns.clusterDomain];
    options = ['ndots:5'];
  } else if (policy !== 'None') {
    nameservers = [...NODE_RESOLV_CONF.nameservers];
    searches = [...NODE_RESOLV_CONF.searches];
    options = [...NODE_RESOLV_CONF.options];
  }
  const config = pod.spec.dnsConfig;
  if (config) {
    for (const ns of config.nameservers ?? []) if (!nameservers.includes(ns)) nameservers.push(ns);
    for (const s of config.searches ?? []) if (!searches.includes(s)) searches.push(s);
    for (const o of config.options ?? []) {
      const text = o.value !== undefined ? `${o.name}:${o.value}` : o.name;
      options = [...options.filter((x) => x.split(':')[0] !== o.name), text];
    }
  }
  const lines: string[] = [];
  if (searches.length) lines.push(`search ${searches.join(' ')}`);
  for (const ns of nameservers) lines.push(`nameserver ${ns}`);
  if (options.length) lines.push(`options ${options.join(' ')}`);
  return lines.join('\n') + '\n';
}

const ETC_FILES = ['/etc/hosts', '/etc/hostname', '/etc/resolv.conf'];

/** The pod's /etc files, written out when read (a pod keeps no copy of them). */
export function podEtcFiles(pod: PodIdentity, dns: DnsSettings): BoundFiles {
  return {
    keys: () => ETC_FILES,
    get: (path) => {
      if (path === '/etc/hosts') return hostsFile(pod, dns);
      if (path === '/etc/hostname') return `${podHostname(pod)}\n`;
      if (path === '/etc/resolv.conf') return resolvConf(pod, dns);
      return undefined;
    },
  };
}
