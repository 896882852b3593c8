// The cluster's network topology, built the way flannel and the bridge CNI plugin build it: nodes on one node network
// segment (eth0, the cni0 bridge holding the pod CIDR's gateway, ip_forward on), pods in their own namespaces joined
// to the bridge by veth pairs, and an inter-node mode (overlay or routed) programmed between every pair of nodes.
// The CNI plugins call addPod / removePod; the node lifecycle calls addNode / removeNode.

import { acceptAll } from '../accept-all-filter.ts';
import { BridgeDevice, EthernetDevice, createVethPair } from '../device.ts';
import { parseCidr, parseIPv4 } from '../ip.ts';
import { L2Segment } from '../l2-segment.ts';
import { announce, forget } from '../link-layer.ts';
import { randomMac, randomVethName } from '../mac.ts';
import { NetworkNamespace } from '../namespace.ts';
import type { PacketFilter } from '../netfilter/packet-filter.ts';
import type { InterNodeMode } from './inter-node-mode.ts';
import { HostLocalIpam } from './ipam.ts';
import type { NodeNetwork, PodNetwork } from './node-network.ts';

export interface ClusterNetworkOptions {
  mode: InterNodeMode;
  /** Every MAC and veth name is drawn from it. */
  random: () => number;
  /** The node network (kind's `172.18.0.0/16`). */
  nodeNetwork?: string;
  /** The nodes' default gateway on the node network (`172.18.0.1`); nothing answers there until a lab puts a host there. */
  gateway?: string;
  /** The filter of a new namespace, by its name (kube-proxy's netfilter on nodes); accept-all by default. */
  filterFor?: (namespace: string) => PacketFilter;
}

export interface NodeSpec {
  name: string;
  /** The node's address on the node network. */
  ip: string;
  /** The node's pod CIDR (`spec.podCIDR`), e.g. `10.244.1.0/24`. */
  podCidr: string;
}

export interface PodSpec {
  namespace: string;
  name: string;
  /** A fixed address from the node's pod CIDR; the lowest free one when absent. */
  ip?: string;
}

export class ClusterNetwork {
  readonly segment = new L2Segment('node-network');
  readonly nodes = new Map<string, NodeNetwork>();
  readonly pods = new Map<string, PodNetwork>();
  private readonly nodePrefix: number;

  constructor(private readonly options: ClusterNetworkOptions) {
    const range = parseCidr(options.nodeNetwork ?? '172.18.0.0/16');
    if (range === undefined) throw new Error(`invalid node network ${options.nodeNetwork}`);
    this.nodePrefix = range.prefix;
  }

  get mode(): InterNodeMode {
    return this.options.mode;
  }

  /** A node's root namespace: eth0 on the node network, the cni0 bridge, the mode's devices, routes to every node. */
  addNode(spec: NodeSpec): NodeNetwork {
    const podCidr = parseCidr(spec.podCidr);
    if (podCidr === undefined || parseIPv4(spec.ip) === undefined)
      throw new Error(`invalid node ${spec.name}: ${spec.ip} ${spec.podCidr}`);
    if (this.nodes.has(spec.name)) throw new Error(`node ${spec.name} already exists`);
    const random = this.options.random;
    const namespace = this.namespace(`node/${spec.name}`);
    namespace.ipForward = true;
    const uplink = new EthernetDevice('eth0', randomMac(random), 1500);
    namespace.addDevice(uplink);
    namespace.addAddress('eth0', `${spec.ip}/${this.nodePrefix}`);
    namespace.addRoute({ dst: 'default', via: this.options.gateway ?? '172.18.0.1', dev: 'eth0' });
    this.segment.attach(uplink);
    const ipam = new HostLocalIpam(podCidr);
    const bridge = new BridgeDevice('cni0', randomMac(random), this.mode.mtu);
    const node: NodeNetwork = {
      name: spec.name,
      ip: spec.ip,
      podCidr,
      namespace,
      uplink,
      bridge,
      vxlan: undefined,
      ipam,
    };
    this.mode.setUp(node, random);
    namespace.addDevice(bridge);
    namespace.addAddress('cni0', `${ipam.gateway}/${podCidr.prefix}`);
    for (const other of this.nodes.values()) {
      this.mode.connect(node, other);
      this.mode.connect(other, node);
    }
    this.nodes.set(spec.name, node);
    return node;
  }

  /** Removes the node, its pods, and every other node's routes to it. */
  removeNode(name: string): void {
    const node = this.requireNode(name);
    for (const pod of [...this.pods.values()]) if (pod.node === node) this.dropPod(pod);
    this.nodes.delete(name);
    for (const other of this.nodes.values()) this.mode.disconnect(other, node);
    this.segment.detach(node.uplink);
  }

  /** What the bridge plugin does on ADD: the pod's namespace, a veth pair (eth0 ↔ vethXXXXXXXX on cni0), the address, the default route via the bridge. */
  addPod(nodeName: string, spec: PodSpec): PodNetwork {
    const node = this.requireNode(nodeName);
    const key = `${spec.namespace}/${spec.name}`;
    if (this.pods.has(key)) throw new Error(`pod ${key} already has a network namespace`);
    const ip = node.ipam.allocate(spec.ip);
    const random = this.options.random;
    const namespace = this.namespace(`pod/${key}`);
    let hostName = randomVethName(random);
    while (node.namespace.device(hostName) !== undefined) hostName = randomVethName(random);
    const [podVeth, hostVeth] = createVethPair(
      { name: 'eth0', mac: randomMac(random) },
      { name: hostName, mac: randomMac(random) },
      this.mode.mtu,
    );
    node.namespace.addDevice(hostVeth);
    node.bridge.attach(hostVeth);
    namespace.addDevice(podVeth);
    namespace.addAddress('eth0', `${ip}/${node.podCidr.prefix}`);
    namespace.addRoute({ dst: 'default', via: node.ipam.gateway, dev: 'eth0' });
    announce(podVeth, parseIPv4(ip)!);
    const pod: PodNetwork = { key, node, namespace, ip, podVeth, hostVeth };
    this.pods.set(key, pod);
    return pod;
  }

  /** What the bridge plugin does on DEL: the veth pair goes (with the bridge port), the address returns to the pool. */
  removePod(namespace: string, name: string): void {
    const pod = this.pods.get(`${namespace}/${name}`);
    if (pod !== undefined) this.dropPod(pod);
  }

  /** What the bridge plugin's CHECK verifies: the pod's interface, address, default route, and its veth on the bridge. */
  checkPod(namespace: string, name: string): string[] {
    const pod = this.pods.get(`${namespace}/${name}`);
    if (pod === undefined) return [`pod ${namespace}/${name} has no network namespace`];
    const problems: string[] = [];
    const eth0 = pod.namespace.device('eth0');
    if (eth0 !== pod.podVeth) problems.push('eth0 is missing from the pod namespace');
    if (!pod.namespace.localAddresses.has(pod.ip)) problems.push(`eth0 does not hold ${pod.ip}`);
    const gateway = pod.namespace.routes.lookup(0)?.via;
    if (gateway !== pod.node.podCidr.base + 1) problems.push(`no default route via ${pod.node.ipam.gateway}`);
    if (pod.node.namespace.device(pod.hostVeth.name) !== pod.hostVeth) problems.push(`${pod.hostVeth.name} is missing`);
    if (pod.hostVeth.master !== pod.node.bridge)
      problems.push(`${pod.hostVeth.name} is not a port of ${pod.node.bridge.name}`);
    return problems;
  }

  private dropPod(pod: PodNetwork): void {
    forget(pod.podVeth, parseIPv4(pod.ip)!);
    pod.node.namespace.removeDevice(pod.hostVeth.name);
    pod.node.ipam.release(pod.ip);
    this.pods.delete(pod.key);
  }

  node(name: string): NodeNetwork | undefined {
    return this.nodes.get(name);
  }

  pod(namespace: string, name: string): PodNetwork | undefined {
    return this.pods.get(`${namespace}/${name}`);
  }

  /** A namespace by its name: `node/<name>` or `pod/<namespace>/<name>`. */
  lookup(name: string): NetworkNamespace | undefined {
    if (name.startsWith('node/')) return this.nodes.get(name.slice(5))?.namespace;
    if (name.startsWith('pod/')) return this.pods.get(name.slice(4))?.namespace;
    return undefined;
  }

  private namespace(name: string): NetworkNamespace {
    return new NetworkNamespace(name, this.options.filterFor?.(name) ?? acceptAll);
  }

  private requireNode(name: string): NodeNetwork {
    const node = this.nodes.get(name);
    if (node === undefined) throw new Error(`node ${name} has no network`);
    return node;
  }
}
