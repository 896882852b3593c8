// What the topology keeps of a node and of a pod: the node's root namespace with its uplink, bridge and (in overlay
// mode) VXLAN device; a pod's namespace, address and veth pair.

import type { BridgeDevice, EthernetDevice, VethDevice, VxlanDevice } from '../device.ts';
import type { Cidr } from '../ip.ts';
import type { NetworkNamespace } from '../namespace.ts';
import type { HostLocalIpam } from './ipam.ts';

export interface NodeNetwork {
  name: string;
  /** The node's address on the node network. */
  ip: string;
  podCidr: Cidr;
  /** The root namespace, `node/<name>`; hostNetwork pods live in it. */
  namespace: NetworkNamespace;
  uplink: EthernetDevice;
  bridge: BridgeDevice;
  vxlan: VxlanDevice | undefined;
  ipam: HostLocalIpam;
}

export interface PodNetwork {
  /** `<namespace>/<name>`. */
  key: string;
  node: NodeNetwork;
  /** `pod/<namespace>/<name>`. */
  namespace: NetworkNamespace;
  ip: string;
  /** The pod's end (`eth0`) and the node's end (`veth1a2b3c4d`, a port of the bridge). */
  podVeth: VethDevice;
  hostVeth: VethDevice;
}
