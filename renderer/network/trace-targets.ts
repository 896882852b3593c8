// What the trace form offers: the sources (every node's root namespace and every pod, by node) and the targets a
// student would type for each Service (`http://web.default/` for port 80, `kube-dns.kube-system:53` otherwise; by
// ClusterIP from a node, which has no cluster DNS); a bare Service name typed as the target means that target.

import type { NetworkService, NetworkTopology } from '../../engine/protocol/host-api.ts';

export interface SourceGroup {
  node: string;
  options: { value: string; label: string }[];
}

export function traceSources(topology: NetworkTopology | undefined): SourceGroup[] {
  return (topology?.nodes ?? []).map((node) => ({
    node: node.name,
    options: [
      { value: node.netns, label: `node ${node.name} (${node.ip})` },
      ...node.pods.map((pod) => ({ value: pod.netns, label: `${pod.namespace}/${pod.name} (${pod.ip})` })),
    ],
  }));
}

const hasVip = (service: NetworkService): boolean => service.clusterIP !== '' && service.clusterIP !== 'None';

/**
 * The target for a TCP port of the Service (its first by default) from `from`: a URL for port 80, else host:port,
 * else a ping; the host is the Service's name, or its ClusterIP from a node.
 */
export function serviceTarget(
  service: NetworkService,
  from: string,
  port = service.ports.find((p) => p.protocol === 'TCP'),
): string {
  const host = from.startsWith('node/') && hasVip(service) ? service.clusterIP : `${service.name}.${service.namespace}`;
  if (port === undefined) return host;
  return port.port === 80 ? `http://${host}/` : `${host}:${port.port}`;
}

/** A target per TCP port of every Service with a virtual address. */
export function traceTargets(topology: NetworkTopology | undefined, from: string): string[] {
  return (topology?.services ?? [])
    .filter(hasVip)
    .flatMap((service) =>
      service.ports.filter((p) => p.protocol === 'TCP').map((p) => serviceTarget(service, from, p)),
    );
}

/** `web` (in the source pod's namespace) or `web.default` naming a Service: its target; anything else as typed. */
export function expandTarget(to: string, from: string, topology: NetworkTopology | undefined): string {
  const [name, namespace = from.split('/')[1], ...rest] = to.split('.');
  if (rest.length || !name || !from.startsWith('pod/')) return to;
  const service = topology?.services.find((s) => s.name === name && s.namespace === namespace);
  return service ? serviceTarget(service, from) : to;
}

/** Above this many nodes or pods the diagram starts in its summary: counts per node, pods folded. */
export const SUMMARY_NODES = 10;
export const SUMMARY_PODS = 200;

export function needsSummary(topology: NetworkTopology | undefined): boolean {
  if (topology === undefined) return false;
  const pods = topology.nodes.reduce((sum, node) => sum + node.pods.length, 0);
  return topology.nodes.length > SUMMARY_NODES || pods > SUMMARY_PODS;
}
