// A network namespace: its devices (lo first), addresses, the main and local routing tables, neighbour entries (on
// each device), ip_forward, its netfilter (a PacketFilter) and its listening sockets. A pod's is named
// `pod/<namespace>/<name>`, a node's root namespace `node/<name>`.

import { LoopbackDevice, VethDevice, VxlanDevice } from './device.ts';
import type { NeighbourState, NetDevice } from './device.ts';
import { formatIPv4, parseCidr, parseIPv4, prefixMask } from './ip.ts';
import type { PacketFilter } from './netfilter/packet-filter.ts';
import type { Protocol } from './packet.ts';
import { RouteTable } from './route-table.ts';
import type { Route } from './route-table.ts';
import { SocketTable } from './socket-table.ts';
import type { Listener, SocketHandler } from './socket-table.ts';

export interface RouteSpec {
  /** `10.244.2.0/24`, or `default`. */
  dst: string;
  dev: string;
  via?: string;
  src?: string;
  onlink?: boolean;
  proto?: Route['proto'];
}

const EPHEMERAL_FIRST = 32768;
const EPHEMERAL_LAST = 60999;

export class NetworkNamespace {
  readonly devices = new Map<string, NetDevice>();
  readonly routes = new RouteTable();
  readonly localRoutes = new RouteTable();
  readonly sockets = new SocketTable();
  /** net.ipv4.ip_forward. */
  ipForward = false;
  /** Dotted addresses of every device: netfilter's `--dst-type LOCAL`. */
  readonly localAddresses = new Set<string>();
  readonly loopback = new LoopbackDevice();
  private readonly local = new Set<number>();
  private readonly vxlanPorts = new Map<number, VxlanDevice>();
  private readonly netnsIds = new Map<NetworkNamespace, number>();
  private nextIndex = 1;
  private nextPort = EPHEMERAL_FIRST;

  constructor(
    readonly name: string,
    public filter: PacketFilter,
  ) {
    this.addDevice(this.loopback);
    this.addAddress('lo', '127.0.0.1/8');
  }

  device(name: string): NetDevice | undefined {
    return this.devices.get(name);
  }

  /** Moves `dev` into this namespace and gives it the next `ip link` index. */
  addDevice(dev: NetDevice): NetDevice {
    if (this.devices.has(dev.name)) throw new Error(`RTNETLINK answers: File exists (${dev.name})`);
    dev.namespace = this;
    dev.index = this.nextIndex++;
    this.devices.set(dev.name, dev);
    if (dev instanceof VxlanDevice) this.vxlanPorts.set(dev.port, dev);
    return dev;
  }

  /** Deletes the device with its addresses and routes; deleting a veth end deletes its peer too, as the kernel does. */
  removeDevice(name: string): void {
    const dev = this.devices.get(name);
    if (dev === undefined) throw new Error(`Cannot find device "${name}"`);
    this.detach(dev);
    if (dev instanceof VethDevice) dev.peer.namespace?.detach(dev.peer);
  }

  private detach(dev: NetDevice): void {
    dev.master?.detach(dev);
    for (const address of [...dev.addresses]) this.removeAddress(dev.name, `${address.text}/${address.prefix}`);
    this.routes.deleteDevice(dev);
    this.devices.delete(dev.name);
    if (dev instanceof VxlanDevice) this.vxlanPorts.delete(dev.port);
    dev.namespace = undefined;
  }

  /** `ip addr add <cidr> dev <dev>`: the address, its local route, and the connected route of its subnet. */
  addAddress(devName: string, cidrText: string): void {
    const dev = this.requireDevice(devName);
    const [addressText] = cidrText.split('/');
    const ip = parseIPv4(addressText ?? '');
    const cidr = parseCidr(cidrText);
    if (ip === undefined || cidr === undefined)
      throw new Error(`Error: any valid prefix is expected rather than "${cidrText}".`);
    const scope = dev.kind === 'loopback' ? 'host' : 'global';
    dev.addresses.push({ ip, prefix: cidr.prefix, scope, text: formatIPv4(ip) });
    this.local.add(ip);
    this.localAddresses.add(formatIPv4(ip));
    const local = dev.kind === 'loopback' ? cidr : { base: ip, prefix: 32 };
    this.localRoutes.delete(local);
    this.localRoutes.add({ type: 'local', dst: local, dev, src: ip, proto: 'kernel', scope: 'host' });
    if (dev.kind !== 'loopback' && cidr.prefix < 32 && this.routes.lookup(cidr.base)?.dst.prefix !== cidr.prefix) {
      this.routes.add({ type: 'unicast', dst: cidr, dev, src: ip, proto: 'kernel', scope: 'link' });
    }
  }

  removeAddress(devName: string, cidrText: string): void {
    const dev = this.requireDevice(devName);
    const ip = parseIPv4(cidrText.split('/')[0] ?? '');
    const at = dev.addresses.findIndex((address) => address.ip === ip);
    if (ip === undefined || at < 0) throw new Error('RTNETLINK answers: Cannot assign requested address');
    const [address] = dev.addresses.splice(at, 1);
    this.local.delete(ip);
    this.localAddresses.delete(formatIPv4(ip));
    this.localRoutes.delete(dev.kind === 'loopback' ? parseCidr(cidrText)! : { base: ip, prefix: 32 });
    const connected = parseCidr(cidrText);
    if (address && connected && this.routes.lookup(connected.base)?.src === ip) this.routes.delete(connected);
  }

  /** `ip route add`: throws the kernel's errors for an unknown device or a gateway not reachable on it. */
  addRoute(spec: RouteSpec): Route {
    const dev = this.requireDevice(spec.dev);
    const dst = parseCidr(spec.dst === 'default' ? '0.0.0.0/0' : spec.dst);
    if (dst === undefined) throw new Error(`Error: any valid prefix is expected rather than "${spec.dst}".`);
    const via = spec.via === undefined ? undefined : parseIPv4(spec.via);
    if (spec.via !== undefined && via === undefined)
      throw new Error(`Error: inet address is expected rather than "${spec.via}".`);
    const onSubnet = (ip: number) => dev.addresses.some((a) => ((ip ^ a.ip) & prefixMask(a.prefix)) === 0);
    if (via !== undefined && !spec.onlink && !onSubnet(via)) {
      throw new Error('Error: Nexthop has invalid gateway.');
    }
    const src = spec.src === undefined ? undefined : parseIPv4(spec.src);
    const route: Route = {
      type: 'unicast',
      dst,
      dev,
      proto: spec.proto ?? 'boot',
      scope: via === undefined ? 'link' : 'global',
      ...(via !== undefined && { via }),
      ...(src !== undefined && { src }),
      ...(spec.onlink && { onlink: true }),
    };
    this.routes.add(route);
    return route;
  }

  deleteRoute(dst: string): void {
    const cidr = parseCidr(dst === 'default' ? '0.0.0.0/0' : dst);
    if (cidr === undefined || !this.routes.delete(cidr)) throw new Error('RTNETLINK answers: No such process');
  }

  /** The route a packet to `ip` takes: the local table first, then main (the default policy rules). */
  route(ip: number): Route | undefined {
    return this.localRoutes.lookup(ip) ?? this.routes.lookup(ip);
  }

  /** The source address of an unbound socket: the route's `src`, else the out device's address on the next hop's subnet. */
  sourceAddress(route: Route, dst: number): string | undefined {
    const dev = route.dev;
    if (route.src !== undefined) {
      for (const address of dev.addresses) if (address.ip === route.src) return address.text;
      return formatIPv4(route.src);
    }
    const nextHop = route.via ?? dst;
    for (const address of dev.addresses) {
      if (((address.ip ^ nextHop) & prefixMask(address.prefix)) === 0) return address.text;
    }
    const primary = dev.primaryAddress();
    if (primary !== undefined) return primary.text;
    for (const local of this.localAddresses) if (!local.startsWith('127.')) return local;
    return undefined;
  }

  isLocal(ip: number): boolean {
    return this.local.has(ip) || ip >>> 24 === 127;
  }

  /** `ip neigh replace <ip> dev <dev> lladdr <mac> nud <state>`. */
  setNeighbour(ip: string, devName: string, mac: string, state: NeighbourState = 'PERMANENT'): void {
    const address = parseIPv4(ip);
    if (address === undefined) throw new Error(`Error: inet address is expected rather than "${ip}".`);
    this.requireDevice(devName).neighbours.set(address, { mac, state });
  }

  listen(protocol: Protocol, address: string, port: number, handler: SocketHandler, program: string): Listener {
    return this.sockets.listen({ protocol, address, port, handler, program });
  }

  /** The next local port for an outgoing connection (net.ipv4.ip_local_port_range 32768–60999). */
  ephemeralPort(): number {
    const port = this.nextPort;
    this.nextPort = port === EPHEMERAL_LAST ? EPHEMERAL_FIRST : port + 1;
    return port;
  }

  /** The VXLAN device that receives UDP on `port`. */
  vxlanOnPort(port: number): VxlanDevice | undefined {
    return this.vxlanPorts.get(port);
  }

  /** The id this namespace knows `other` by (`link-netnsid`), given in order of first use. */
  netnsId(other: NetworkNamespace): number {
    let id = this.netnsIds.get(other);
    if (id === undefined) this.netnsIds.set(other, (id = this.netnsIds.size));
    return id;
  }

  private requireDevice(name: string): NetDevice {
    const dev = this.devices.get(name);
    if (dev === undefined) throw new Error(`Cannot find device "${name}"`);
    return dev;
  }
}
