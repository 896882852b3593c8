// ip addr|link|route: the container's interfaces and routes, in iproute2's (busybox's) layout.

import type { Command } from '../process/command.ts';
import type { NetworkInterface } from '../program.ts';

function flags(iface: NetworkInterface): string {
  return iface.name === 'lo'
    ? '<LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN qlen 1000'
    : `<BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu ${iface.mtu} qdisc noqueue state UP`;
}

function describe(iface: NetworkInterface, index: number, withAddresses: boolean): string {
  const name = iface.peerIndex === undefined ? iface.name : `${iface.name}@if${iface.peerIndex}`;
  const link =
    iface.name === 'lo'
      ? `    link/loopback ${iface.mac} brd 00:00:00:00:00:00`
      : `    link/ether ${iface.mac} brd ff:ff:ff:ff:ff:ff`;
  let text = `${index + 1}: ${name}: ${flags(iface)}\n${link}\n`;
  if (!withAddresses) return text;
  for (const address of iface.addresses) {
    const scope = iface.name === 'lo' ? 'host' : 'global';
    text += `    inet ${address} scope ${scope} ${iface.name}\n       valid_lft forever preferred_lft forever\n`;
  }
  return text;
}

export const ipCommand: Command = async (context) => {
  const args = context.argv.slice(1).filter((arg) => !arg.startsWith('-'));
  const object = args[0] ?? '';
  const network = context.system.network;
  if (('address'.startsWith(object) && object !== '') || object === 'addr') {
    await context.stdout.write(
      network
        .interfaces()
        .map((iface, i) => describe(iface, i, true))
        .join(''),
    );
    return 0;
  }
  if ('link'.startsWith(object) && object !== '') {
    await context.stdout.write(
      network
        .interfaces()
        .map((iface, i) => describe(iface, i, false))
        .join(''),
    );
    return 0;
  }
  if ('route'.startsWith(object) && object !== '') {
    const lines = network
      .routes()
      .map(
        (route) =>
          `${route.destination}${route.via ? ` via ${route.via}` : ''} dev ${route.device}${route.source ? ` scope link  src ${route.source}` : ''}\n`,
      );
    await context.stdout.write(lines.join(''));
    return 0;
  }
  await context.stderr.write(
    'BusyBox v1.36.1 multi-call binary.\n\nUsage: ip [OPTIONS] address|route|link|tunnel|neigh|rule [ARGS]\n',
  );
  return 1;
};
