// Simulated HTTP through a Service's ClusterIP: client pods on one node send GETs to ClusterIP:80, kube-proxy's rules
// DNAT them to server pods on the other nodes (overlay mode), and the answers come back through conntrack. New
// connections (as wget makes them: one per request, a fresh ephemeral port, the clients taking turns so no 4-tuple
// repeats) and one kept-alive connection, each after a warm-up, counted for a number of seconds.

import { DataPlane } from '../../../engine/network/data-plane.ts';
import type { PodNetwork } from '../../../engine/network/topology/node-network.ts';
import { SERVICE_PORT } from './objects.ts';
import { Stopwatch } from './stopwatch.ts';

/** Ephemeral ports a client has (net.ipv4.ip_local_port_range 32768–60999). */
const PORTS_PER_CLIENT = 28232;
const BATCH = 1000;
const WARM_UP = 20_000;
const REQUEST = { method: 'GET', path: '/', headers: { host: 'svc-0', 'user-agent': 'Wget' } };

/** Requests per second of wall-clock time and per second of CPU time. */
export interface Rate {
  perSecond: number;
  perCpuSecond: number;
}

export interface RequestResult {
  newConnections: Rate;
  keptAlive: Rate;
}

function expectAnswer(outcome: { ok: boolean }): void {
  if (!outcome.ok) throw new Error(`a request failed: ${JSON.stringify(outcome)}`);
}

/** Runs `send` in batches for `seconds` (or until `limit` requests). */
function rate(seconds: number, limit: number, send: (i: number) => void): Rate {
  let count = 0;
  const started = new Stopwatch();
  while (started.elapsed().wallSeconds < seconds && count + BATCH <= limit) {
    for (let i = 0; i < BATCH; i++) send(count + i);
    count += BATCH;
  }
  const { wallSeconds, cpuSeconds } = started.elapsed();
  return { perSecond: Math.round(count / wallSeconds), perCpuSecond: Math.round(count / cpuSeconds) };
}

export function measureRequests(
  vip: string,
  warmUpClient: PodNetwork,
  clients: PodNetwork[],
  seconds: number,
): RequestResult {
  const dataPlane = new DataPlane();
  const init = { protocol: 'tcp' as const, dst: vip, dstPort: SERVICE_PORT, payload: REQUEST };
  for (let i = 0; i < WARM_UP; i++) expectAnswer(dataPlane.request(warmUpClient.namespace, init));
  const newConnections = rate(seconds, clients.length * PORTS_PER_CLIENT, (i) =>
    expectAnswer(dataPlane.request(clients[i % clients.length]!.namespace, init)),
  );

  const connection = dataPlane.connect(warmUpClient.namespace, init);
  if (!connection.ok) throw new Error(`connect failed: ${connection.message}`);
  for (let i = 0; i < WARM_UP; i++) expectAnswer(connection.request(REQUEST));
  const keptAlive = rate(seconds, Infinity, () => expectAnswer(connection.request(REQUEST)));
  return { newConnections, keptAlive };
}
