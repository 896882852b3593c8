// Network devices as the kernel has them: loopback, veth pairs, Linux bridges (ports and a MAC-learning forwarding
// database), VXLAN devices (VNI, local VTEP, a forwarding database of remote VTEPs), a node's Ethernet uplink on an
// L2 segment, and dummy devices. Each carries its addresses and its neighbour (ARP) entries; a namespace holds it.

import { formatIPv4 } from './ip.ts';
import type { L2Segment } from './l2-segment.ts';
import type { NetworkNamespace } from './namespace.ts';

export type DeviceKind = 'loopback' | 'veth' | 'bridge' | 'vxlan' | 'ethernet' | 'dummy';

export interface InterfaceAddress {
  ip: number;
  prefix: number;
  scope: 'host' | 'global';
  /** Dotted, for contexts and rendering. */
  text: string;
}

export type NeighbourState = 'REACHABLE' | 'STALE' | 'PERMANENT' | 'FAILED';

export interface NeighbourEntry {
  /** Undefined while FAILED. */
  mac: string | undefined;
  state: NeighbourState;
}

export abstract class NetDevice {
  abstract readonly kind: DeviceKind;
  /** The `ip link` index, given by the namespace the device is added to. */
  index = 0;
  namespace: NetworkNamespace | undefined;
  /** The bridge this device is a port of. */
  master: BridgeDevice | undefined;
  up = true;
  readonly addresses: InterfaceAddress[] = [];
  /** The neighbour (ARP) entries resolved through this device, by IPv4 number. */
  readonly neighbours = new Map<number, NeighbourEntry>();

  constructor(
    public name: string,
    readonly mac: string,
    public mtu: number,
  ) {}

  /** Whether `ip` is one of this device's own addresses (the device answers ARP for it). */
  owns(ip: number): boolean {
    for (const address of this.addresses) if (address.ip === ip) return true;
    return false;
  }

  /** The device's first global address: the source of packets it sends when no route names one. */
  primaryAddress(): InterfaceAddress | undefined {
    for (const address of this.addresses) if (address.scope === 'global') return address;
    return this.addresses[0];
  }
}

export class LoopbackDevice extends NetDevice {
  readonly kind = 'loopback';
  constructor() {
    super('lo', '00:00:00:00:00:00', 65536);
  }
}

export class VethDevice extends NetDevice {
  readonly kind = 'veth';
  /** The other end, in its own namespace: what leaves here arrives there. */
  peer!: VethDevice;
}

/** Two connected veth ends, as `ip link add <a> type veth peer name <b>` makes them. */
export function createVethPair(
  a: { name: string; mac: string },
  b: { name: string; mac: string },
  mtu: number,
): [VethDevice, VethDevice] {
  const first = new VethDevice(a.name, a.mac, mtu);
  const second = new VethDevice(b.name, b.mac, mtu);
  first.peer = second;
  second.peer = first;
  return [first, second];
}

export interface FdbEntry {
  port: NetDevice;
  /** A port's own MAC (never ages), as opposed to one learned from traffic. */
  permanent: boolean;
}

export class BridgeDevice extends NetDevice {
  readonly kind = 'bridge';
  readonly ports = new Set<NetDevice>();
  /** The forwarding database: MAC → port. */
  readonly fdb = new Map<string, FdbEntry>();
  /** net.bridge.bridge-nf-call-iptables: bridged IPv4 frames also pass the namespace's netfilter hooks. */
  nfCallIptables = true;

  attach(port: NetDevice): void {
    port.master = this;
    this.ports.add(port);
    this.fdb.set(port.mac, { port, permanent: true });
  }

  detach(port: NetDevice): void {
    port.master = undefined;
    this.ports.delete(port);
    for (const [mac, entry] of this.fdb) if (entry.port === port) this.fdb.delete(mac);
  }

  /** Records that `mac` was seen on `port`. */
  learn(mac: string, port: NetDevice): void {
    const entry = this.fdb.get(mac);
    if (entry === undefined) this.fdb.set(mac, { port, permanent: false });
    else if (entry.port !== port && !entry.permanent) entry.port = port;
  }
}

export interface VtepEntry {
  /** The remote VTEP (a node IP), dotted and as a number. */
  dst: string;
  dstIp: number;
}

export class VxlanDevice extends NetDevice {
  readonly kind = 'vxlan';
  /** Remote VTEP by the MAC of the VXLAN device behind it (`bridge fdb … dst 172.18.0.4 self permanent`). */
  readonly fdb = new Map<string, VtepEntry>();
  readonly localText: string;

  constructor(
    name: string,
    mac: string,
    mtu: number,
    readonly vni: number,
    /** The local VTEP address: the node's IP. */
    readonly local: number,
    /** The UDP port (Linux's 8472, as flannel uses). */
    readonly port: number,
  ) {
    super(name, mac, mtu);
    this.localText = formatIPv4(local);
  }

  addVtep(mac: string, dst: number): void {
    this.fdb.set(mac, { dst: formatIPv4(dst), dstIp: dst });
  }
}

export class EthernetDevice extends NetDevice {
  readonly kind = 'ethernet';
  segment: L2Segment | undefined;
}

/** A device that takes addresses but carries nothing (`kube-ipvs0`). */
export class DummyDevice extends NetDevice {
  readonly kind = 'dummy';
}
