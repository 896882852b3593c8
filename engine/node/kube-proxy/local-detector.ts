// The local traffic detector (--detect-local-mode ClusterCIDR): iptables matches telling pod traffic (from the
// cluster CIDR) from everything else. Without a cluster CIDR it is not implemented and its rules are left out.

export interface LocalTrafficDetector {
  implemented: boolean;
  /** `-s <cidr>`: the source is a pod. */
  ifLocal: string;
  /** `! -s <cidr>`: the source is not a pod. */
  ifNotLocal: string;
}

export function localDetectorFor(clusterCIDR: string | undefined): LocalTrafficDetector {
  if (!clusterCIDR) return { implemented: false, ifLocal: '', ifNotLocal: '' };
  return { implemented: true, ifLocal: `-s ${clusterCIDR}`, ifNotLocal: `! -s ${clusterCIDR}` };
}
