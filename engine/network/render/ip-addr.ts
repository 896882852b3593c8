// `ip addr` as iproute2 prints it: each device's link lines, then its IPv4 addresses with broadcast and scope.

import type { InterfaceAddress, NetDevice } from '../device.ts';
import { formatIPv4, prefixMask } from '../ip.ts';
import type { NetworkNamespace } from '../namespace.ts';
import { devicesByIndex, linkHeader, linkLayer } from './ip-link.ts';

function inetLine(dev: NetDevice, address: InterfaceAddress): string {
  const broadcast =
    address.prefix < 31 && dev.kind !== 'loopback'
      ? ` brd ${formatIPv4((address.ip | ~prefixMask(address.prefix)) >>> 0)}`
      : '';
  return `    inet ${address.text}/${address.prefix}${broadcast} scope ${address.scope} ${dev.name}\n       valid_lft forever preferred_lft forever`;
}

/** `ip addr`, or `ip addr show <dev>` when `only` names a device. */
export function renderIpAddr(ns: NetworkNamespace, only?: string): string {
  return devicesByIndex(ns)
    .filter((dev) => only === undefined || dev.name === only)
    .map(
      (dev) =>
        [linkHeader(dev, false), linkLayer(ns, dev), ...dev.addresses.map((a) => inetLine(dev, a))].join('\n') + '\n',
    )
    .join('');
}
