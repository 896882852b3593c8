// `npm run bench -- network [--services 10000] [--endpoints 5] [--nodes 3] [--seconds 3] [--changes 5]`: the
// Service data plane at scale, on the engine's network (overlay mode), netfilter and kube-proxy code with no API
// server: network programming latency (initial full sync, then single EndpointSlice changes until every node's
// tables are current; iptables and ipvs mode) and HTTP requests per second from a pod to a ClusterIP whose endpoints
// are pods on other nodes (a new connection per request, and a kept-alive connection). Goals: programming ≤ 1 s,
// ≥ 20,000 new-connection requests per second. Times are also given in CPU seconds of this process, and the load
// average before and after, since a shared machine stretches the wall-clock figures.

import os from 'node:os';
import type { PodNetwork } from '../../engine/network/topology/node-network.ts';
import { NAMESPACE, TARGET_PORT, clusterIP, nodeName } from './network/objects.ts';
import { fillObjects, measureChanges, measureInitialProgramming } from './network/programming.ts';
import type { ChangeLatency } from './network/programming.ts';
import { proxiedCluster } from './network/proxied-cluster.ts';
import type { ProxiedCluster } from './network/proxied-cluster.ts';
import { measureRequests } from './network/requests.ts';
import type { RequestResult } from './network/requests.ts';
import type { Elapsed } from './network/stopwatch.ts';

const CLIENTS = 8;
const ANSWER = { status: 200, headers: { 'content-type': 'text/html' }, body: '<h1>Welcome to nginx!</h1>' };

function argument(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
}

interface Settings {
  services: number;
  endpoints: number;
  nodes: number;
  seconds: number;
  changes: number;
}

/** Server pods listening on the target port, spread over every node but the first (the clients'). */
function addServers(cluster: ProxiedCluster, count: number): PodNetwork[] {
  const others = Math.max(1, cluster.nodes.length - 1);
  return Array.from({ length: count }, (_, i) => {
    const node = cluster.nodes.length === 1 ? 0 : 1 + (i % others);
    const pod = cluster.network.addPod(nodeName(node), { namespace: NAMESPACE, name: `web-${i}` });
    pod.namespace.listen('tcp', '0.0.0.0', TARGET_PORT, () => ANSWER, 'nginx');
    return pod;
  });
}

function addClients(cluster: ProxiedCluster, count: number): PodNetwork[] {
  return Array.from({ length: count }, (_, i) =>
    cluster.network.addPod(nodeName(0), { namespace: NAMESPACE, name: `client-${i}` }),
  );
}

interface ProgrammingResult extends ChangeLatency {
  initial: Elapsed;
}

/** Programming, then requests through the rules as first programmed, then changes with those connections tracked. */
async function iptablesRun(settings: Settings): Promise<ProgrammingResult & RequestResult> {
  const cluster = proxiedCluster('iptables', settings.nodes);
  const servers = addServers(cluster, settings.endpoints);
  const [warmUp, ...clients] = addClients(cluster, CLIENTS + 1);
  const first = servers.map((pod) => ({ ip: pod.ip, nodeName: pod.node.name }));
  fillObjects(cluster, settings.services, settings.endpoints, first);
  const initial = await measureInitialProgramming(cluster, 'iptables');
  const requests = measureRequests(clusterIP(0), warmUp!, clients, settings.seconds);
  const { newConnections, keptAlive } = requests;
  console.error(
    `requests/s: ${newConnections.perSecond} new connections (${newConnections.perCpuSecond} per CPU second), ` +
      `${keptAlive.perSecond} kept alive (${keptAlive.perCpuSecond} per CPU second)`,
  );
  const changes = measureChanges(cluster, 'iptables', settings.services, settings.endpoints, settings.changes);
  cluster.clock.dispose();
  return { initial, ...changes, ...requests };
}

async function ipvsRun(settings: Settings): Promise<ProgrammingResult> {
  const cluster = proxiedCluster('ipvs', settings.nodes);
  const servers = addServers(cluster, settings.endpoints);
  fillObjects(
    cluster,
    settings.services,
    settings.endpoints,
    servers.map((pod) => ({ ip: pod.ip, nodeName: pod.node.name })),
  );
  const initial = await measureInitialProgramming(cluster, 'ipvs');
  const changes = measureChanges(cluster, 'ipvs', settings.services, settings.endpoints, settings.changes);
  cluster.clock.dispose();
  return { initial, ...changes };
}

export async function run(args: string[]): Promise<Record<string, unknown>> {
  const settings: Settings = {
    services: argument(args, 'services', 10_000),
    endpoints: argument(args, 'endpoints', 5),
    nodes: argument(args, 'nodes', 3),
    seconds: argument(args, 'seconds', 3),
    changes: argument(args, 'changes', 5),
  };
  const loadBefore = os.loadavg()[0]!;
  const iptables = await iptablesRun(settings);
  const ipvs = await ipvsRun(settings);
  const round = (value: number): number => Number(value.toFixed(3));
  return {
    services: settings.services,
    endpointsPerService: settings.endpoints,
    nodes: settings.nodes,
    initialProgrammingSeconds: round(iptables.initial.wallSeconds),
    initialProgrammingCpuSeconds: round(iptables.initial.cpuSeconds),
    programmingLatencySeconds: round(iptables.latency.wallSeconds),
    programmingLatencyCpuSeconds: round(iptables.latency.cpuSeconds),
    programmingLatencyMaxSeconds: round(iptables.latencyMaxSeconds),
    ipvsInitialProgrammingSeconds: round(ipvs.initial.wallSeconds),
    ipvsProgrammingLatencySeconds: round(ipvs.latency.wallSeconds),
    ipvsProgrammingLatencyCpuSeconds: round(ipvs.latency.cpuSeconds),
    ipvsProgrammingLatencyMaxSeconds: round(ipvs.latencyMaxSeconds),
    requestsPerSecond: iptables.newConnections.perSecond,
    requestsPerCpuSecond: iptables.newConnections.perCpuSecond,
    keepAliveRequestsPerSecond: iptables.keptAlive.perSecond,
    keepAliveRequestsPerCpuSecond: iptables.keptAlive.perCpuSecond,
    loadAverage: [round(loadBefore), round(os.loadavg()[0]!)],
    goalsMet: {
      programmingLatency: iptables.latency.wallSeconds <= 1 && ipvs.latency.wallSeconds <= 1,
      requestsPerSecond: iptables.newConnections.perSecond >= 20_000,
    },
  };
}
