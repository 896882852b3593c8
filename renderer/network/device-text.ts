// Short texts for devices in the diagram: which devices a node's root namespace shows on its own (not the bridge,
// not the pods' veth ends, which are drawn with their pods), and an address list that stays one line.

import type { NetworkDevice, NetworkNode } from '../../engine/protocol/host-api.ts';

/** The root namespace's own devices: lo, eth0, flannel.1, kube-ipvs0… (the bridge and its veth ports are drawn apart). */
export function rootDevices(node: NetworkNode): NetworkDevice[] {
  return node.devices.filter((dev) => dev.name !== node.bridge && dev.master !== node.bridge);
}

/** `10.244.1.1/24`, `10.96.0.1/32 +11`, or '' without addresses. */
export function addressText(addresses: readonly string[]): string {
  if (addresses.length === 0) return '';
  return addresses.length === 1 ? addresses[0]! : `${addresses[0]} +${addresses.length - 1}`;
}

/** A device's title: kind, MAC, MTU, every address, and a VXLAN's VTEPs. */
export function deviceTitle(dev: NetworkDevice): string {
  const lines = [`${dev.name}: ${dev.kind}, ${dev.mac}, mtu ${dev.mtu}${dev.up ? '' : ', DOWN'}`, ...dev.addresses];
  if (dev.vxlan) {
    lines.push(`VNI ${dev.vxlan.vni}, local ${dev.vxlan.local}, UDP ${dev.vxlan.port}`);
    lines.push(`remote VTEPs: ${dev.vxlan.remotes.join(', ') || 'none'}`);
  }
  return lines.join('\n');
}
