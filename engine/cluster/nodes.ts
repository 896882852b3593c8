// The lab's machines: one control-plane node, whose kubelet runs the control-plane components as static pods, and N
// workers, each a simulated kubelet with its own identity (system:node:<name>), address and resources. They share
// one timer on the lab clock. A node can be stopped and started again (a NodeDown fault); the API server finds a
// node's kubelet here for logs, exec and attach.

import type { KubeObject } from '../api/object.ts';
import type { InProcessClient } from '../client/in-process-client.ts';
import type { UserInfo } from '../apiserver/registry/resource-definition.ts';
import type { Clock } from '../lab/clock.ts';
import type { FaultTargets } from '../lab/fault-controller.ts';
import type { NetworkLab } from '../network/lab/network-lab.ts';
import type { ClusterServices, ImageDefinition } from '../node/images/program.ts';
import { Kubelet } from '../node/kubelet/kubelet.ts';
import type { NodeCapacity } from '../node/kubelet/node-object.ts';
import type { NodeSummary } from '../node/kubelet/node-summary.ts';
import type { ServiceLister } from '../node/kubelet/service-env.ts';
import type { KubeletApi } from '../node/kubelet-api.ts';
import { SharedTimerClock } from '../node/shared-timer-clock.ts';
import type { ClusterConfig } from './cluster-config.ts';
import { controlPlaneManifests } from './control-plane-manifests.ts';
import { COREDNS_IMAGE, KUBE_PROXY_IMAGE, dnsServiceIP } from './system-workloads.ts';

export const CONTROL_PLANE_NODE = 'control-plane';
export const KUBELET_USER_AGENT = 'kubelet/v1.32.4 (linux/amd64) kubernetes/59526cd';

/** What a kubeadm node has: 4 cores, 8 GiB, 110 pods. */
export const DEFAULT_NODE_CAPACITY: NodeCapacity = {
  cpu: '4',
  memory: '8Gi',
  pods: 110,
  'ephemeral-storage': '100Gi',
};

export interface ClusterNodesOptions {
  /** Worker nodes besides the control-plane node. */
  workers: number;
  config: ClusterConfig;
  clock: Clock;
  clientFor: (user: UserInfo, userAgent: string) => InProcessClient;
  images: (reference: string) => ImageDefinition | undefined;
  capacity?: NodeCapacity;
  /** The Services of a namespace, from one informer all kubelets share (containers get their variables). */
  services?: ServiceLister;
  /**
   * Whether configMap, secret, downwardAPI and projected volumes (the ServiceAccount token) are filled from the API;
   * needs the kube-root-ca.crt ConfigMap in every namespace, which only a cluster with a CA publishes.
   */
  apiVolumes?: boolean;
  /** The data plane whose CNI plugin every node's runtime calls, and what its programs read (CoreDNS). */
  network?: { lab: NetworkLab; cluster: ClusterServices };
}

/** The i-th address after the control-plane's (172.18.0.2, 172.18.0.3 … 172.18.1.0 …), as docker hands them out. */
function nodeAddress(base: string, index: number): string {
  const octets = base.split('.').map(Number);
  const value = ((octets[0]! << 24) >>> 0) + (octets[1]! << 16) + (octets[2]! << 8) + octets[3]! + index;
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');
}

/**
 * The kubelet's identity. Besides system:nodes it is in system:masters until authorization has RBAC and the Node
 * authorizer; then it keeps system:nodes only.
 */
function kubeletUser(nodeName: string): UserInfo {
  return {
    username: `system:node:${nodeName}`,
    groups: ['system:nodes', 'system:authenticated', 'system:masters'],
  };
}

export class ClusterNodes implements FaultTargets {
  private readonly kubelets = new Map<string, Kubelet>();
  private readonly running = new Set<string>();
  private readonly network: NetworkLab | undefined;

  constructor(options: ClusterNodesOptions) {
    this.network = options.network?.lab;
    const timers = new SharedTimerClock(options.clock);
    const { config } = options;
    const capacity = options.capacity ?? DEFAULT_NODE_CAPACITY;
    const common = {
      clock: timers,
      images: options.images,
      capacity,
      clusterDNS: [dnsServiceIP(config)],
      clusterDomain: config.dnsDomain,
      preloadedImages: [KUBE_PROXY_IMAGE, COREDNS_IMAGE],
      services: options.services,
      apiVolumes: options.apiVolumes,
      cluster: options.network?.cluster,
    };
    const network = (nodeName: string, nodeIP: string) => options.network?.lab.pluginFor(nodeName, nodeIP);
    const manifests: KubeObject[] = controlPlaneManifests(config);
    const staticImages = manifests.flatMap((pod) =>
      ((pod['spec'] as { containers: { image: string }[] }).containers ?? []).map((c) => c.image),
    );
    this.add(
      new Kubelet({
        ...common,
        client: options.clientFor(kubeletUser(CONTROL_PLANE_NODE), KUBELET_USER_AGENT),
        nodeName: CONTROL_PLANE_NODE,
        nodeIP: config.advertiseAddress,
        network: network(CONTROL_PLANE_NODE, config.advertiseAddress),
        labels: {
          'node-role.kubernetes.io/control-plane': '',
          'node.kubernetes.io/exclude-from-external-load-balancers': '',
        },
        taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }],
        staticPods: manifests,
        preloadedImages: [...common.preloadedImages, ...staticImages],
      }),
    );
    for (let i = 1; i <= options.workers; i++) {
      const nodeName = `node-${i}`;
      const nodeIP = nodeAddress(config.advertiseAddress, i);
      this.add(
        new Kubelet({
          ...common,
          client: options.clientFor(kubeletUser(nodeName), KUBELET_USER_AGENT),
          nodeName,
          nodeIP,
          network: network(nodeName, nodeIP),
        }),
      );
    }
  }

  /** Node names, the control-plane node first. */
  names(): string[] {
    return [...this.kubelets.keys()];
  }

  /** Starts every node's kubelet, a batch at a time so thousands of nodes register without a stampede. */
  async start(): Promise<void> {
    const names = this.names();
    const BATCH = 100;
    for (let i = 0; i < names.length; i += BATCH) {
      await Promise.all(names.slice(i, i + BATCH).map((name) => this.startNode(name)));
    }
  }

  async stop(): Promise<void> {
    await Promise.all(this.names().map((name) => this.stopNode(name)));
  }

  hasNode(name: string): boolean {
    return this.kubelets.has(name);
  }

  async stopNode(name: string): Promise<void> {
    const kubelet = this.kubelets.get(name);
    if (!kubelet || !this.running.delete(name)) return;
    this.network?.setNodeLink(name, false);
    await kubelet.stop();
  }

  async startNode(name: string): Promise<void> {
    const kubelet = this.kubelets.get(name);
    if (!kubelet || this.running.has(name)) return;
    this.running.add(name);
    this.network?.setNodeLink(name, true);
    await kubelet.start();
  }

  /** The kubelet API of a running node (what the API server proxies logs, exec and attach to). */
  kubelet(name: string): KubeletApi | undefined {
    return this.running.has(name) ? this.kubelets.get(name)?.api : undefined;
  }

  /** Resource use of every running node, as their kubelets' /stats/summary would report it. */
  summaries(): NodeSummary[] {
    const out: NodeSummary[] = [];
    for (const name of this.running) out.push(this.kubelets.get(name)!.summary());
    return out;
  }

  private add(kubelet: Kubelet): void {
    this.kubelets.set(kubelet.nodeName, kubelet);
  }
}
