// Overlay mode, as flannel's VXLAN backend programs a node: `flannel.1` (VNI 1, local VTEP = the node IP, UDP 8472,
// the pod CIDR's network address /32), and per remote node a route `10.244.2.0/24 via 10.244.2.0 dev flannel.1
// onlink`, a permanent neighbour entry for 10.244.2.0 with the remote flannel.1's MAC, and an FDB entry sending that
// MAC to the remote node's IP.

import { VxlanDevice } from '../device.ts';
import { formatCidr, formatIPv4, parseIPv4 } from '../ip.ts';
import { randomMac } from '../mac.ts';
import type { InterNodeMode } from './inter-node-mode.ts';
import type { NodeNetwork } from './node-network.ts';

const VNI = 1;
const VXLAN_PORT = 8472;
const DEVICE = 'flannel.1';

export const overlayMode: InterNodeMode = {
  name: 'overlay',
  mtu: 1450,

  setUp(node: NodeNetwork, random: () => number): void {
    const device = new VxlanDevice(DEVICE, randomMac(random), 1450, VNI, parseIPv4(node.ip)!, VXLAN_PORT);
    node.namespace.addDevice(device);
    node.namespace.addAddress(DEVICE, `${formatIPv4(node.podCidr.base)}/32`);
    node.vxlan = device;
  },

  connect(local: NodeNetwork, remote: NodeNetwork): void {
    const remoteVtep = remote.vxlan!;
    const gateway = formatIPv4(remote.podCidr.base);
    local.namespace.addRoute({ dst: formatCidr(remote.podCidr), via: gateway, dev: DEVICE, onlink: true });
    local.namespace.setNeighbour(gateway, DEVICE, remoteVtep.mac, 'PERMANENT');
    local.vxlan!.addVtep(remoteVtep.mac, parseIPv4(remote.ip)!);
  },

  disconnect(local: NodeNetwork, remote: NodeNetwork): void {
    local.namespace.deleteRoute(formatCidr(remote.podCidr));
    local.vxlan!.neighbours.delete(remote.podCidr.base);
    local.vxlan!.fdb.delete(remote.vxlan!.mac);
  },
};
