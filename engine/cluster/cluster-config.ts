// The shape of a lab cluster: its name, network ranges and addresses, as kubeadm-built clusters have them. One
// place, so the API server, the allocators and (later) the network lab agree.

export interface ClusterConfig {
  name: string;
  /** Range Service cluster IPs come from; its first address is the `kubernetes` Service. */
  serviceCIDR: string;
  /** Range pod IPs come from; each node gets a /24 of it. */
  podCIDR: string;
  /** NodePort range. */
  nodePortRange: { min: number; max: number };
  /** The DNS domain of the cluster. */
  dnsDomain: string;
  /** The address and port the API server advertises inside the cluster (the control-plane node's). */
  advertiseAddress: string;
  securePort: number;
}

export const DEFAULT_CLUSTER_CONFIG: ClusterConfig = {
  name: 'kubelab',
  serviceCIDR: '10.96.0.0/12',
  podCIDR: '10.244.0.0/16',
  nodePortRange: { min: 30000, max: 32767 },
  dnsDomain: 'cluster.local',
  advertiseAddress: '172.18.0.2',
  securePort: 6443,
};

/** The `kubernetes` Service's cluster IP: the first address of the service range (10.96.0.1). */
export function kubernetesServiceIP(config: ClusterConfig): string {
  const [base] = config.serviceCIDR.split('/');
  const octets = base!.split('.').map(Number);
  octets[3] = (octets[3] ?? 0) + 1;
  return octets.join('.');
}
