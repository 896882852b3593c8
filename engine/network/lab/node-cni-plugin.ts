// The CNI plugin of one node, as flannel runs it: once the node has its pod CIDR the node joins the cluster network
// (its root namespace, cni0, the inter-node mode's devices and routes — flanneld's part), then each ADD gives a
// sandbox its namespace, veth pair and address (the bridge plugin with host-local IPAM), DEL takes them away, CHECK
// verifies them; a pod's hostPorts are forwarded by the chained portmap plugin (portmap.ts). Host-network sandboxes
// stay in the node's root namespace. Every sandbox's programs listen in its namespace, and its containers send
// through the data plane.

import type { ContainerFilesystem, NetworkAccess } from '../../node/images/program.ts';
import type { PodNetworkPlugin, SandboxNetwork, SandboxNetworkRequest } from '../../node/runtime/pod-network.ts';
import type { NodeNetworkView } from '../../node/images/node-access.ts';
import { netnsNameOf } from '../../node/runtime/netns-path.ts';
import type { NetworkNamespace } from '../namespace.ts';
import type { NetfilterStack } from '../netfilter/netfilter-stack.ts';
import type { ClusterNetwork } from '../topology/cluster-network.ts';
import type { PodNetwork } from '../topology/node-network.ts';
import type { DataPlaneAccessOptions } from './data-plane-access.ts';
import { dataPlaneAccess } from './data-plane-access.ts';
import { addHostPorts, deleteHostPorts } from './portmap.ts';
import { ProgramSockets } from './program-sockets.ts';
import type { ProgramGroup } from './program-sockets.ts';

export interface NodeCniPluginOptions {
  network: ClusterNetwork;
  nodeName: string;
  nodeIP: string;
  /** The cluster's pod range (flannel's Network). */
  clusterCIDR: string;
  /** What every sandbox's network access shares (the data plane, the trace log, the clock). */
  access: Pick<DataPlaneAccessOptions, 'dataPlane' | 'traces' | 'clock'>;
  /** The node's root namespace's netfilter, once the node joined. */
  netfilter(): NetfilterStack | undefined;
  /** The node joined the network (its pod CIDR is set): kube-proxy can program it. */
  onJoined(nodeName: string): void;
  /** A pod's namespace got a network, as its sandbox's resolver sees it (undefined: it went away). */
  onAttached(namespace: string, access: NetworkAccess | undefined): void;
}

interface Attached {
  pod: PodNetwork | undefined;
  group: ProgramGroup;
  sockets: ProgramSockets;
}

export class NodeCniPlugin implements PodNetworkPlugin {
  private cidr: string | undefined;
  /** The host-network sandboxes' programs, listening in the node's root namespace. */
  private readonly hostSockets = new ProgramSockets();
  private readonly attached = new Map<string, Attached>();
  /** The node as host-network sandboxes see it: its root namespace and netfilter, and the pods' namespaces. */
  private readonly nodeView: NodeNetworkView = {
    namespace: () => this.nodeNamespace(),
    netfilter: () => this.options.netfilter(),
    netns: () =>
      [...this.attached]
        .flatMap(([id, { pod }]) => (pod ? [{ name: netnsNameOf(id), namespace: pod.namespace }] : []))
        .reverse(),
    enter: (namespace, fs) =>
      dataPlaneAccess({ ...this.options.access, namespace: () => namespace, fs, program: 'ip netns exec' }),
  };

  constructor(private readonly options: NodeCniPluginOptions) {}

  configure(podCidr: string): boolean {
    const { network, nodeName, nodeIP } = this.options;
    if (podCidr === this.cidr) return true;
    if (network.node(nodeName) !== undefined) network.removeNode(nodeName);
    try {
      network.addNode({ name: nodeName, ip: nodeIP, podCidr });
    } catch {
      return false;
    }
    this.cidr = podCidr;
    network.node(nodeName)!.namespace.sockets.addSource(this.hostSockets);
    this.options.onJoined(nodeName);
    return true;
  }

  /**
   * What flannel keeps on the node: the CNI configuration it installs (flannel delegating to the bridge plugin, then
   * portmap for hostPorts) and the subnet file flanneld writes once the node has its pod CIDR.
   */
  configFiles(): Record<string, string> {
    const conflist = {
      name: 'cbr0',
      cniVersion: '0.3.1',
      plugins: [
        { type: 'flannel', delegate: { hairpinMode: true, isDefaultGateway: true } },
        { type: 'portmap', capabilities: { portMappings: true } },
      ],
    };
    const files: Record<string, string> = {
      '/etc/cni/net.d/10-flannel.conflist': `${JSON.stringify(conflist, null, 2)}\n`,
    };
    const node = this.options.network.node(this.options.nodeName);
    if (node !== undefined) {
      files['/run/flannel/subnet.env'] = [
        `FLANNEL_NETWORK=${this.options.clusterCIDR}`,
        `FLANNEL_SUBNET=${node.ipam.gateway}/${node.podCidr.prefix}`,
        `FLANNEL_MTU=${this.options.network.mode.mtu}`,
        'FLANNEL_IPMASQ=true',
        '',
      ].join('\n');
    }
    return files;
  }

  get ready(): boolean {
    return this.cidr !== undefined;
  }

  get podCidr(): string | undefined {
    return this.cidr;
  }

  private nodeNamespace(): NetworkNamespace | undefined {
    return this.options.network.node(this.options.nodeName)?.namespace;
  }

  add(request: SandboxNetworkRequest): SandboxNetwork {
    const { network, nodeName, nodeIP } = this.options;
    const group: ProgramGroup = { name: request.podName, listeners: request.listeners };
    const program = request.podName;
    if (request.hostNetwork) {
      this.hostSockets.groups.add(group);
      this.attached.set(request.sandboxId, { pod: undefined, group, sockets: this.hostSockets });
      const namespace = () => this.nodeNamespace();
      return {
        ip: nodeIP,
        access: (fs) => dataPlaneAccess({ ...this.options.access, namespace, fs, program }),
        node: this.nodeView,
      };
    }
    if (this.cidr === undefined) throw new Error('plugin type="flannel" failed (add): no pod CIDR for the node yet');
    const stale = network.pod(request.podNamespace, request.podName);
    if (stale !== undefined) network.removePod(request.podNamespace, request.podName);
    let pod: PodNetwork;
    try {
      pod = network.addPod(nodeName, { namespace: request.podNamespace, name: request.podName });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`plugin type="bridge" failed (add): failed to allocate for range 0: ${reason}`, { cause: error });
    }
    const sockets = new ProgramSockets();
    sockets.groups.add(group);
    pod.namespace.sockets.addSource(sockets);
    this.attached.set(request.sandboxId, { pod, group, sockets });
    const iptables = this.options.netfilter()?.iptables;
    const portmap = iptables && addHostPorts(iptables, request.sandboxId, pod.ip, request.portMappings ?? []);
    if (portmap) throw new Error(`plugin type="portmap" failed (add): ${portmap}`);
    const namespace = () => pod.namespace;
    const access = (fs: Pick<ContainerFilesystem, 'read'>) =>
      dataPlaneAccess({ ...this.options.access, namespace, fs, program });
    this.options.onAttached(pod.namespace.name, access({ read: (path) => request.etcFiles.get(path) }));
    return { ip: pod.ip, access };
  }

  del(request: SandboxNetworkRequest): void {
    const attached = this.attached.get(request.sandboxId);
    if (attached === undefined) return;
    this.attached.delete(request.sandboxId);
    attached.sockets.groups.delete(attached.group);
    const iptables = this.options.netfilter()?.iptables;
    if (iptables) deleteHostPorts(iptables, request.sandboxId, request.portMappings ?? []);
    const { network } = this.options;
    if (attached.pod !== undefined && network.pod(request.podNamespace, request.podName) === attached.pod) {
      network.removePod(request.podNamespace, request.podName);
      this.options.onAttached(attached.pod.namespace.name, undefined);
    }
  }

  check(request: SandboxNetworkRequest): string[] {
    const attached = this.attached.get(request.sandboxId);
    if (attached === undefined) return [`sandbox ${request.sandboxId} has no network`];
    if (attached.pod === undefined) return [];
    return this.options.network.checkPod(request.podNamespace, request.podName);
  }
}
