// A pod sandbox: what RunPodSandbox sets up before any container runs — the pause container holding the pod's
// network namespace with its IP (the node's own for host-network pods), the kubelet-managed /etc files every
// container of the pod sees, and the pod's volumes.

import type { ContainerFilesystem } from '../images/program.ts';
import type { BoundFiles } from './container-filesystem.ts';

export interface PodSandbox {
  /** The pause container's ID. */
  id: string;
  podUid: string;
  ip: string;
  hostNetwork: boolean;
  /** False once the sandbox was stopped (pod terminated, node went down). */
  ready: boolean;
  /** /etc/hosts, /etc/hostname, /etc/resolv.conf, bound into every container. */
  etcFiles: BoundFiles;
  /** The pod's volumes by name. */
  volumes: ReadonlyMap<string, ContainerFilesystem>;
}
