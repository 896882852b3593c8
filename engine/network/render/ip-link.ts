// `ip link` as iproute2 prints it: per device its index, name (`eth0@if7` for a veth, the peer's index), flags, MTU,
// qdisc, master, state, and the link-layer line with `link-netnsid` for a veth whose peer is in another namespace.

import { VethDevice } from '../device.ts';
import type { NetDevice } from '../device.ts';
import type { NetworkNamespace } from '../namespace.ts';

/** The device's name as `ip link` shows it: a veth carries its peer's index. */
export function linkName(dev: NetDevice): string {
  return dev instanceof VethDevice ? `${dev.name}@if${dev.peer.index}` : dev.name;
}

export function linkFlags(dev: NetDevice): string {
  if (dev.kind === 'loopback') return dev.up ? '<LOOPBACK,UP,LOWER_UP>' : '<LOOPBACK>';
  if (dev.kind === 'dummy') return dev.up ? '<BROADCAST,NOARP,UP,LOWER_UP>' : '<BROADCAST,NOARP>';
  return dev.up ? '<BROADCAST,MULTICAST,UP,LOWER_UP>' : '<BROADCAST,MULTICAST>';
}

function state(dev: NetDevice): string {
  if (!dev.up) return 'DOWN';
  return dev.kind === 'loopback' || dev.kind === 'vxlan' || dev.kind === 'dummy' ? 'UNKNOWN' : 'UP';
}

/** The first line: `3: eth0@if7: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue state UP group default`. */
export function linkHeader(dev: NetDevice, withMode: boolean): string {
  const qdisc = !dev.up ? 'noop' : dev.kind === 'ethernet' ? 'mq' : 'noqueue';
  const master = dev.master === undefined ? '' : ` master ${dev.master.name}`;
  const mode = withMode ? ' mode DEFAULT' : '';
  const qlen = dev.kind === 'loopback' || dev.kind === 'bridge' || dev.kind === 'ethernet' ? ' qlen 1000' : '';
  return `${dev.index}: ${linkName(dev)}: ${linkFlags(dev)} mtu ${dev.mtu} qdisc ${qdisc}${master} state ${state(dev)}${mode} group default${qlen}`;
}

/** The link-layer line: `    link/ether 2a:… brd ff:ff:ff:ff:ff:ff link-netnsid 0`. */
export function linkLayer(ns: NetworkNamespace, dev: NetDevice): string {
  if (dev.kind === 'loopback') return `    link/loopback ${dev.mac} brd 00:00:00:00:00:00`;
  const peerNs = dev instanceof VethDevice ? dev.peer.namespace : undefined;
  const netns = peerNs !== undefined && peerNs !== ns ? ` link-netnsid ${ns.netnsId(peerNs)}` : '';
  return `    link/ether ${dev.mac} brd ff:ff:ff:ff:ff:ff${netns}`;
}

export function devicesByIndex(ns: NetworkNamespace): NetDevice[] {
  return [...ns.devices.values()].sort((a, b) => a.index - b.index);
}

/** `ip link`, or `ip link show <dev>` when `only` names a device. */
export function renderIpLink(ns: NetworkNamespace, only?: string): string {
  return devicesByIndex(ns)
    .filter((dev) => only === undefined || dev.name === only)
    .map((dev) => `${linkHeader(dev, true)}\n${linkLayer(ns, dev)}\n`)
    .join('');
}
