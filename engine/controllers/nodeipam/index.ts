// The node IPAM controller, built from the controller manager's shared context ("node-ipam-controller"): with kubeadm's
// --pod-network-cidr as flannel expects it, 10.244.0.0/16 cut into a /24 per node.

import type { Controller, ControllerContext } from '../controller-context.ts';
import type { NodeIpamOptions } from './node-ipam-controller.ts';
import { nodeIpamController } from './node-ipam-controller.ts';

/** The cluster CIDR of a kubeadm cluster set up for flannel (--pod-network-cidr / --cluster-cidr). */
export const DEFAULT_CLUSTER_CIDR = '10.244.0.0/16';

export function nodeIpamControllers(
  ctx: ControllerContext,
  clusterCIDR = DEFAULT_CLUSTER_CIDR,
  options: NodeIpamOptions = {},
): Controller[] {
  return [nodeIpamController(ctx, clusterCIDR, options)];
}
