// A pod's /etc/resolv.conf as the kubelet forms it (pkg/kubelet/network/dns): by dnsPolicy — ClusterFirst (and
// ClusterFirstWithHostNet) the cluster DNS with `<ns>.svc.<domain> svc.<domain> <domain>` before the node's search
// list and `ndots:5`; Default the node's resolv.conf (also ClusterFirst on the host network, or without a cluster
// DNS address); None nothing — then dnsConfig's nameservers, searches and options merged in, and the limits applied
// (3 nameservers; 32 search domains, 2048 characters, none over 253). The container runtime writes the result.

export interface ResolvConf {
  nameservers: string[];
  searches: string[];
  /** `ndots:5`, `edns0`… */
  options: string[];
}

export interface PodDnsSpec {
  namespace: string;
  dnsPolicy?: string;
  hostNetwork?: boolean;
  dnsConfig?: { nameservers?: string[]; searches?: string[]; options?: { name: string; value?: string }[] };
}

export interface KubeletDnsSettings {
  /** KubeletConfiguration.clusterDNS: the kube-dns Service address. */
  clusterDNS: string[];
  /** KubeletConfiguration.clusterDomain. */
  clusterDomain: string;
  /** The node's resolv.conf (KubeletConfiguration.resolvConf), what dnsPolicy Default passes on. */
  hostResolvConf: ResolvConf;
}

export interface PodDns {
  config: ResolvConf;
  /** The Warning events the kubelet records while forming it (DNSConfigForming, MissingClusterDNS). */
  warnings: { reason: string; message: string }[];
}

const MAX_NAMESERVERS = 3;
const MAX_SEARCH_PATHS = 32;
const MAX_SEARCH_LIST_CHARS = 2048;
const MAX_DOMAIN_LENGTH = 253;

/** The resolver configuration the kubelet gives a pod. */
export function podDns(pod: PodDnsSpec, settings: KubeletDnsSettings): PodDns {
  const warnings: PodDns['warnings'] = [];
  const host = settings.hostResolvConf;
  let config: ResolvConf = {
    nameservers: [...host.nameservers],
    searches: [...host.searches],
    options: [...host.options],
  };
  const policy = pod.dnsPolicy || 'ClusterFirst';
  const cluster = policy === 'ClusterFirstWithHostNet' || (policy === 'ClusterFirst' && !pod.hostNetwork);
  if (policy === 'None') config = { nameservers: [], searches: [], options: [] };
  else if (cluster && settings.clusterDNS.length > 0) {
    const domain = settings.clusterDomain;
    config = {
      nameservers: [...settings.clusterDNS],
      searches: domain
        ? unique([`${pod.namespace}.svc.${domain}`, `svc.${domain}`, domain, ...host.searches])
        : config.searches,
      options: ['ndots:5'],
    };
  } else if (cluster) {
    warnings.push({
      reason: 'MissingClusterDNS',
      message: `kubelet does not have ClusterDNS IP configured and cannot create Pod using "ClusterFirst" policy. Falling back to "Default" policy.`,
    });
  }
  if (pod.dnsConfig) {
    config = {
      nameservers: unique([...config.nameservers, ...(pod.dnsConfig.nameservers ?? [])]),
      searches: unique([...config.searches, ...(pod.dnsConfig.searches ?? [])]),
      options: mergeOptions(config.options, pod.dnsConfig.options ?? []),
    };
  }
  return { config: fitLimits(config, warnings), warnings };
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

/** Options by name, later ones replacing earlier ones of the same name. */
function mergeOptions(existing: string[], added: { name: string; value?: string }[]): string[] {
  const options = new Map<string, string>();
  for (const option of existing) {
    const colon = option.indexOf(':');
    if (colon === -1) options.set(option, '');
    else options.set(option.slice(0, colon), option.slice(colon + 1));
  }
  for (const option of added) options.set(option.name, option.value ?? '');
  return [...options].map(([name, value]) => (value ? `${name}:${value}` : name));
}

function fitLimits(config: ResolvConf, warnings: PodDns['warnings']): ResolvConf {
  let nameservers = config.nameservers;
  if (nameservers.length > MAX_NAMESERVERS) {
    nameservers = nameservers.slice(0, MAX_NAMESERVERS);
    warnings.push({
      reason: 'DNSConfigForming',
      message: `Nameserver limits were exceeded, some nameservers have been omitted, the applied nameserver line is: ${nameservers.join(' ')}`,
    });
  }
  let searches = config.searches.slice(0, MAX_SEARCH_PATHS).filter((s) => s.length <= MAX_DOMAIN_LENGTH);
  let exceeded = searches.length !== config.searches.length;
  while (searches.join(' ').length > MAX_SEARCH_LIST_CHARS) {
    searches = searches.slice(0, -1);
    exceeded = true;
  }
  if (exceeded) {
    warnings.push({
      reason: 'DNSConfigForming',
      message: `Search Line limits were exceeded, some search paths have been omitted, the applied search line is: ${searches.join(' ')}`,
    });
  }
  return { nameservers, searches, options: config.options };
}

/** The file as containerd writes it: search, nameserver lines, options. */
export function formatResolvConf(config: ResolvConf): string {
  const lines: string[] = [];
  if (config.searches.length) lines.push(`search ${config.searches.join(' ')}`);
  for (const nameserver of config.nameservers) lines.push(`nameserver ${nameserver}`);
  if (config.options.length) lines.push(`options ${config.options.join(' ')}`);
  return lines.map((line) => `${line}\n`).join('');
}

/** Reads a resolv.conf as resolvers do: nameservers accumulate, the last search and options lines win. */
export function parseResolvConf(text: string): ResolvConf {
  const config: ResolvConf = { nameservers: [], searches: [], options: [] };
  for (const line of text.split('\n')) {
    const fields = line.trim().split(/\s+/);
    const [keyword, ...rest] = fields;
    if (!keyword || keyword.startsWith('#') || keyword.startsWith(';')) continue;
    if (keyword === 'nameserver' && rest[0]) config.nameservers.push(rest[0]);
    else if (keyword === 'search' || keyword === 'domain') config.searches = rest.map((s) => s.replace(/\.$/, ''));
    else if (keyword === 'options') config.options = rest;
  }
  return config;
}

/** The resolver options a stub resolver reads (ndots 1 unless set, at most 15, as glibc and musl clamp it). */
export function resolverOptions(config: ResolvConf): { ndots: number } {
  let ndots = 1;
  for (const option of config.options) {
    const match = /^ndots:(\d+)$/.exec(option);
    if (match) ndots = Math.min(Number(match[1]), 15);
  }
  return { ndots };
}
