// The packet walk, as the kernel runs it: local output (route, OUTPUT, POSTROUTING), the egress device and its link
// (veth to its peer, a bridge forwarding by MAC after a neighbour lookup, VXLAN encapsulation into UDP 8472 between
// node IPs, the node network's switch), then ingress in the next namespace (PREROUTING, the routing decision: local →
// INPUT → socket, else FORWARD → POSTROUTING → out again, TTL decremented). `request` delivers a request to the
// listening socket's handler and walks its answer back the same way, so conntrack sees the reply. Every step appends
// a TraceHop when a trace is kept; without one, the walk builds no strings.

import { VethDevice } from './device.ts';
import type { BridgeDevice, EthernetDevice, NetDevice, VxlanDevice } from './device.ts';
import { formatIPv4, parseIPv4 } from './ip.ts';
import { arp } from './link-layer.ts';
import type { NetworkNamespace } from './namespace.ts';
import { NET_ERROR_MESSAGES } from './net-errors.ts';
import type { NetErrorCode } from './net-errors.ts';
import type { Hook, HookContext } from './netfilter/packet-filter.ts';
import type { Packet, Protocol, TraceHop } from './packet.ts';
import { UNTRACED } from './packet.ts';
import type { Route } from './route-table.ts';
import { REFUSE } from './socket-table.ts';
import {
  bridgeHop,
  deliverHop,
  deviceHop,
  dropHop,
  flow,
  neighbourHop,
  rejectHop,
  routeHop,
  socketHop,
} from './trace-hops.ts';

export interface RequestInit {
  protocol: Protocol;
  dst: string;
  /** 0 for ICMP. */
  dstPort: number;
  /** The source address; chosen by the route when absent (an unbound socket). */
  src?: string;
  /** An ephemeral port when absent. */
  srcPort?: number;
  payload?: unknown;
  ttl?: number;
  mark?: number;
  /** The sending program, for the trace. */
  program?: string;
}

/** What a program sees when the network does not deliver. */
export interface NetFailure {
  ok: false;
  code: NetErrorCode;
  message: string;
  trace: TraceHop[] | undefined;
}

export type Exchange =
  | {
      ok: true;
      answer: unknown;
      server: NetworkNamespace;
      /** The answer's TTL as it arrived: 64 less one for each router on its way back. */
      ttl: number;
      trace: TraceHop[] | undefined;
    }
  | NetFailure;

export type Delivery =
  { ok: true; namespace: NetworkNamespace; packet: Packet; trace: TraceHop[] | undefined } | NetFailure;

/** A connected socket: its source address and port are fixed, so every request travels as the same flow. */
export interface Connection {
  ok: true;
  src: string;
  srcPort: number;
  request(payload: unknown, trace?: TraceHop[]): Exchange;
}

const DELIVERED = 0;
const REFUSED = 1;
const HOST_UNREACHABLE = 2;
const NET_UNREACHABLE = 3;
const DROPPED = 4;
const TTL_EXCEEDED = 5;
type Status = 0 | 1 | 2 | 3 | 4 | 5;

const STATUS_CODES: Record<Exclude<Status, 0>, NetErrorCode> = {
  [REFUSED]: 'ECONNREFUSED',
  [HOST_UNREACHABLE]: 'EHOSTUNREACH',
  [NET_UNREACHABLE]: 'ENETUNREACH',
  [DROPPED]: 'ETIMEDOUT',
  [TTL_EXCEEDED]: 'TTL_EXCEEDED',
};

/** Dotted addresses parsed once: the walk compares numbers. */
const parsed = new Map<string, number>();

function ipOf(text: string): number {
  let ip = parsed.get(text);
  if (ip === undefined) {
    ip = parseIPv4(text);
    if (ip === undefined) throw new RangeError(`not an IPv4 address: ${JSON.stringify(text)}`);
    if (parsed.size >= 65536) parsed.clear();
    parsed.set(text, ip);
  }
  return ip;
}

export class DataPlane {
  /** One context, refilled for every hook (filters read it during the call only). */
  private readonly context: HookContext = { namespace: '', localAddresses: new Set() };
  private status: Status = DELIVERED;
  private rerouted = false;
  private deliveredTo: NetworkNamespace | undefined;
  private deliveredPacket: Packet | undefined;

  /** Sends one packet from a program in `from` and walks it until it is delivered to a namespace, or lost. */
  send(from: NetworkNamespace, init: RequestInit, trace?: TraceHop[]): Delivery {
    const packet = this.open(from, init, trace);
    if (packet === undefined) return this.failure(this.status, trace);
    const status = this.output(from, packet, trace);
    if (status !== DELIVERED) return this.failure(status, trace);
    return { ok: true, namespace: this.deliveredTo!, packet: this.deliveredPacket!, trace };
  }

  /**
   * A request and its answer: the request walks to the namespace it is delivered to, where the socket listening on
   * its destination (after NAT) answers — or nothing listens, and the sender sees "Connection refused" — and the
   * answer walks back, and must arrive as the answer to this connection (the reverse of the request's 4-tuple).
   * ICMP echo requests are answered by the receiving kernel.
   */
  request(from: NetworkNamespace, init: RequestInit, trace?: TraceHop[]): Exchange {
    const packet = this.open(from, init, trace);
    if (packet === undefined) return this.failure(this.status, trace);
    const { protocol, src, srcPort, dst, dstPort } = packet;
    let status = this.output(from, packet, trace);
    if (status !== DELIVERED) return this.failure(status, trace);
    const server = this.deliveredTo!;
    const arrived = this.deliveredPacket!;
    const answer = this.serve(server, arrived, trace);
    if (answer === REFUSE) return this.failure(REFUSED, trace);
    const reply: Packet = {
      protocol,
      src: arrived.dst,
      dst: arrived.src,
      srcPort: arrived.dstPort,
      dstPort: arrived.srcPort,
      mark: 0,
      ttl: 64,
      payload: answer,
    };
    if (trace) trace.push(socketHop(server.name, 'send', undefined, `${server.name} answers: ${flow(reply)}`));
    status = this.output(server, reply, trace);
    if (status !== DELIVERED) return this.failure(DROPPED, trace);
    const back = this.deliveredPacket!;
    const mine = back.src === dst && back.srcPort === dstPort && back.dst === src && back.dstPort === srcPort;
    if (this.deliveredTo !== from || !mine) {
      const reason = `${flow(back)} belongs to no connection here (TCP RST); the request times out`;
      if (trace) trace.push(dropHop(this.deliveredTo!.name, reason));
      return this.failure(DROPPED, trace);
    }
    if (trace) {
      const program = init.program ?? from.name;
      trace.push(socketHop(from.name, 'receive', program, `${program} receives the answer`));
    }
    return { ok: true, answer: back.payload, server, ttl: back.ttl, trace };
  }

  /** The answer of whatever listens for the arrived request (the kernel for an ICMP echo), or REFUSE. */
  private serve(server: NetworkNamespace, arrived: Packet, trace: TraceHop[] | undefined): unknown {
    if (arrived.protocol === 'icmp') {
      if (trace) trace.push(deliverHop(server.name, 'kernel', `${server.name} answers the echo request`));
      return arrived.payload;
    }
    const listener = server.sockets.find(arrived.protocol, arrived.dst, arrived.dstPort);
    if (listener === undefined) {
      if (trace) {
        const answer = arrived.protocol === 'tcp' ? 'TCP RST' : 'ICMP port unreachable';
        const socket = `${arrived.protocol} ${arrived.dst}:${arrived.dstPort}`;
        trace.push(rejectHop(server.name, `nothing listens on ${socket} (${answer})`));
      }
      return REFUSE;
    }
    if (trace) {
      const socket = `${listener.program} ${listener.protocol} ${listener.address}:${listener.port}`;
      trace.push(deliverHop(server.name, socket, `${flow(arrived)} reaches ${socket}`));
    }
    const answer = listener.handler(arrived.payload, arrived);
    if (answer === REFUSE && trace)
      trace.push(rejectHop(server.name, `${listener.program} resets the connection (TCP RST)`));
    return answer;
  }

  /**
   * connect(): binds the source address (chosen by the route) and an ephemeral port once; the connection's requests
   * all use that 4-tuple, so conntrack keeps them on one endpoint. Fails at once when there is no route.
   */
  connect(from: NetworkNamespace, init: Omit<RequestInit, 'payload'>, trace?: TraceHop[]): Connection | NetFailure {
    const src = init.src ?? this.source(from, init.dst, trace);
    if (src === undefined) return this.failure(this.status, trace);
    const bound: RequestInit = { ...init, src, srcPort: init.srcPort ?? from.ephemeralPort() };
    return {
      ok: true,
      src,
      srcPort: bound.srcPort!,
      request: (payload, requestTrace) => this.request(from, { ...bound, payload }, requestTrace),
    };
  }

  /** The source address an unbound socket in `from` gets for `dst`; undefined (and ENETUNREACH) without a route. */
  private source(from: NetworkNamespace, dst: string, trace: TraceHop[] | undefined): string | undefined {
    const ip = ipOf(dst);
    const route = from.route(ip);
    const src = route === undefined ? undefined : from.sourceAddress(route, ip);
    if (src === undefined) this.fail(from, NET_UNREACHABLE, trace, `no route to ${dst} in ${from.name}`);
    return src;
  }

  /** The packet a socket in `from` sends: its source chosen by the route when unbound, an ephemeral port. */
  private open(from: NetworkNamespace, init: RequestInit, trace: TraceHop[] | undefined): Packet | undefined {
    const src = init.src ?? this.source(from, init.dst, trace);
    if (src === undefined) return undefined;
    const packet: Packet = {
      protocol: init.protocol,
      src,
      dst: init.dst,
      srcPort: init.srcPort ?? (init.protocol === 'icmp' ? 0 : from.ephemeralPort()),
      dstPort: init.dstPort,
      mark: init.mark ?? 0,
      ttl: init.ttl ?? 64,
      payload: init.payload,
    };
    if (trace) {
      const program = init.program ?? from.name;
      trace.push(socketHop(from.name, 'send', program, `${program} sends ${flow(packet)}`));
    }
    return packet;
  }

  /** Local output: route, OUTPUT (routed again when NAT changed the destination), POSTROUTING, out. */
  private output(ns: NetworkNamespace, packet: Packet, trace: TraceHop[] | undefined): Status {
    let dst = ipOf(packet.dst);
    let route = ns.route(dst);
    if (route === undefined) return this.unroutable(ns, packet, trace);
    if (trace) trace.push(routeHop(ns.name, route, packet.dst));
    const out = route.type === 'local' ? ns.loopback : route.dev;
    const accepted = this.hook(ns, 'OUTPUT', packet, undefined, out, trace);
    if (accepted === undefined) return this.status;
    if (this.rerouted) {
      dst = ipOf(accepted.dst);
      route = ns.route(dst);
      if (route === undefined) return this.unroutable(ns, accepted, trace);
      if (trace) trace.push(routeHop(ns.name, route, accepted.dst));
    }
    return this.postrouting(ns, accepted, route, dst, undefined, trace);
  }

  private postrouting(
    ns: NetworkNamespace,
    packet: Packet,
    route: Route,
    dst: number,
    inDev: NetDevice | undefined,
    trace: TraceHop[] | undefined,
  ): Status {
    const out = route.type === 'local' ? ns.loopback : route.dev;
    const accepted = this.hook(ns, 'POSTROUTING', packet, inDev, out, trace);
    if (accepted === undefined) return this.status;
    return this.egress(ns, out, accepted, route.type === 'local' ? dst : (route.via ?? dst), trace);
  }

  /** Out of `dev` towards `nextHop`: loopback back in, a neighbour lookup and the link otherwise. */
  private egress(
    ns: NetworkNamespace,
    dev: NetDevice,
    packet: Packet,
    nextHop: number,
    trace: TraceHop[] | undefined,
  ): Status {
    if (!dev.up) return this.fail(ns, DROPPED, trace, `${dev.name} is down`);
    if (trace) trace.push(deviceHop(ns.name, dev, 'egress', packet));
    if (dev.kind === 'loopback') {
      if (trace) trace.push(deviceHop(ns.name, dev, 'ingress', packet));
      return this.ingress(ns, dev, packet, trace);
    }
    if (dev.kind === 'dummy')
      return this.fail(ns, DROPPED, trace, `${dev.name} is a dummy device: it carries no packets`);
    const entry = dev.neighbours.get(nextHop);
    const mac = entry?.mac ?? arp(dev, nextHop);
    if (mac === undefined) {
      return this.fail(
        ns,
        HOST_UNREACHABLE,
        trace,
        `no ARP reply for ${formatIPv4(nextHop)} on ${dev.name} (neighbour FAILED)`,
      );
    }
    if (trace)
      trace.push(neighbourHop(ns.name, dev, formatIPv4(nextHop), mac, dev.neighbours.get(nextHop)?.state ?? ''));
    return this.transmit(dev, packet, mac, trace);
  }

  /** The frame for `mac` on the wire of `dev`. */
  private transmit(dev: NetDevice, packet: Packet, mac: string, trace: TraceHop[] | undefined): Status {
    switch (dev.kind) {
      case 'veth':
        return this.receive((dev as VethDevice).peer, packet, mac, dev.mac, trace);
      case 'bridge':
        return this.bridgeOut(dev as BridgeDevice, packet, mac, trace);
      case 'vxlan':
        return this.encapsulate(dev as VxlanDevice, packet, mac, trace);
      case 'ethernet': {
        const segment = (dev as EthernetDevice).segment;
        const target = segment?.port(mac);
        if (segment === undefined || target === undefined) {
          return this.fail(dev.namespace!, DROPPED, trace, `no host with MAC ${mac} on ${dev.name}'s segment`);
        }
        if (trace) trace.push(bridgeHop(segment.name, segment.name, target.name, mac, 'the node network switch'));
        return this.receive(target, packet, mac, dev.mac, trace);
      }
      default:
        return this.fail(dev.namespace!, DROPPED, trace, `${dev.name} has no link`);
    }
  }

  /** A frame arriving on `dev`: into its bridge when it is a port, else up its namespace's stack if it is for it. */
  private receive(
    dev: NetDevice,
    packet: Packet,
    dstMac: string,
    srcMac: string,
    trace: TraceHop[] | undefined,
  ): Status {
    const ns = dev.namespace;
    if (ns === undefined || !dev.up) return this.fail(dev.namespace, DROPPED, trace, `${dev.name} is gone or down`);
    // The mark stays in the namespace that set it (skb_scrub_packet when a frame crosses into another one).
    if (packet.mark !== 0) packet = { ...packet, mark: 0 };
    if (trace) trace.push(deviceHop(ns.name, dev, 'ingress', packet));
    if (dev.master !== undefined) return this.bridgeIn(ns, dev.master, dev, packet, dstMac, srcMac, trace);
    if (dstMac !== dev.mac)
      return this.fail(ns, DROPPED, trace, `the frame for ${dstMac} is not for ${dev.name} (${dev.mac})`);
    return this.ingress(ns, dev, packet, trace);
  }

  /** A bridge port received a frame: learn its source; up to the bridge's own stack, or bridged to another port. */
  private bridgeIn(
    ns: NetworkNamespace,
    bridge: BridgeDevice,
    port: NetDevice,
    packet: Packet,
    dstMac: string,
    srcMac: string,
    trace: TraceHop[] | undefined,
  ): Status {
    bridge.learn(srcMac, port);
    if (dstMac === bridge.mac) {
      if (trace) trace.push(deviceHop(ns.name, bridge, 'ingress', packet));
      return this.ingress(ns, bridge, packet, trace);
    }
    const out = bridgePort(bridge, dstMac);
    if (out === undefined || out === port)
      return this.fail(ns, DROPPED, trace, `${bridge.name} has no other port for ${dstMac}`);
    let bridged = packet;
    if (bridge.nfCallIptables) {
      const pre = this.hook(ns, 'PREROUTING', bridged, bridge, undefined, trace);
      if (pre === undefined) return this.status;
      if (this.rerouted) return this.routeInput(ns, bridge, pre, trace);
      const forwarded = this.hook(ns, 'FORWARD', pre, bridge, bridge, trace);
      if (forwarded === undefined) return this.status;
      const post = this.hook(ns, 'POSTROUTING', forwarded, bridge, bridge, trace);
      if (post === undefined) return this.status;
      bridged = post;
    }
    return this.bridgeForward(ns, bridge, out, bridged, dstMac, srcMac, trace);
  }

  /** The bridge's own stack sends a frame: out of the port its forwarding database names. */
  private bridgeOut(bridge: BridgeDevice, packet: Packet, mac: string, trace: TraceHop[] | undefined): Status {
    const out = bridgePort(bridge, mac);
    if (out === undefined) return this.fail(bridge.namespace, DROPPED, trace, `${bridge.name} has no port for ${mac}`);
    return this.bridgeForward(bridge.namespace!, bridge, out, packet, mac, bridge.mac, trace);
  }

  private bridgeForward(
    ns: NetworkNamespace,
    bridge: BridgeDevice,
    out: NetDevice,
    packet: Packet,
    dstMac: string,
    srcMac: string,
    trace: TraceHop[] | undefined,
  ): Status {
    if (trace) {
      const how = bridge.fdb.get(dstMac)?.port === out ? 'forwarding database' : 'flooded';
      trace.push(bridgeHop(ns.name, bridge.name, out.name, dstMac, how), deviceHop(ns.name, out, 'egress', packet));
    }
    if (!(out instanceof VethDevice)) return this.fail(ns, DROPPED, trace, `${out.name} has no link`);
    return this.receive(out.peer, packet, dstMac, srcMac, trace);
  }

  /** VXLAN: the frame for a remote VTEP's MAC goes inside UDP to that node, sent by this namespace's stack. */
  private encapsulate(vxlan: VxlanDevice, packet: Packet, mac: string, trace: TraceHop[] | undefined): Status {
    const ns = vxlan.namespace!;
    const vtep = vxlan.fdb.get(mac);
    if (vtep === undefined) return this.fail(ns, DROPPED, trace, `${vxlan.name} has no forwarding entry for ${mac}`);
    const outer: Packet = {
      protocol: 'udp',
      src: vxlan.localText,
      dst: vtep.dst,
      srcPort: 32768 + ((packet.srcPort * 31 + packet.dstPort) % 28232),
      dstPort: vxlan.port,
      mark: 0,
      ttl: 64,
      inner: { packet, vni: vxlan.vni },
    };
    if (trace) {
      trace.push({
        kind: 'encapsulation',
        namespace: ns.name,
        device: vxlan.name,
        vni: vxlan.vni,
        outerSrc: outer.src,
        outerDst: outer.dst,
        summary: `${vxlan.name} wraps the frame in VXLAN (VNI ${vxlan.vni}): ${flow(outer)}`,
      });
    }
    return this.output(ns, outer, trace);
  }

  /** Arrival in a namespace: PREROUTING, then the routing decision. */
  private ingress(ns: NetworkNamespace, dev: NetDevice, packet: Packet, trace: TraceHop[] | undefined): Status {
    const accepted = this.hook(ns, 'PREROUTING', packet, dev, undefined, trace);
    if (accepted === undefined) return this.status;
    return this.routeInput(ns, dev, accepted, trace);
  }

  /** Local → INPUT → delivery; otherwise forwarded (ip_forward on): TTL, route, FORWARD, POSTROUTING, out. */
  private routeInput(ns: NetworkNamespace, dev: NetDevice, packet: Packet, trace: TraceHop[] | undefined): Status {
    const dst = ipOf(packet.dst);
    if (ns.isLocal(dst)) {
      const accepted = this.hook(ns, 'INPUT', packet, dev, undefined, trace);
      if (accepted === undefined) return this.status;
      const target = ipOf(accepted.dst);
      if (this.rerouted && !ns.isLocal(target)) {
        // IPVS: the virtual server rewrote the destination at INPUT; the packet leaves towards the real server.
        const route = ns.route(target);
        if (route === undefined) return this.unroutable(ns, accepted, trace);
        if (trace) trace.push(routeHop(ns.name, route, accepted.dst));
        return this.postrouting(ns, accepted, route, target, dev, trace);
      }
      return this.deliver(ns, accepted, trace);
    }
    if (!ns.ipForward) return this.fail(ns, DROPPED, trace, `${ns.name} does not forward (net.ipv4.ip_forward = 0)`);
    const route = ns.route(dst);
    if (route === undefined) return this.unroutable(ns, packet, trace);
    if (packet.ttl <= 1) return this.fail(ns, TTL_EXCEEDED, trace, `TTL exceeded in ${ns.name} (ICMP time exceeded)`);
    packet.ttl -= 1;
    if (trace) trace.push(routeHop(ns.name, route, packet.dst));
    const accepted = this.hook(ns, 'FORWARD', packet, dev, route.dev, trace);
    if (accepted === undefined) return this.status;
    return this.postrouting(ns, accepted, route, dst, dev, trace);
  }

  /** Local delivery: VXLAN packets are unwrapped and arrive on their device; anything else ends the walk here. */
  private deliver(ns: NetworkNamespace, packet: Packet, trace: TraceHop[] | undefined): Status {
    if (packet.inner !== undefined && packet.protocol === 'udp') {
      const vxlan = ns.vxlanOnPort(packet.dstPort);
      if (vxlan !== undefined && vxlan.vni === packet.inner.vni) {
        const inner = packet.inner.packet;
        if (trace) {
          trace.push(
            {
              kind: 'decapsulation',
              namespace: ns.name,
              device: vxlan.name,
              vni: vxlan.vni,
              summary: `${vxlan.name} unwraps VXLAN (VNI ${vxlan.vni})`,
            },
            deviceHop(ns.name, vxlan, 'ingress', inner),
          );
        }
        return this.ingress(ns, vxlan, inner, trace);
      }
    }
    this.deliveredTo = ns;
    this.deliveredPacket = packet;
    return DELIVERED;
  }

  /** Runs a netfilter hook; the packet to go on with, or undefined (this.status says why) when dropped or rejected. */
  private hook(
    ns: NetworkNamespace,
    hook: Hook,
    packet: Packet,
    inDev: NetDevice | undefined,
    outDev: NetDevice | undefined,
    trace: TraceHop[] | undefined,
  ): Packet | undefined {
    const context = this.context;
    context.namespace = ns.name;
    context.localAddresses = ns.localAddresses;
    context.inInterface = inDev?.name;
    context.inBridge = inDev?.kind === 'bridge';
    context.outInterface = outDev?.name;
    context.outAddress = outDev?.primaryAddress()?.text;
    const verdict = ns.filter.run(hook, packet, context, trace ?? UNTRACED);
    if (trace === undefined) UNTRACED.length = 0;
    if (verdict.verdict === 'ACCEPT') {
      this.rerouted = verdict.reroute === true;
      return verdict.packet;
    }
    if (verdict.verdict === 'DROP') this.fail(ns, DROPPED, trace, `${hook}: ${verdict.reason}`);
    else this.fail(ns, REFUSED, trace, `${hook}: ${verdict.reason}`);
    return undefined;
  }

  private unroutable(ns: NetworkNamespace, packet: Packet, trace: TraceHop[] | undefined): Status {
    return this.fail(ns, NET_UNREACHABLE, trace, `no route to ${packet.dst} in ${ns.name} (Network is unreachable)`);
  }

  /** Records why the walk stopped; drops are silent (the sender times out), the rest answer with an ICMP error. */
  private fail(
    ns: NetworkNamespace | undefined,
    status: Exclude<Status, 0>,
    trace: TraceHop[] | undefined,
    reason: string,
  ): Exclude<Status, 0> {
    this.status = status;
    if (trace) trace.push(status === DROPPED ? dropHop(ns?.name ?? '', reason) : rejectHop(ns?.name ?? '', reason));
    return status;
  }

  private failure(status: Status, trace: TraceHop[] | undefined): NetFailure {
    const code = STATUS_CODES[(status === DELIVERED ? DROPPED : status) as Exclude<Status, 0>];
    return { ok: false, code, message: NET_ERROR_MESSAGES[code], trace };
  }
}

/** The port a bridge sends `mac` out of: its forwarding database, else the port whose far end has that MAC (flood). */
function bridgePort(bridge: BridgeDevice, mac: string): NetDevice | undefined {
  const entry = bridge.fdb.get(mac);
  if (entry !== undefined) return entry.port;
  for (const port of bridge.ports) if (port instanceof VethDevice && port.peer.mac === mac) return port;
  return undefined;
}
