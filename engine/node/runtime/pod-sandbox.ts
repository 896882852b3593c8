// A pod sandbox: what RunPodSandbox sets up before any container runs — the pause container holding the pod's
// network namespace with its IP (the node's own for host-network pods), the kubelet-managed /etc files every
// container of the pod sees, and the pod's volumes.

import type { ContainerFilesystem } from '../images/program.ts';
import type { BoundFiles } from './container-filesystem.ts';
import type { SandboxNetwork, SandboxNetworkRequest } from './pod-network.ts';
import type { RuntimeContainer } from './runtime-container.ts';

export interface PodSandbox {
  /** The pause container's ID. */
  id: string;
  podUid: string;
  podNamespace: string;
  podName: string;
  ip: string;
  hostNetwork: boolean;
  /** False once the sandbox was stopped (pod terminated, node went down). */
  ready: boolean;
  /** /etc/hosts, /etc/hostname, /etc/resolv.conf, bound into every container. */
  etcFiles: BoundFiles;
  /** The pod's volumes by name. */
  volumes: ReadonlyMap<string, ContainerFilesystem>;
  /** What the network plugin's ADD set up. */
  network: SandboxNetwork;
  /** What the plugin's ADD was called with (DEL and CHECK get the same). */
  networkRequest: SandboxNetworkRequest;
  /** The containers started in the sandbox (they share its network namespace). */
  containers: Set<RuntimeContainer>;
}
