// The container runtime's network plugin, as containerd calls its CNI plugin: configured once the node has a pod
// CIDR (flannel writes its subnet file then), ADD when a pod sandbox starts — the sandbox's network namespace gets an
// interface and an address — DEL when it stops, CHECK to verify. What ADD returns is the sandbox's network: its IP
// and the network its containers' programs use. Host-network sandboxes join the node's own namespace.

import type { PortListener } from '../images/process/loopback-network.ts';
import type { NodeNetworkView } from '../images/node-access.ts';
import type { ContainerFilesystem, NetworkAccess } from '../images/program.ts';
import type { BoundFiles } from './container-filesystem.ts';

export interface SandboxNetworkRequest {
  /** The pause container's ID (CNI_CONTAINERID). */
  sandboxId: string;
  podNamespace: string;
  podName: string;
  podUid: string;
  hostNetwork: boolean;
  /** The sandbox's /etc/resolv.conf and /etc/hosts (what a trace from the pod resolves names with). */
  etcFiles: BoundFiles;
  /** The programs of the sandbox's containers: they listen on the sandbox's ports. */
  listeners(): Iterable<PortListener>;
  /** The pod's hostPorts (CRI PortMappings), which the portmap plugin forwards from the node. */
  portMappings?: readonly PortMapping[];
}

/** A container port published on the node (hostPort), as the CRI passes it to the CNI plugins. */
export interface PortMapping {
  protocol: 'tcp' | 'udp';
  containerPort: number;
  hostPort: number;
  hostIP?: string;
}

export interface SandboxNetwork {
  ip: string;
  /** The network as a container of the sandbox sees it; its resolver reads the container's /etc files. */
  access(fs: ContainerFilesystem): NetworkAccess;
  /** For a host-network sandbox, the node's network as its root namespace shows it (ip netns, iptables-save…). */
  node?: NodeNetworkView;
}

export interface PodNetworkPlugin {
  /** The node's pod CIDR became known (spec.podCIDR); false when the plugin cannot use it. */
  configure(podCidr: string): boolean;
  /** Whether ADD can give pods addresses (NetworkReady). */
  readonly ready: boolean;
  readonly podCidr: string | undefined;
  /** ADD; throws an Error with the plugin's message when it fails. */
  add(request: SandboxNetworkRequest): SandboxNetwork;
  /** DEL: the sandbox's interface goes and its address is free again. */
  del(request: SandboxNetworkRequest): void;
  /** The files the plugin keeps on the node (its CNI configuration, its daemon's subnet file), by path. */
  configFiles?(): Record<string, string>;
  /** CHECK: what is wrong with the sandbox's network (empty when nothing is). */
  check(request: SandboxNetworkRequest): string[];
}
