// The data plane as the network panel draws it, in plain JSON: every node's root namespace with its devices (eth0,
// cni0, flannel.1, kube-ipvs0, the pods' host veths), its routing table, how it reaches each other node's pods
// (a VXLAN tunnel or a route), and the pods it holds with their veth pairs.

import type { NetDevice } from '../../engine/network/device.ts';
import { VethDevice, VxlanDevice } from '../../engine/network/device.ts';
import { formatCidr, formatIPv4 } from '../../engine/network/ip.ts';
import type { ClusterNetwork } from '../../engine/network/topology/cluster-network.ts';
import type { NodeNetwork, PodNetwork } from '../../engine/network/topology/node-network.ts';
import { formatRoute } from '../../engine/network/render/ip-route.ts';
import type { NetworkDevice, NetworkNode, NetworkPod, NetworkTunnel } from '../../engine/protocol/host-api.ts';

function deviceView(dev: NetDevice): NetworkDevice {
  return {
    name: dev.name,
    kind: dev.kind,
    index: dev.index,
    mac: dev.mac,
    mtu: dev.mtu,
    up: dev.up,
    addresses: dev.addresses.map((address) => `${address.text}/${address.prefix}`),
    ...(dev.master && { master: dev.master.name }),
    ...(dev instanceof VethDevice &&
      dev.peer.namespace && { peer: { namespace: dev.peer.namespace.name, device: dev.peer.name } }),
    ...(dev instanceof VxlanDevice && {
      vxlan: {
        vni: dev.vni,
        local: dev.localText,
        port: dev.port,
        remotes: [...dev.fdb.values()].map((vtep) => vtep.dst).sort(),
      },
    }),
  };
}

/** How `node` routes to `other`'s pod CIDR; for VXLAN, the remote VTEP its gateway's MAC leads to. */
function tunnelTo(node: NodeNetwork, other: NodeNetwork): NetworkTunnel | undefined {
  const route = node.namespace.routes.lookup(other.podCidr.base);
  if (route === undefined || route.dst.prefix !== other.podCidr.prefix || route.dst.base !== other.podCidr.base) {
    return undefined;
  }
  const common = { node: other.name, podCidr: formatCidr(other.podCidr), route: formatRoute(route) };
  const dev = route.dev;
  if (dev instanceof VxlanDevice) {
    const mac = route.via === undefined ? undefined : dev.neighbours.get(route.via)?.mac;
    const vtep = mac === undefined ? undefined : dev.fdb.get(mac);
    return { ...common, device: dev.name, remote: vtep?.dst ?? '', kind: 'vxlan' };
  }
  return { ...common, device: dev.name, remote: route.via === undefined ? '' : formatIPv4(route.via), kind: 'route' };
}

function podView(pod: PodNetwork): NetworkPod {
  const [namespace = '', name = ''] = pod.key.split('/');
  return {
    namespace,
    name,
    netns: pod.namespace.name,
    ip: pod.ip,
    mac: pod.podVeth.mac,
    podInterface: pod.podVeth.name,
    hostInterface: pod.hostVeth.name,
  };
}

/** Names in natural order (node-2 before node-10), the same on every host. */
const compare = new Intl.Collator('en', { numeric: true }).compare;

/** Every node of the data plane, by name, with its pods by namespace and name. */
export function networkNodes(network: ClusterNetwork): NetworkNode[] {
  const podsOf = new Map<NodeNetwork, NetworkPod[]>();
  for (const pod of network.pods.values()) {
    const list = podsOf.get(pod.node) ?? [];
    list.push(podView(pod));
    podsOf.set(pod.node, list);
  }
  const nodes = [...network.nodes.values()];
  return nodes
    .map((node) => ({
      name: node.name,
      netns: node.namespace.name,
      ip: node.ip,
      podCidr: formatCidr(node.podCidr),
      bridge: node.bridge.name,
      devices: [...node.namespace.devices.values()].sort((a, b) => a.index - b.index).map(deviceView),
      routes: node.namespace.routes.list().map(formatRoute),
      tunnels: nodes
        .filter((other) => other !== node)
        .flatMap((other) => tunnelTo(node, other) ?? [])
        .sort((a, b) => compare(a.node, b.node)),
      pods: (podsOf.get(node) ?? []).sort((a, b) => compare(a.namespace, b.namespace) || compare(a.name, b.name)),
    }))
    .sort((a, b) => compare(a.name, b.name));
}
