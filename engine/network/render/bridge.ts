// The `bridge` tool's listings: `bridge link` (the bridge ports and their state) and `bridge fdb` (the bridges'
// forwarding databases — learned and permanent entries — and the VXLAN devices' remote VTEPs).

import { BridgeDevice, VxlanDevice } from '../device.ts';
import type { NetworkNamespace } from '../namespace.ts';
import { devicesByIndex, linkFlags, linkName } from './ip-link.ts';

/** `7: veth1a2b3c4d@if3: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 master cni0 state forwarding priority 32 cost 2`. */
export function renderBridgeLink(ns: NetworkNamespace): string {
  return devicesByIndex(ns)
    .filter((dev) => dev.master !== undefined)
    .map((dev) => {
      const state = dev.up ? 'forwarding' : 'disabled';
      return `${dev.index}: ${linkName(dev)}: ${linkFlags(dev)} mtu ${dev.mtu} master ${dev.master!.name} state ${state} priority 32 cost 2\n`;
    })
    .join('');
}

export function renderBridgeFdb(ns: NetworkNamespace): string {
  const lines: string[] = [];
  for (const dev of devicesByIndex(ns)) {
    if (dev instanceof BridgeDevice) {
      lines.push(
        `${dev.mac} dev ${dev.name} vlan 1 master ${dev.name} permanent`,
        `${dev.mac} dev ${dev.name} master ${dev.name} permanent`,
      );
      for (const port of devicesByIndex(ns).filter((candidate) => candidate.master === dev)) {
        for (const [mac, entry] of dev.fdb) {
          if (entry.port !== port) continue;
          if (entry.permanent)
            lines.push(
              `${mac} dev ${port.name} vlan 1 master ${dev.name} permanent`,
              `${mac} dev ${port.name} master ${dev.name} permanent`,
            );
          else lines.push(`${mac} dev ${port.name} master ${dev.name}`);
        }
      }
    }
    if (dev instanceof VxlanDevice) {
      for (const [mac, vtep] of dev.fdb) lines.push(`${mac} dev ${dev.name} dst ${vtep.dst} self permanent`);
    }
  }
  return lines.map((line) => `${line}\n`).join('');
}
