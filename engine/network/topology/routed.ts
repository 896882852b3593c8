// Routed mode (flannel's host-gw, pure L3): no encapsulation; every node routes each other node's pod CIDR via that
// node's IP on the shared node network (`10.244.2.0/24 via 172.18.0.4 dev eth0`).

import { formatCidr } from '../ip.ts';
import type { InterNodeMode } from './inter-node-mode.ts';
import type { NodeNetwork } from './node-network.ts';

export const routedMode: InterNodeMode = {
  name: 'routed',
  mtu: 1500,

  setUp(): void {},

  connect(local: NodeNetwork, remote: NodeNetwork): void {
    local.namespace.addRoute({ dst: formatCidr(remote.podCidr), via: remote.ip, dev: local.uplink.name });
  },

  disconnect(local: NodeNetwork, remote: NodeNetwork): void {
    local.namespace.deleteRoute(formatCidr(remote.podCidr));
  },
};
