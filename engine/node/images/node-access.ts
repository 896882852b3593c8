// What a program running in the node's own namespaces sees of the node (a hostNetwork pod; `kubectl debug node/`):
// the node's root network namespace with its netfilter and the pods' namespaces (ip, bridge, iptables-save,
// ipvsadm, conntrack), and the container runtime's pod sandboxes and containers as the CRI lists them (crictl).
// Read-only views: the tools print what is there and change nothing.

import type { NetworkNamespace } from '../../network/namespace.ts';
import type { NetfilterStack } from '../../network/netfilter/netfilter-stack.ts';
import type { ContainerFilesystem, NetworkAccess } from './program.ts';

/** A pod's network namespace as `ip netns` names it (the file under /var/run/netns: `cni-<uuid>`). */
export interface NamedNetns {
  name: string;
  namespace: NetworkNamespace;
}

/** The node's network, from its CNI plugin. */
export interface NodeNetworkView {
  /** The node's root namespace; undefined until the node joined the network. */
  namespace(): NetworkNamespace | undefined;
  /** The root namespace's iptables, conntrack and IPVS. */
  netfilter(): NetfilterStack | undefined;
  /** The pods' namespaces, newest first (as a tmpfs directory lists them). */
  netns(): NamedNetns[];
  /** The network as a program in one of them sees it (ip netns exec); its resolver reads `fs`. */
  enter(namespace: NetworkNamespace, fs: Pick<ContainerFilesystem, 'read'>): NetworkAccess;
}

/** A pod sandbox as `crictl pods` lists it. */
export interface CriPodSandbox {
  id: string;
  /** Lab time it was created, ms since the epoch. */
  createdAt: number;
  ready: boolean;
  name: string;
  namespace: string;
  uid: string;
  attempt: number;
}

/** A container as `crictl ps` lists it. */
export interface CriContainer {
  id: string;
  /** The image ID (`sha256:…`), as the kubelet gives it to the CRI. */
  imageId: string;
  /** The image's name (`docker.io/library/nginx:latest`). */
  imageName: string;
  createdAt: number;
  state: 'created' | 'running' | 'exited';
  name: string;
  attempt: number;
  podSandboxId: string;
  podName: string;
  podNamespace: string;
  /** What the container wrote, line by line (crictl logs). */
  log(): readonly CriLogLine[];
}

export interface CriLogLine {
  stream: 'stdout' | 'stderr';
  text: string;
  /** False for a last line the container left without its newline. */
  newline: boolean;
}

/** An image as `crictl images` lists it. */
export interface CriImage {
  /** `docker.io/library/nginx:latest`. */
  name: string;
  /** `sha256:…` */
  id: string;
  sizeBytes: number;
}

/** The container runtime's CRI listing. */
export interface RuntimeView {
  sandboxes(): CriPodSandbox[];
  containers(): CriContainer[];
  images(): CriImage[];
}

export interface NodeAccess {
  /** Absent on nodes without a data plane. */
  network?: NodeNetworkView;
  runtime: RuntimeView;
}
