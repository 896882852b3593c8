// The network bench's cluster: a ClusterNetwork in overlay mode whose nodes' root namespaces each have a
// NetfilterStack, and on every node a KubeProxy (iptables or ipvs mode) fed by in-memory informers holding the
// Services and EndpointSlices, writing into that node's stack through the network lab's NetfilterSink (as the
// cluster wires them). The lab clock does not move unless stepped.

import { acceptAll } from '../../../engine/network/accept-all-filter.ts';
import { NetfilterSink } from '../../../engine/network/lab/netfilter-sink.ts';
import { NetfilterStack } from '../../../engine/network/netfilter/netfilter-stack.ts';
import { ClusterNetwork } from '../../../engine/network/topology/cluster-network.ts';
import { overlayMode } from '../../../engine/network/topology/overlay.ts';
import { VirtualClock } from '../../../engine/lab/clock.ts';
import { KubeProxy } from '../../../engine/node/kube-proxy/kube-proxy.ts';
import type { ProxyMode } from '../../../engine/node/kube-proxy/types.ts';
import { seededRandom } from '../../../engine/scheduler/seeded-random.ts';
import { MemoryInformer } from '../../../engine/client/testing/memory-informer.ts';
import { CLUSTER_CIDR, nodeIP, nodeName, podCidr } from './objects.ts';

export interface ProxiedNode {
  name: string;
  stack: NetfilterStack;
  sink: NetfilterSink;
  proxy: KubeProxy;
}

export interface ProxiedCluster {
  clock: VirtualClock;
  network: ClusterNetwork;
  services: MemoryInformer;
  endpointSlices: MemoryInformer;
  nodes: ProxiedNode[];
}

export function proxiedCluster(mode: ProxyMode, nodeCount: number): ProxiedCluster {
  const clock = new VirtualClock(1_700_000_000_000, () => 0);
  const random = seededRandom(1);
  const stacks = new Map<string, NetfilterStack>();
  const network = new ClusterNetwork({
    mode: overlayMode,
    random,
    filterFor: (namespace) => {
      if (!namespace.startsWith('node/')) return acceptAll;
      const stack = new NetfilterStack({ clock, random });
      stacks.set(namespace, stack);
      return stack;
    },
  });
  const services = new MemoryInformer();
  const endpointSlices = new MemoryInformer();
  const nodes: ProxiedNode[] = [];
  for (let i = 0; i < nodeCount; i++) {
    const name = nodeName(i);
    const { namespace } = network.addNode({ name, ip: nodeIP(i), podCidr: podCidr(i) });
    const stack = stacks.get(namespace.name)!;
    const sink = new NetfilterSink(stack, namespace, random);
    const proxy = new KubeProxy({
      node: { name, addresses: [nodeIP(i)] },
      clock,
      informers: { services, endpointSlices },
      sink,
      proxier: { mode, clusterCIDR: CLUSTER_CIDR },
    });
    nodes.push({ name, stack, sink, proxy });
  }
  return { clock, network, services, endpointSlices, nodes };
}
