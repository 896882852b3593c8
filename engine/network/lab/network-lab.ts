// The network lab of a cluster: one data plane that every node's CNI plugin builds into (flannel's VXLAN overlay or
// plain routes between nodes, chosen with --cni), a netfilter stack in every node's root namespace, and kube-proxy
// on every node programming it from Services and EndpointSlices (iptables or IPVS, chosen with --proxy-mode), with a
// network policy agent beside it enforcing NetworkPolicies in the node's filter table. The
// traces of the requests the programs send are kept here for the UI and PacketTrace.

import type { InformerFactory } from '../../client/informer-factory.ts';
import type { Clock } from '../../lab/clock.ts';
import { KubeProxy, kubeProxyInformers } from '../../node/kube-proxy/kube-proxy.ts';
import type { ProxyMode } from '../../node/kube-proxy/types.ts';
import type { NetworkAccess } from '../../node/images/program.ts';
import { IptablesPolicySink } from '../../node/network-policy/iptables-sink.ts';
import { NetworkPolicyAgent, networkPolicyInformers } from '../../node/network-policy/network-policy-agent.ts';
import type { PodNetworkPlugin } from '../../node/runtime/pod-network.ts';
import { acceptAll } from '../accept-all-filter.ts';
import { DataPlane } from '../data-plane.ts';
import { NetfilterStack } from '../netfilter/netfilter-stack.ts';
import type { PacketFilter } from '../netfilter/packet-filter.ts';
import { ClusterNetwork } from '../topology/cluster-network.ts';
import { overlayMode } from '../topology/overlay.ts';
import { routedMode } from '../topology/routed.ts';
import { dataPlaneAccess } from './data-plane-access.ts';
import { NetfilterSink } from './netfilter-sink.ts';
import { NodeCniPlugin } from './node-cni-plugin.ts';
import { TraceLog } from './trace-log.ts';

/** `--cni`: flannel (bridge + VXLAN overlay) or routed (bridge + plain L3 routes between nodes, host-gw). */
export type CniName = 'flannel' | 'routed';
export const CNI_NAMES: readonly CniName[] = ['flannel', 'routed'];
export const PROXY_MODES: readonly ProxyMode[] = ['iptables', 'ipvs'];

export interface NetworkLabOptions {
  clock: Clock;
  cni: CniName;
  proxyMode: ProxyMode;
  /** The cluster's pod range (kube-proxy's --cluster-cidr). */
  clusterCIDR: string;
  /** The Service range (the policy agent lets pods' packets to it on to kube-proxy's IPVS). */
  serviceCIDR: string;
  /** The informers kube-proxy watches Services and EndpointSlices through (shared by every node). */
  informers: InformerFactory;
  /** Seeded randomness (MACs, veth names, statistic rules), so a lab replays. */
  random?: () => number;
}

/** What programs a node's netfilter: kube-proxy (Services) and the network policy agent (NetworkPolicies). */
interface NodeAgents {
  sink: NetfilterSink;
  proxy: KubeProxy;
  policies: NetworkPolicyAgent;
}

export class NetworkLab {
  readonly network: ClusterNetwork;
  readonly dataPlane = new DataPlane();
  readonly traces = new TraceLog();
  private readonly stacks = new Map<string, NetfilterStack>();
  private readonly agents = new Map<string, NodeAgents>();
  /** The network as each pod's sandbox sees it, by namespace name (`pod/<namespace>/<name>`). */
  private readonly podAccess = new Map<string, NetworkAccess>();
  private readonly random: () => number;
  private running = true;

  constructor(private readonly options: NetworkLabOptions) {
    this.random = options.random ?? Math.random;
    this.network = new ClusterNetwork({
      mode: options.cni === 'routed' ? routedMode : overlayMode,
      random: this.random,
      filterFor: (namespace) => this.filterFor(namespace),
    });
  }

  get cni(): CniName {
    return this.options.cni;
  }

  get proxyMode(): ProxyMode {
    return this.options.proxyMode;
  }

  /** A node's netfilter (iptables, conntrack, IPVS), once it joined. */
  netfilter(nodeName: string): NetfilterStack | undefined {
    return this.stacks.get(nodeName);
  }

  /** Why the node's last kube-proxy sync did not apply, if it did not. */
  proxyError(nodeName: string): string | undefined {
    return this.agents.get(nodeName)?.sink.lastError;
  }

  /** The CNI plugin the node's container runtime calls. */
  pluginFor(nodeName: string, nodeIP: string): PodNetworkPlugin {
    return new NodeCniPlugin({
      network: this.network,
      nodeName,
      nodeIP,
      clusterCIDR: this.options.clusterCIDR,
      access: { dataPlane: this.dataPlane, traces: this.traces, clock: this.options.clock },
      netfilter: () => this.stacks.get(nodeName),
      onJoined: (name) => this.startAgents(name, nodeIP),
      onAttached: (namespace, access) => {
        if (access) this.podAccess.set(namespace, access);
        else this.podAccess.delete(namespace);
      },
    });
  }

  /**
   * The network as a program in the namespace sees it: a pod's (`pod/<namespace>/<name>`, resolving names as its
   * resolv.conf says) or a node's root namespace (`node/<name>`, no cluster DNS, as on a real node).
   */
  accessFor(namespace: string): NetworkAccess | undefined {
    if (namespace.startsWith('pod/')) return this.podAccess.get(namespace);
    const root = this.network.lookup(namespace);
    if (root === undefined) return undefined;
    return dataPlaneAccess({
      dataPlane: this.dataPlane,
      traces: this.traces,
      clock: this.options.clock,
      namespace: () => this.network.lookup(namespace),
      fs: { read: () => undefined },
      program: namespace,
    });
  }

  /**
   * A node's machine stops (a NodeDown fault) or comes back: its link to the node network goes down or up, so what is
   * sent to it or its pods times out, as to a machine that is off.
   */
  setNodeLink(nodeName: string, up: boolean): void {
    const node = this.network.node(nodeName);
    if (node !== undefined) node.uplink.up = up;
  }

  stop(): void {
    this.running = false;
    for (const agents of this.agents.values()) stopAgents(agents);
  }

  /** Node namespaces get a netfilter stack; pods' namespaces have nothing programmed in them. */
  private filterFor(namespace: string): PacketFilter {
    if (!namespace.startsWith('node/')) return acceptAll;
    const stack = new NetfilterStack({ clock: this.options.clock, random: this.random });
    this.stacks.set(namespace.slice('node/'.length), stack);
    return stack;
  }

  /** kube-proxy first, then the policy agent, whose jumps go above kube-proxy's in the built-in chains. */
  private startAgents(nodeName: string, nodeIP: string): void {
    const stack = this.stacks.get(nodeName);
    const node = this.network.node(nodeName);
    if (stack === undefined || node === undefined || !this.running) return;
    const previous = this.agents.get(nodeName);
    if (previous) stopAgents(previous);
    const sink = new NetfilterSink(stack, node.namespace, this.random);
    const { clock, informers } = this.options;
    const proxy = new KubeProxy({
      node: { name: nodeName, addresses: [nodeIP] },
      clock,
      informers: kubeProxyInformers(informers),
      sink,
      proxier: { mode: this.options.proxyMode, clusterCIDR: this.options.clusterCIDR },
    });
    const policies = new NetworkPolicyAgent({
      nodeName,
      clock,
      informers: networkPolicyInformers(informers),
      sink: new IptablesPolicySink(stack.iptables),
      rules: { serviceClusterIPRanges: [this.options.serviceCIDR] },
    });
    this.agents.set(nodeName, { sink, proxy, policies });
    void proxy.start().then(() => policies.start());
  }
}

function stopAgents(agents: NodeAgents): void {
  agents.proxy.stop();
  agents.policies.stop();
}
