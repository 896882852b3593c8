// What the trace form offers: the sources (every node's root namespace and every pod, by node) and the targets a
// student would type for each Service (`http://web.default/` for port 80, `kube-dns.kube-system:53` otherwise).

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

/** The target for a TCP port of the Service (its first by default): a URL for port 80, else host:port; else a ping. */
export function serviceTarget(service: NetworkService, port = service.ports.find((p) => p.protocol === 'TCP')): string {
  const host = `${service.name}.${service.namespace}`;
  if (port === undefined) return host;
  return port.port === 80 ? `http://${host}/` : `${host}:${port.port}`;
}

/** A target per TCP port of every Service with a virtual address. */
export function traceTargets(topology: NetworkTopology | undefined): string[] {
  return (topology?.services ?? [])
    .filter((service) => service.clusterIP !== '' && service.clusterIP !== 'None')
    .flatMap((service) => service.ports.filter((p) => p.protocol === 'TCP').map((p) => serviceTarget(service, p)));
}

/** Above this many nodes or pods the diagram starts in its summary: counts per node, pods folded. */
export const SUMMARY_NODES = 10;
export const SUMMARY_PODS = 200;

export function needsSummary(topology: NetworkTopology | undefined): boolean {
  if (topology === undefined) return false;
  const pods = topology.nodes.reduce((sum, node) => sum + node.pods.length, 0);
  return topology.nodes.length > SUMMARY_NODES || pods > SUMMARY_PODS;
}
