// The trace hops of the packet walk, with the one line a student reads for each. Built only when a trace is kept.

import type { NetDevice } from './device.ts';
import { formatIPv4 } from './ip.ts';
import type { Packet, TraceHop } from './packet.ts';
import { formatRoute } from './render/ip-route.ts';
import type { Route } from './route-table.ts';

export function flow(packet: Packet): string {
  return packet.protocol === 'icmp'
    ? `icmp ${packet.src} → ${packet.dst}`
    : `${packet.protocol} ${packet.src}:${packet.srcPort} → ${packet.dst}:${packet.dstPort}`;
}

export function deviceHop(
  namespace: string,
  dev: NetDevice,
  direction: 'egress' | 'ingress',
  packet: Packet,
): TraceHop {
  const way = direction === 'egress' ? 'leaves by' : 'arrives on';
  return {
    kind: 'device',
    namespace,
    device: dev.name,
    direction,
    deviceType: dev.kind,
    summary: `${flow(packet)} ${way} ${dev.name} (${dev.kind})`,
  };
}

export function routeHop(namespace: string, route: Route, destination: string): TraceHop {
  const line = formatRoute(route);
  return {
    kind: 'route',
    namespace,
    route: line,
    device: route.dev.name,
    ...(route.via !== undefined && { via: formatIPv4(route.via) }),
    summary: `route to ${destination}: ${line}`,
  };
}

export function neighbourHop(namespace: string, dev: NetDevice, ip: string, mac: string, state: string): TraceHop {
  return {
    kind: 'neighbour',
    namespace,
    ip,
    mac,
    device: dev.name,
    summary: `${ip} is at ${mac} on ${dev.name} (${state})`,
  };
}

export function bridgeHop(namespace: string, bridge: string, port: string, mac: string, how: string): TraceHop {
  return {
    kind: 'bridge',
    namespace,
    bridge,
    port,
    mac,
    summary: `${bridge} sends the frame for ${mac} out of ${port} (${how})`,
  };
}

export function dropHop(namespace: string, reason: string): TraceHop {
  return { kind: 'drop', namespace, reason, summary: `dropped: ${reason}` };
}

export function rejectHop(namespace: string, reason: string): TraceHop {
  return { kind: 'reject', namespace, reason, summary: `refused: ${reason}` };
}

export function socketHop(
  namespace: string,
  action: 'send' | 'receive',
  program: string | undefined,
  summary: string,
): TraceHop {
  return { kind: 'socket', namespace, action, ...(program !== undefined && { program }), summary };
}

export function deliverHop(namespace: string, socket: string, summary: string): TraceHop {
  return { kind: 'deliver', namespace, socket, summary };
}
