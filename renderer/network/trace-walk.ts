// A packet trace as the network panel plays it: the hops in order (the DNS exchanges first when asked for, then the
// request and its answer), where each hop happened in the diagram (the namespace and the devices to light up), and
// what the Service gave the packet (the address it was sent to, the endpoint DNAT or IPVS chose).

import type { NetworkTopology, NetworkTrace, NetworkTraceHop } from '../../engine/protocol/host-api.ts';

export interface WalkStep {
  hop: NetworkTraceHop;
  /** Which exchange it belongs to: `DNS query 1`… or `request`. */
  section: string;
}

/** The hops to walk: the request's, after every DNS exchange's when `withLookups`. */
export function traceWalk(trace: NetworkTrace | undefined, withLookups: boolean): WalkStep[] {
  if (trace === undefined) return [];
  const steps: WalkStep[] = [];
  if (withLookups) {
    trace.lookups.forEach((lookup, i) => {
      for (const hop of lookup.hops)
        steps.push({ hop, section: `DNS query ${i + 1} (${lookup.dst}:${lookup.dstPort})` });
    });
  }
  for (const hop of trace.hops) steps.push({ hop, section: 'request' });
  return steps;
}

/** Where a hop happened: its namespace and the devices of that namespace it concerns. */
export interface HopFocus {
  netns: string;
  devices: string[];
}

export function hopFocus(hop: NetworkTraceHop): HopFocus {
  switch (hop.kind) {
    case 'device':
    case 'route':
    case 'neighbour':
    case 'encapsulation':
    case 'decapsulation':
      return { netns: hop.namespace, devices: [hop.device] };
    case 'bridge':
      return { netns: hop.namespace, devices: [hop.bridge, hop.port] };
    default:
      return { netns: hop.namespace, devices: [] };
  }
}

/** The node a namespace is on: `node/<name>` itself, or the node holding the pod `pod/<namespace>/<name>`. */
export function nodeOfNetns(topology: NetworkTopology | undefined, netns: string): string | undefined {
  if (netns.startsWith('node/')) return netns.slice('node/'.length);
  return topology?.nodes.find((node) => node.pods.some((pod) => pod.netns === netns))?.name;
}

/** The namespaces the walk passed through before `position`, for a trail in the diagram. */
export function visitedNamespaces(steps: readonly WalkStep[], position: number): Set<string> {
  const visited = new Set<string>();
  for (let i = 0; i < position && i < steps.length; i++) visited.add(steps[i]!.hop.namespace);
  return visited;
}

/** The endpoints (`ip:port`) the Service's NAT chose on the way: DNAT rewrites and IPVS choices. */
export function chosenEndpoints(steps: readonly WalkStep[]): Set<string> {
  const chosen = new Set<string>();
  for (const { hop } of steps) {
    if (hop.kind === 'nat' && hop.type === 'DNAT') chosen.add(hop.to);
    else if (hop.kind === 'ipvs') chosen.add(hop.realServer);
  }
  return chosen;
}

/** The way to another node a hop takes, to light it: an encapsulation's remote VTEP, or a route's line. */
export interface TunnelUse {
  netns: string;
  remote?: string;
  route?: string;
}

export function tunnelUse(hop: NetworkTraceHop | undefined): TunnelUse | undefined {
  if (hop?.kind === 'encapsulation') return { netns: hop.namespace, remote: hop.outerDst };
  if (hop?.kind === 'route') return { netns: hop.namespace, route: hop.route };
  return undefined;
}

/** A packet crossing the node network: from which node to which, and how (VXLAN, or a route). */
export interface Crossing {
  from: string;
  to: string;
  how: string;
}

/** The crossing the tunnel in use makes, found among the nodes' tunnels. */
export function crossingOf(use: TunnelUse | undefined, topology: NetworkTopology | undefined): Crossing | undefined {
  if (use === undefined) return undefined;
  const node = topology?.nodes.find((n) => n.netns === use.netns);
  const tunnel = node?.tunnels.find((t) => tunnelInUse(use, node.netns, t));
  if (node === undefined || tunnel === undefined) return undefined;
  const how = tunnel.kind === 'vxlan' ? `VXLAN ${node.ip} → ${tunnel.remote}` : `routed via ${tunnel.remote}`;
  return { from: node.name, to: tunnel.node, how };
}

/** Whether the tunnel (`remote` and `route` of a node's way to another node's pods) is the one in use. */
export function tunnelInUse(
  use: TunnelUse | undefined,
  netns: string,
  tunnel: { remote: string; route: string },
): boolean {
  return use?.netns === netns && (use.remote === tunnel.remote || use.route === tunnel.route);
}

/** The index of the last rule hop (netfilter or IPVS) at or before `position`, or -1. */
export function lastRuleHop(steps: readonly WalkStep[], position: number): number {
  for (let i = Math.min(position, steps.length - 1); i >= 0; i--) {
    const kind = steps[i]!.hop.kind;
    if (kind === 'netfilter' || kind === 'ipvs') return i;
  }
  return -1;
}
