// A pod's /etc/hosts as the kubelet writes it (pkg/kubelet/kubelet_pods.go): the localhost lines, each pod IP with
// the pod's hostname (and its FQDN when it has a subdomain), then one line per hostAlias hostname; a pod on the host
// network gets the node's own hosts file with the aliases appended. Also the reading side: the table a resolver
// consults before DNS (`hosts: files dns`).

const MANAGED_HEADER = '# Kubernetes-managed hosts file.\n';
const HOST_NETWORK_HEADER = '# Kubernetes-managed hosts file (host network).\n';
const LOCALHOST_LINES =
  '127.0.0.1\tlocalhost\n' +
  '::1\tlocalhost ip6-localhost ip6-loopback\n' +
  'fe00::0\tip6-localnet\n' +
  'fe00::0\tip6-mcastprefix\n' +
  'fe00::1\tip6-allnodes\n' +
  'fe00::2\tip6-allrouters\n';
const MAX_HOSTNAME_LENGTH = 63;

export interface HostAlias {
  ip: string;
  hostnames?: string[];
}

export interface PodHostnameSpec {
  name: string;
  namespace: string;
  hostname?: string;
  subdomain?: string;
}

/**
 * The pod's hostname (spec.hostname, else its name, cut to 63 characters without a trailing `-` or `.`) and its
 * domain (`<subdomain>.<ns>.svc.<cluster domain>` when it has a subdomain, else '').
 */
export function podHostnameAndDomain(
  pod: PodHostnameSpec,
  clusterDomain: string,
): { hostname: string; domain: string } {
  let hostname = pod.hostname || pod.name;
  if (hostname.length > MAX_HOSTNAME_LENGTH) hostname = hostname.slice(0, MAX_HOSTNAME_LENGTH).replace(/[-.]+$/, '');
  const domain = pod.subdomain ? `${pod.subdomain}.${pod.namespace}.svc.${clusterDomain}` : '';
  return { hostname, domain };
}

export interface PodHostsSpec {
  podIPs: string[];
  hostname: string;
  /** The pod's domain, from podHostnameAndDomain; '' without a subdomain. */
  domain: string;
  hostAliases?: HostAlias[];
}

/** The managed hosts file of a pod with its own network namespace. */
export function podHostsFile(pod: PodHostsSpec): string {
  let text = MANAGED_HEADER + LOCALHOST_LINES;
  for (const ip of pod.podIPs) {
    text += pod.domain ? `${ip}\t${pod.hostname}.${pod.domain}\t${pod.hostname}\n` : `${ip}\t${pod.hostname}\n`;
  }
  return text + hostAliasLines(pod.hostAliases ?? []);
}

/** The hosts file of a pod on the host network: the node's file, then the pod's aliases. */
export function hostNetworkHostsFile(nodeHostsFile: string, hostAliases: HostAlias[] = []): string {
  return HOST_NETWORK_HEADER + nodeHostsFile + hostAliasLines(hostAliases);
}

function hostAliasLines(aliases: HostAlias[]): string {
  if (aliases.length === 0) return '';
  let text = '\n# Entries added by HostAliases.\n';
  for (const alias of aliases) for (const hostname of alias.hostnames ?? []) text += `${alias.ip}\t${hostname}\n`;
  return text;
}

/** name (lower-case, no trailing dot) → its addresses, in file order. */
export type HostsTable = Map<string, string[]>;

export function parseHostsFile(text: string): HostsTable {
  const table: HostsTable = new Map();
  for (const line of text.split('\n')) {
    const [ip, ...names] = line.replace(/#.*/, '').trim().split(/\s+/);
    if (!ip || names.length === 0) continue;
    for (const name of names) {
      const key = name.toLowerCase().replace(/\.$/, '');
      const addresses = table.get(key) ?? [];
      if (!addresses.includes(ip)) addresses.push(ip);
      table.set(key, addresses);
    }
  }
  return table;
}
