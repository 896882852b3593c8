// Network programming, timed on the wall clock and in CPU time: the initial full sync of every node's kube-proxy,
// and single EndpointSlice changes (one endpoint replaced), each from the informer event until every node has synced
// it into its tables (the lab clock steps past --min-sync-period between changes, so no sync waits for the rate
// limit).

import { DEFAULT_MIN_SYNC_PERIOD_MS } from '../../../engine/node/kube-proxy/kube-proxy.ts';
import type { ProxyMode } from '../../../engine/node/kube-proxy/types.ts';
import type { EndpointAddress } from './objects.ts';
import { SERVICE_PORT, TARGET_PORT, clusterIP, fakeEndpoint, makeService, makeSlice } from './objects.ts';
import type { ProxiedCluster, ProxiedNode } from './proxied-cluster.ts';
import { Stopwatch } from './stopwatch.ts';
import type { Elapsed } from './stopwatch.ts';

export interface ChangeLatency {
  /** The medians over the changes. */
  latency: Elapsed;
  latencyMaxSeconds: number;
}

/** The endpoints of every Service: `first` for Service 0 (the server pods), endpoints nobody serves for the rest. */
export function fillObjects(
  cluster: ProxiedCluster,
  services: number,
  endpointsPerService: number,
  first: EndpointAddress[],
): void {
  const nodes = cluster.nodes.length;
  for (let s = 0; s < services; s++) {
    const endpoints =
      s === 0
        ? first
        : Array.from({ length: endpointsPerService }, (_, e) => fakeEndpoint(s * endpointsPerService + e, nodes));
    cluster.services.upsert(makeService(s));
    cluster.endpointSlices.upsert(makeSlice(s, endpoints));
  }
}

function describe(elapsed: Elapsed): string {
  return `${elapsed.wallSeconds.toFixed(3)} s (${elapsed.cpuSeconds.toFixed(3)} s of CPU)`;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function checkApplied(nodes: ProxiedNode[], what: string): void {
  for (const node of nodes) {
    if (node.sink.lastError !== undefined) throw new Error(`${node.name}: ${what} failed: ${node.sink.lastError}`);
  }
}

/** Whether the node's tables send the Service's traffic to `ip`. */
function programmed(mode: ProxyMode, node: ProxiedNode, service: number, ip: string): boolean {
  if (mode === 'ipvs') {
    const key = { protocol: 'tcp' as const, address: clusterIP(service), port: SERVICE_PORT };
    return node.stack.ipvs.getRealServers(key).some((server) => server.address === ip);
  }
  const dnat = `--to-destination ${ip}:${TARGET_PORT}`;
  for (const chain of node.stack.iptables.table('nat').chains.values()) {
    if (chain.rules.some((rule) => rule.spec.includes(dnat))) return true;
  }
  return false;
}

/** Starts every node's kube-proxy: its first, full sync. */
export async function measureInitialProgramming(cluster: ProxiedCluster, mode: ProxyMode): Promise<Elapsed> {
  const { nodes } = cluster;
  const started = new Stopwatch();
  for (const node of nodes) await node.proxy.start();
  const initial = started.elapsed();
  checkApplied(nodes, 'the initial sync');
  console.error(`${mode}: initial programming of ${nodes.length} nodes: ${describe(initial)}`);
  return initial;
}

/** Single EndpointSlice changes, each until every node's tables have it. */
export function measureChanges(
  cluster: ProxiedCluster,
  mode: ProxyMode,
  services: number,
  endpointsPerService: number,
  changes: number,
): ChangeLatency {
  const { nodes, clock, endpointSlices } = cluster;
  const latencies: Elapsed[] = [];
  for (let c = 0; c < changes; c++) {
    clock.step(DEFAULT_MIN_SYNC_PERIOD_MS);
    const service = 1 + ((c * 997) % (services - 1));
    const fresh = fakeEndpoint(services * endpointsPerService + c, nodes.length);
    const endpoints = Array.from({ length: endpointsPerService }, (_, e) =>
      e === 0 ? fresh : fakeEndpoint(service * endpointsPerService + e, nodes.length),
    );
    const syncs = nodes.map((node) => node.proxy.metrics.syncs);
    const changed = new Stopwatch();
    endpointSlices.upsert(makeSlice(service, endpoints, c + 2));
    clock.step(0);
    const latency = changed.elapsed();
    checkApplied(nodes, `change ${c}`);
    nodes.forEach((node, i) => {
      if (node.proxy.metrics.syncs !== syncs[i]! + 1) throw new Error(`${node.name} did not sync change ${c}`);
      if (!programmed(mode, node, service, fresh.ip))
        throw new Error(`${node.name} lacks ${fresh.ip} after change ${c}`);
    });
    latencies.push(latency);
    console.error(`${mode}: change ${c + 1} programmed on every node: ${describe(latency)}`);
  }
  const wall = latencies.map((latency) => latency.wallSeconds);
  return {
    latency: { wallSeconds: median(wall), cpuSeconds: median(latencies.map((latency) => latency.cpuSeconds)) },
    latencyMaxSeconds: Math.max(...wall),
  };
}
