// ip addr|link|route|neigh|netns: the program's network namespace as iproute2 prints it (engine/network/render) when
// the data plane gives it one; else the interfaces and routes the network lists, in the same layout. `ip netns`
// lists the pods' namespaces to programs in the node's own (kubectl debug node/), and `ip netns exec NAME CMD` runs
// a command in one; elsewhere /var/run/netns is empty.

import { renderIpAddr } from '../../../network/render/ip-addr.ts';
import { renderIpLink } from '../../../network/render/ip-link.ts';
import { renderIpNeigh } from '../../../network/render/ip-neigh.ts';
import { renderIpRoute, renderIpRouteGet } from '../../../network/render/ip-route.ts';
import type { Command, CommandContext } from '../process/command.ts';
import type { NetworkAccess, NetworkInterface } from '../program.ts';

type IpObject = 'address' | 'link' | 'route' | 'neigh' | 'netns';

/** The objects by the abbreviations ip accepts (`a`, `addr`, `r`, `n`…), netns before neigh's `n`. */
function objectOf(word: string): IpObject | undefined {
  if (word === '') return undefined;
  if (word === 'netns') return 'netns';
  if ('address'.startsWith(word)) return 'address';
  if ('link'.startsWith(word)) return 'link';
  if ('route'.startsWith(word)) return 'route';
  if ('neighbour'.startsWith(word) || 'neighbor'.startsWith(word)) return 'neigh';
  return undefined;
}

function flags(iface: NetworkInterface): string {
  return iface.name === 'lo'
    ? '<LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN qlen 1000'
    : `<BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu ${iface.mtu} qdisc noqueue state UP`;
}

/** A device as listed without a namespace behind it (a pod without a data plane). */
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

function listed(network: NetworkAccess, object: IpObject): string {
  const interfaces = network.interfaces();
  if (object === 'address') return interfaces.map((iface, i) => describe(iface, i, true)).join('');
  if (object === 'link') return interfaces.map((iface, i) => describe(iface, i, false)).join('');
  if (object === 'route') {
    return network
      .routes()
      .map(
        (route) =>
          `${route.destination}${route.via ? ` via ${route.via}` : ''} dev ${route.device}${route.source ? ` scope link  src ${route.source}` : ''}\n`,
      )
      .join('');
  }
  return '';
}

/** The device `show [dev] NAME` names, if any. */
function deviceArgument(args: readonly string[]): string | undefined {
  const rest = args.slice(1).filter((arg) => arg !== 'show' && arg !== 'list' && arg !== 'dev');
  return rest[0];
}

async function usage(context: CommandContext): Promise<number> {
  await context.stderr.write(
    context.system.userland === 'busybox'
      ? 'BusyBox v1.36.1 multi-call binary.\n\nUsage: ip [OPTIONS] address|route|link|tunnel|neigh|rule [ARGS]\n'
      : 'Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }\nwhere  OBJECT := { address | link | neighbour | netns | route | rule }\n',
  );
  return 1;
}

/** `ip netns [list]`: the pods' namespaces with the ID the node's namespace knows each by. */
function netnsList(context: CommandContext): string {
  const view = context.system.node?.network;
  const root = view?.namespace();
  if (view === undefined || root === undefined) return '';
  return view
    .netns()
    .map(({ name, namespace }) => `${name} (id: ${root.netnsId(namespace)})\n`)
    .join('');
}

/** `ip netns exec NAME COMMAND…`: the command with the pod namespace's network, the rest as it is. */
async function netnsExec(context: CommandContext, name: string | undefined, command: string[]): Promise<number> {
  const { system } = context;
  const view = system.node?.network;
  const found = view?.netns().find((netns) => netns.name === name);
  if (view === undefined || found === undefined) {
    await context.stderr.write(`Cannot open network namespace "${name ?? ''}": No such file or directory\n`);
    return 1;
  }
  if (command.length === 0) {
    await context.stderr.write('No command specified\n');
    return 255;
  }
  const inside = system.derive({ network: view.enter(found.namespace, system.fs) });
  if (inside.resolve(command[0]!) === undefined) {
    await context.stderr.write(`exec of "${command[0]}" failed: No such file or directory\n`);
    return 255;
  }
  try {
    return await inside.run(command, context);
  } finally {
    inside.killAll();
  }
}

export const ipCommand: Command = async (context) => {
  const args = context.argv.slice(1).filter((arg) => !arg.startsWith('-'));
  const object = objectOf(args[0] ?? '');
  if (object === undefined) return usage(context);
  if (object === 'netns' && args[1] === 'exec') {
    const at = context.argv.indexOf('exec');
    return netnsExec(context, context.argv[at + 1], context.argv.slice(at + 2));
  }
  if (object === 'netns') {
    await context.stdout.write(netnsList(context));
    return 0;
  }
  const network = context.system.network;
  const namespace = network.namespace?.();
  if (namespace === undefined) {
    await context.stdout.write(listed(network, object));
    return 0;
  }
  if (object === 'route' && args[1] === 'get') {
    const text = renderIpRouteGet(namespace, args[2] ?? '');
    const failed = !text.includes(' dev ');
    await (failed ? context.stderr : context.stdout).write(text);
    return failed ? 1 : 0;
  }
  const device = deviceArgument(args);
  if (device !== undefined && object !== 'route' && object !== 'neigh' && namespace.device(device) === undefined) {
    await context.stderr.write(`Device "${device}" does not exist.\n`);
    return 1;
  }
  const text = {
    address: () => renderIpAddr(namespace, device),
    link: () => renderIpLink(namespace, device),
    route: () => renderIpRoute(namespace, args.includes('table') && args.includes('local') ? 'local' : 'main'),
    neigh: () => renderIpNeigh(namespace),
  }[object]();
  await context.stdout.write(text);
  return 0;
};
