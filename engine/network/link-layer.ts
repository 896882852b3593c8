// The link layer's address resolution: who hears a device's broadcast (its veth peer, the bridge and the pods behind
// it, the other hosts on an Ethernet segment), ARP requests that fill the neighbour table and teach bridges where MACs
// are, and gratuitous ARP when an address appears or goes.

import { VethDevice } from './device.ts';
import type { BridgeDevice, EthernetDevice, NetDevice } from './device.ts';

interface Hearer {
  device: NetDevice;
  /** The bridge between the sender and this device, and the port it sits behind. */
  bridge?: BridgeDevice;
  port?: NetDevice;
}

/** The devices a broadcast sent out of `dev` reaches. */
export function broadcastDomain(dev: NetDevice): Hearer[] {
  if (dev instanceof VethDevice) {
    const bridge = dev.peer.master;
    if (bridge === undefined) return [{ device: dev.peer }];
    const behind = behindPorts(bridge).filter((hearer) => hearer.port !== dev.peer);
    return [{ device: bridge }, ...behind];
  }
  if (dev.kind === 'bridge') return behindPorts(dev as BridgeDevice);
  if (dev.kind === 'ethernet') {
    const segment = (dev as EthernetDevice).segment;
    return segment === undefined
      ? []
      : [...segment.devices].filter((other) => other !== dev).map((device) => ({ device }));
  }
  return [];
}

function behindPorts(bridge: BridgeDevice): Hearer[] {
  return [...bridge.ports].map((port) => ({ device: port instanceof VethDevice ? port.peer : port, bridge, port }));
}

/** An ARP request for `ip` out of `dev`: the owner's MAC, recorded REACHABLE; FAILED when nobody answers. */
export function arp(dev: NetDevice, ip: number): string | undefined {
  for (const hearer of broadcastDomain(dev)) {
    if (!hearer.device.owns(ip) || hearer.device.namespace === undefined) continue;
    const bridge = hearer.bridge ?? (dev instanceof VethDevice ? dev.peer.master : undefined);
    if (bridge !== undefined && dev instanceof VethDevice) bridge.learn(dev.mac, dev.peer);
    if (hearer.bridge !== undefined && hearer.port !== undefined) hearer.bridge.learn(hearer.device.mac, hearer.port);
    dev.neighbours.set(ip, { mac: hearer.device.mac, state: 'REACHABLE' });
    return hearer.device.mac;
  }
  dev.neighbours.set(ip, { mac: undefined, state: 'FAILED' });
  return undefined;
}

/** A gratuitous ARP for `ip` from `dev`: whoever holds an entry for it now has `dev`'s MAC, bridges learn it. */
export function announce(dev: NetDevice, ip: number): void {
  for (const hearer of broadcastDomain(dev)) {
    const entry = hearer.device.neighbours.get(ip);
    if (entry !== undefined && entry.state !== 'PERMANENT')
      hearer.device.neighbours.set(ip, { mac: dev.mac, state: 'REACHABLE' });
  }
  if (dev instanceof VethDevice) dev.peer.master?.learn(dev.mac, dev.peer);
}

/** Forgets `ip` on every device that hears `dev` (its owner left: the kernel's probes would fail). */
export function forget(dev: NetDevice, ip: number): void {
  for (const hearer of broadcastDomain(dev)) {
    if (hearer.device.neighbours.get(ip)?.state !== 'PERMANENT') hearer.device.neighbours.delete(ip);
  }
}
