// A two-worker cluster network laid out as kind lays it out (nodes 172.18.0.3 and .4, pod CIDRs 10.244.1.0/24 and
// 10.244.2.0/24), for tests, measurements and small labs.

import type { PacketFilter } from '../netfilter/packet-filter.ts';
import { ClusterNetwork } from './cluster-network.ts';
import type { InterNodeMode } from './inter-node-mode.ts';

export function kindCluster(
  mode: InterNodeMode,
  random: () => number,
  filterFor?: (namespace: string) => PacketFilter,
): ClusterNetwork {
  const network = new ClusterNetwork({ mode, random, ...(filterFor && { filterFor }) });
  network.addNode({ name: 'kind-worker', ip: '172.18.0.3', podCidr: '10.244.1.0/24' });
  network.addNode({ name: 'kind-worker2', ip: '172.18.0.4', podCidr: '10.244.2.0/24' });
  return network;
}
