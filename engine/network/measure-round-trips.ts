// Measures simulated HTTP round trips per second between two pods on two nodes (overlay mode, accept-all filters):
// `npx tsx engine/network/measure-round-trips.ts [overlay|routed] [seconds] [traced]`; `traced` keeps every round
// trip's hops. Prints one JSON line.

import { performance } from 'node:perf_hooks';
import { DataPlane } from './data-plane.ts';
import { seededRandom } from '../scheduler/seeded-random.ts';
import { kindCluster } from './topology/kind-cluster.ts';
import { overlayMode } from './topology/overlay.ts';
import { routedMode } from './topology/routed.ts';

const mode = process.argv[2] === 'routed' ? routedMode : overlayMode;
const seconds = Number(process.argv[3] ?? 3);
const traced = process.argv[4] === 'traced';
const network = kindCluster(mode, seededRandom(1));
const client = network.addPod('kind-worker', { namespace: 'default', name: 'client' });
const server = network.addPod('kind-worker2', { namespace: 'default', name: 'web' });
const response = { status: 200, body: 'ok' };
server.namespace.listen('tcp', '0.0.0.0', 80, () => response, 'nginx');
const dataPlane = new DataPlane();
const request = { protocol: 'tcp' as const, dst: server.ip, dstPort: 80, payload: { method: 'GET', path: '/' } };

let count = 0;
const started = performance.now();
const until = started + seconds * 1000;
while (performance.now() < until) {
  for (let i = 0; i < 1000; i++) {
    if (!dataPlane.request(client.namespace, request, traced ? [] : undefined).ok)
      throw new Error('a round trip failed');
  }
  count += 1000;
}
const elapsed = (performance.now() - started) / 1000;
console.log(
  JSON.stringify({
    mode: mode.name,
    roundTrips: count,
    seconds: +elapsed.toFixed(2),
    perSecond: Math.round(count / elapsed),
  }),
);
