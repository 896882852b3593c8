// What a kubelet is started with: its API client and the lab clock, the node's name, address and resources, the
// image catalogue, and the KubeletConfiguration settings that matter in a lab (cluster DNS, pod CIDR for
// standalone use, static pods, event limits), with the defaults a kubeadm node has.

import type { KubeObject } from '../../api/object.ts';
import type { InProcessClient } from '../../client/in-process-client.ts';
import type { Clock } from '../../lab/clock.ts';
import type { ClusterServices, ImageDefinition } from '../images/program.ts';
import type { PodNetworkPlugin } from '../runtime/pod-network.ts';
import type { PodPortDialer } from '../runtime/ports/pod-port-dialer.ts';
import type { RuntimeTimings } from '../runtime/runtime-timings.ts';
import type { NodeCapacity, NodeReservations, Taint } from './node-object.ts';
import type { ServiceLister } from './service-env.ts';
import type { VolumePlugin } from './volume-plugins.ts';

export interface KubeletOptions {
  /**
   * The kubelet's client, acting as `system:node:<nodeName>` in the groups `system:nodes` and
   * `system:authenticated` (Cluster.clientFor(user, 'kubelet/v1.32.4 …')).
   */
  client: InProcessClient;
  /**
   * The lab clock. With many kubelets, give them all one SharedTimerClock wrapping the lab clock: their timers
   * (leases, probes, back-offs, sleeping programs) then cost the lab clock a single pending timer.
   */
  clock: Clock;
  nodeName: string;
  /** The node's InternalIP; host-network pods get it as their IP. */
  nodeIP: string;
  /** The image catalogue: the simulated image a reference names, or undefined (the pull fails). */
  images: (image: string) => ImageDefinition | undefined;
  /** cpu ("4"), memory ("8Gi"), pods (110), ephemeral-storage ("100Gi"). */
  capacity: NodeCapacity;
  /** Labels beyond the well-known ones (kubernetes.io/hostname, os, arch): node-role.kubernetes.io/control-plane… */
  labels?: Record<string, string>;
  /** Taints the node registers with (--register-with-taints). */
  taints?: Taint[];
  /** systemReserved + kubeReserved; allocatable is capacity minus these and the hard eviction thresholds. */
  reserved?: NodeReservations;
  /** Pod CIDR to use while the Node has no spec.podCIDR (KubeletConfiguration.podCIDR); normally the IPAM sets it. */
  podCIDR?: string;
  /** Static pod manifests (/etc/kubernetes/manifests): run by this kubelet, shown as mirror pods. */
  staticPods?: KubeObject[];
  /** Images present when the node boots (pause, kube-proxy… as a node image or kubeadm pre-pulls them). */
  preloadedImages?: string[];
  /**
   * The Services of a namespace, for the containers' Service variables (KUBERNETES_SERVICE_HOST…): a lister the
   * cluster shares between its kubelets (one Service informer, not one per node). Without it containers get none.
   */
  services?: ServiceLister;
  /** KubeletConfiguration.clusterDNS (the kube-dns Service IP, e.g. 10.96.0.10). */
  clusterDNS?: string[];
  /** KubeletConfiguration.clusterDomain (default cluster.local). */
  clusterDomain?: string;
  /** The node's CNI plugin (the network lab's); host-local addresses and loopback-only pods without one. */
  network?: PodNetworkPlugin;
  /** Cluster state the node's programs may serve from (CoreDNS's view of Services). */
  cluster?: ClusterServices;
  /** How port-forwarded connections reach a pod's ports (default: straight to the program listening there). */
  podPortDialer?: PodPortDialer;
  /** How long runtime operations take in lab time (defaults: DEFAULT_RUNTIME_TIMINGS). */
  timings?: Partial<RuntimeTimings>;
  /** Events per second (default 50; 0: unlimited) and burst (default 100), as KubeletConfiguration. */
  eventRecordQPS?: number;
  eventBurst?: number;
  /**
   * Fill configMap, secret, downwardAPI and projected volumes from the API — the ServiceAccount token volume too, with
   * a TokenRequest per pod. The cluster must publish kube-root-ca.crt in every namespace (pods' token volumes fail to
   * mount without it, as upstream's). Off: those volumes are empty directories.
   */
  apiVolumes?: boolean;
  /** Volume types beyond emptyDir and the API's (PVCs…). */
  volumePlugins?: VolumePlugin[];
  /** nodeInfo.osImage (default "Debian GNU/Linux 12 (bookworm)"). */
  osImage?: string;
  /** nodeInfo.kernelVersion (default "6.8.0-51-generic"). */
  kernelVersion?: string;
  /** What the node's system (OS, containerd, kubelet) uses besides pods, for metrics. */
  systemUsage?: { cpuMillis: number; memoryBytes: number };
}

export const DEFAULT_OS_IMAGE = 'Debian GNU/Linux 12 (bookworm)';
export const DEFAULT_KERNEL_VERSION = '6.8.0-51-generic';
export const DEFAULT_CLUSTER_DOMAIN = 'cluster.local';
export const PAUSE_IMAGE = 'registry.k8s.io/pause:3.10';
