// The connection tracking table of a namespace: each flow by its original and its reply tuple (and the tuples its
// packets carry between the two NAT steps), its state (NEW until a reply, then ESTABLISHED), the NAT bound on its
// first packet, and timeouts on the lab Clock (expired entries go when next looked at). Lists as `conntrack -L`.

import type { Clock } from '../../lab/clock.ts';
import type { Packet, Protocol } from '../packet.ts';

export interface ConntrackTuple {
  protocol: Protocol;
  src: string;
  dst: string;
  srcPort: number;
  dstPort: number;
}

export type ConntrackDirection = 'original' | 'reply';

export interface ConntrackEntry {
  /** The tuple of the first packet, before NAT. */
  readonly original: ConntrackTuple;
  /** The tuple replies carry: the original after NAT, turned around. */
  reply: ConntrackTuple;
  seenReply: boolean;
  assured: boolean;
  /** Whether the first packet got through (only confirmed entries are listed). */
  confirmed: boolean;
  dnat: boolean;
  snat: boolean;
  /** Whether the source NAT is MASQUERADE's (for the trace). */
  masquerade: boolean;
  /** Whether the nat table has decided the destination (PREROUTING/OUTPUT) and source (POSTROUTING/INPUT). */
  natDone: { dst: boolean; src: boolean };
  /** TCP only. */
  tcpState: 'SYN_SENT' | 'ESTABLISHED' | undefined;
  /** Clock time (ms) the entry expires at. */
  expires: number;
  /** The connection mark (CONNMARK). */
  mark: number;
}

export interface ConntrackHit {
  entry: ConntrackEntry;
  direction: ConntrackDirection;
}

/** In seconds, as the nf_conntrack_*_timeout sysctls. */
export interface ConntrackTimeouts {
  tcpSynSent: number;
  tcpEstablished: number;
  udp: number;
  udpStream: number;
  icmp: number;
}

export const DEFAULT_CONNTRACK_TIMEOUTS: ConntrackTimeouts = {
  tcpSynSent: 120,
  tcpEstablished: 432000,
  udp: 30,
  udpStream: 120,
  icmp: 30,
};

/** What `conntrack -D` selects by; every given field must match. */
export interface ConntrackFilter {
  protocol?: Protocol;
  /** --orig-src, --orig-dst, --reply-src, --reply-dst. */
  origSrc?: string;
  origDst?: string;
  replySrc?: string;
  replyDst?: string;
  /** --orig-port-dst (kube-proxy's `--dport` for a node port). */
  origDstPort?: number;
  /** --dst-nat: destination-NATed to this address. */
  dstNat?: string;
}

const PROTOCOL_NUMBER: Record<Protocol, number> = { tcp: 6, udp: 17, icmp: 1 };
/** Expired entries nobody looks up are swept after this many new ones. */
const SWEEP_EVERY = 1024;

function tupleKey(t: ConntrackTuple): string {
  return key(t.protocol, t.src, t.srcPort, t.dst, t.dstPort);
}

function key(protocol: Protocol, src: string, srcPort: number, dst: string, dstPort: number): string {
  return `${protocol} ${src}:${srcPort} ${dst}:${dstPort}`;
}

function packetKey(packet: Packet): string {
  return key(packet.protocol, packet.src, packet.srcPort, packet.dst, packet.dstPort);
}

function packetTuple(packet: Packet): ConntrackTuple {
  const { protocol, src, dst, srcPort, dstPort } = packet;
  return { protocol, src, dst, srcPort, dstPort };
}

export function invertTuple(t: ConntrackTuple): ConntrackTuple {
  return { protocol: t.protocol, src: t.dst, dst: t.src, srcPort: t.dstPort, dstPort: t.srcPort };
}

function formatTuple(t: ConntrackTuple, direction: ConntrackDirection): string {
  if (t.protocol === 'icmp') return `src=${t.src} dst=${t.dst} type=${direction === 'original' ? 8 : 0} code=0 id=0`;
  return `src=${t.src} dst=${t.dst} sport=${t.srcPort} dport=${t.dstPort}`;
}

/** One line of `conntrack -L`. */
export function formatConntrackEntry(entry: ConntrackEntry, now: number): string {
  const protocol = entry.original.protocol;
  const parts = [
    `${protocol.padEnd(8)} ${PROTOCOL_NUMBER[protocol]}`,
    `${Math.max(0, Math.floor((entry.expires - now) / 1000))}`,
  ];
  if (entry.tcpState) parts.push(entry.tcpState);
  parts.push(formatTuple(entry.original, 'original'));
  if (!entry.seenReply) parts.push('[UNREPLIED]');
  parts.push(formatTuple(entry.reply, 'reply'));
  if (entry.assured) parts.push('[ASSURED]');
  parts.push(`mark=${entry.mark}`, 'use=1');
  return parts.join(' ');
}

export class ConntrackTable {
  private readonly byTuple = new Map<string, ConntrackHit>();
  private readonly all = new Set<ConntrackEntry>();
  private readonly timeouts: ConntrackTimeouts;
  private createdSinceSweep = 0;
  /** No entry expires before this (a lower bound: refreshes only move expiry later), so a sweep before it is idle. */
  private earliestExpiry = Infinity;

  constructor(
    private readonly clock: Clock,
    timeouts: Partial<ConntrackTimeouts> = {},
  ) {
    this.timeouts = { ...DEFAULT_CONNTRACK_TIMEOUTS, ...timeouts };
  }

  /** The live entry the packet belongs to, in either direction, at any point of its way through the namespace. */
  find(packet: Packet): ConntrackHit | undefined {
    return this.lookup(packetKey(packet));
  }

  private lookup(tuple: string): ConntrackHit | undefined {
    const hit = this.byTuple.get(tuple);
    if (!hit) return undefined;
    if (hit.entry.expires <= this.clock.now()) {
      this.remove(hit.entry);
      return undefined;
    }
    return hit;
  }

  /** Whether a hit found earlier still stands: its entry is tracked and live (an expired one goes, as in find). */
  holds(hit: ConntrackHit): boolean {
    if (!this.all.has(hit.entry)) return false;
    if (hit.entry.expires > this.clock.now()) return true;
    this.remove(hit.entry);
    return false;
  }

  /** The packet's entry, or a new unconfirmed one with the packet in the original direction. */
  track(packet: Packet): ConntrackHit & { created: boolean } {
    const sent = packetKey(packet);
    const found = this.lookup(sent);
    if (found) return { entry: found.entry, direction: found.direction, created: false };
    if (++this.createdSinceSweep >= SWEEP_EVERY) this.sweep();
    const original = packetTuple(packet);
    const entry: ConntrackEntry = {
      original,
      reply: invertTuple(original),
      seenReply: false,
      assured: false,
      confirmed: false,
      dnat: false,
      snat: false,
      masquerade: false,
      natDone: { dst: false, src: false },
      tcpState: packet.protocol === 'tcp' ? 'SYN_SENT' : undefined,
      expires: 0,
      mark: 0,
    };
    this.all.add(entry);
    this.index(entry, sent);
    this.refresh(entry);
    return { entry, direction: 'original', created: true };
  }

  /** A packet of the flow went by in `direction`: a first reply establishes it; the timeout starts again. */
  see(hit: ConntrackHit): void {
    const { entry } = hit;
    if (hit.direction === 'reply' && !entry.seenReply) {
      entry.seenReply = true;
      entry.assured = entry.original.protocol !== 'icmp';
      if (entry.tcpState) entry.tcpState = 'ESTABLISHED';
    }
    this.refresh(entry);
  }

  /**
   * Binds the flow's NAT: its original-direction packets get `address:port` as destination (`dst`) or source
   * (`src`), and the reply tuple changes to match. A source port another flow already replies to is moved.
   */
  bind(entry: ConntrackEntry, manip: 'dst' | 'src', address: string, port: number, pickPort?: () => number): void {
    this.unindex(entry);
    if (manip === 'dst') {
      entry.reply = { ...entry.reply, src: address, srcPort: port };
      entry.dnat = true;
    } else {
      let reply = { ...entry.reply, dst: address, dstPort: port };
      for (let tries = 0; this.byTuple.has(tupleKey(reply)) && tries < 64512; tries++) {
        reply = { ...reply, dstPort: pickPort ? pickPort() : 1024 + ((reply.dstPort - 1024 + 1) % 64512) };
      }
      entry.reply = reply;
      entry.snat = true;
    }
    this.index(entry);
  }

  confirm(entry: ConntrackEntry): void {
    entry.confirmed = true;
  }

  /** Drops an entry whose first packet was dropped. */
  discard(entry: ConntrackEntry): void {
    if (!entry.confirmed) this.remove(entry);
  }

  /** The confirmed, live entries, oldest first. */
  entries(): ConntrackEntry[] {
    this.sweep();
    return [...this.all].filter((entry) => entry.confirmed);
  }

  /** `conntrack -L`: one line per entry. */
  list(): string[] {
    const now = this.clock.now();
    return this.entries().map((entry) => formatConntrackEntry(entry, now));
  }

  /** `conntrack -D` with the filter's options; the number of entries deleted. */
  delete(filter: ConntrackFilter = {}): number {
    let deleted = 0;
    for (const entry of this.entries()) {
      const { original: o, reply: r } = entry;
      const miss =
        (filter.protocol !== undefined && o.protocol !== filter.protocol) ||
        (filter.origSrc !== undefined && o.src !== filter.origSrc) ||
        (filter.origDst !== undefined && o.dst !== filter.origDst) ||
        (filter.replySrc !== undefined && r.src !== filter.replySrc) ||
        (filter.replyDst !== undefined && r.dst !== filter.replyDst) ||
        (filter.origDstPort !== undefined && o.dstPort !== filter.origDstPort) ||
        (filter.dstNat !== undefined && !(entry.dnat && r.src === filter.dstNat));
      if (miss) continue;
      this.remove(entry);
      deleted++;
    }
    return deleted;
  }

  private refresh(entry: ConntrackEntry): void {
    const t = this.timeouts;
    const seconds =
      entry.original.protocol === 'tcp'
        ? entry.seenReply
          ? t.tcpEstablished
          : t.tcpSynSent
        : entry.original.protocol === 'udp'
          ? entry.seenReply
            ? t.udpStream
            : t.udp
          : t.icmp;
    entry.expires = this.clock.now() + seconds * 1000;
    if (entry.expires < this.earliestExpiry) this.earliestExpiry = entry.expires;
  }

  private sweep(): void {
    this.createdSinceSweep = 0;
    const now = this.clock.now();
    if (now < this.earliestExpiry) return;
    let earliest = Infinity;
    for (const entry of this.all) {
      if (entry.expires <= now) this.remove(entry);
      else earliest = Math.min(earliest, entry.expires);
    }
    this.earliestExpiry = earliest;
  }

  private remove(entry: ConntrackEntry): void {
    this.unindex(entry);
    this.all.delete(entry);
  }

  /**
   * The tuples packets of the flow carry: as sent, after DNAT, as answered, and after un-SNAT — in that order (the
   * second and fourth are the first and third when there is no NAT).
   */
  private keys(entry: ConntrackEntry, sent?: string): [string, string, string, string] {
    const { original: o, reply: r } = entry;
    const first = sent ?? key(o.protocol, o.src, o.srcPort, o.dst, o.dstPort);
    const answered = key(r.protocol, r.src, r.srcPort, r.dst, r.dstPort);
    return [
      first,
      r.src === o.dst && r.srcPort === o.dstPort ? first : key(o.protocol, o.src, o.srcPort, r.src, r.srcPort),
      answered,
      r.dst === o.src && r.dstPort === o.srcPort ? answered : key(o.protocol, r.src, r.srcPort, o.src, o.srcPort),
    ];
  }

  private index(entry: ConntrackEntry, sent?: string): void {
    const [first, afterDnat, answered, afterUnSnat] = this.keys(entry, sent);
    const original: ConntrackHit = { entry, direction: 'original' };
    const reply: ConntrackHit = { entry, direction: 'reply' };
    if (!this.byTuple.has(first)) this.byTuple.set(first, original);
    if (afterDnat !== first && !this.byTuple.has(afterDnat)) this.byTuple.set(afterDnat, original);
    if (!this.byTuple.has(answered)) this.byTuple.set(answered, reply);
    if (afterUnSnat !== answered && !this.byTuple.has(afterUnSnat)) this.byTuple.set(afterUnSnat, reply);
  }

  private unindex(entry: ConntrackEntry): void {
    for (const tuple of this.keys(entry)) if (this.byTuple.get(tuple)?.entry === entry) this.byTuple.delete(tuple);
  }
}
