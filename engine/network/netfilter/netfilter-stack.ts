// The netfilter of one network namespace, behind the PacketFilter seam: its iptables tables (with the ipsets and
// recent lists their matches read), conntrack and IPVS, run at each hook in the kernel's order — raw, conntrack,
// mangle, nat (destination), filter, IPVS, nat (source), conntrack confirmation. Only a connection's first packet
// goes through the nat table; the rest of the flow gets the NAT it bound, and replies get it undone. Every rule that
// matched, NAT rewrite, conntrack entry and IPVS choice is appended to the trace.

import type { Clock } from '../../lab/clock.ts';
import { parseIPv4 } from '../ip.ts';
import type { Packet, TraceHop } from '../packet.ts';
import { UNTRACED } from '../packet.ts';
import { ConntrackTable, formatConntrackEntry } from './conntrack.ts';
import type { ConntrackHit, ConntrackTimeouts } from './conntrack.ts';
import { ACCEPTED, evaluateTable } from './evaluate.ts';
import type { TableOutcome } from './evaluate.ts';
import { Iptables } from './iptables.ts';
import { IpsetTable } from './ipset-table.ts';
import { Ipvs } from './ipvs.ts';
import type { IpvsTimeouts } from './ipvs.ts';
import type { Hook, HookContext, PacketFilter, Verdict } from './packet-filter.ts';
import { RecentLists } from './recent-lists.ts';
import type { CtState, MatchEnv } from './rule.ts';
import type { TableName } from './table.ts';

export interface NetfilterStackOptions {
  clock: Clock;
  /** A seeded source of randomness (`-m statistic`, `--random-fully` ports), so traces replay. */
  random: () => number;
  conntrackTimeouts?: Partial<ConntrackTimeouts>;
  ipvsTimeouts?: Partial<IpvsTimeouts>;
}

type Step = TableName | 'conntrack' | 'ipvs' | 'confirm';

/** Each hook's steps in the kernel's priority order (raw -300, conntrack -200, mangle -150, nat dst -100, IPVS…). */
const PIPELINES: Record<Hook, readonly Step[]> = {
  PREROUTING: ['raw', 'conntrack', 'mangle', 'nat'],
  INPUT: ['mangle', 'filter', 'ipvs', 'nat', 'confirm'],
  FORWARD: ['mangle', 'filter'],
  OUTPUT: ['raw', 'conntrack', 'mangle', 'nat', 'ipvs', 'filter'],
  POSTROUTING: ['mangle', 'nat', 'confirm'],
};

const MAX_PORT = 65535;
const FIRST_EPHEMERAL = 1024;

function endpoint(address: string, port: number): string {
  return port === 0 ? address : `${address}:${port}`;
}

/** The packet a hook works on: its own object (what is handed in is not changed), with the same fields. */
function copyPacket(input: Packet): Packet {
  const { protocol, src, dst, srcPort, dstPort, mark, ttl } = input;
  const packet: Packet = { protocol, src, dst, srcPort, dstPort, mark, ttl };
  if ('payload' in input) packet.payload = input.payload;
  if ('inner' in input) packet.inner = input.inner;
  return packet;
}

interface Run {
  hook: Hook;
  packet: Packet;
  context: HookContext;
  trace: TraceHop[];
  hit: ConntrackHit | undefined;
  /** What the tables' matches see, made at the first table with rules and brought up to date at each. */
  env: MatchEnv | undefined;
}

export class NetfilterStack implements PacketFilter {
  readonly iptables = new Iptables();
  readonly conntrack: ConntrackTable;
  readonly ipvs: Ipvs;
  readonly ipsets = new IpsetTable();
  readonly recent: RecentLists;
  private readonly clock: Clock;
  private readonly random: () => number;
  /** The packet the last hook let through, and its connection, which goes with it to the next hook (skb->_nfct). */
  private carriedPacket: Packet | undefined;
  private carriedHit: ConntrackHit | undefined;

  constructor(options: NetfilterStackOptions) {
    this.clock = options.clock;
    this.random = options.random;
    this.conntrack = new ConntrackTable(options.clock, options.conntrackTimeouts);
    this.ipvs = new Ipvs(options.clock, options.ipvsTimeouts);
    this.recent = new RecentLists(options.clock);
  }

  run(hook: Hook, input: Packet, context: HookContext, trace: TraceHop[]): Verdict {
    const run: Run = { hook, packet: copyPacket(input), context, trace, hit: undefined, env: undefined };
    if (hook !== 'PREROUTING' && hook !== 'OUTPUT') {
      run.hit = this.carried(input) ?? this.conntrack.find(run.packet) ?? this.track(run);
    }
    for (const step of PIPELINES[hook]) {
      const outcome = this.step(step, run);
      if (outcome.verdict === 'DROP' || outcome.verdict === 'REJECT') {
        if (run.hit) this.conntrack.discard(run.hit.entry);
        return { verdict: outcome.verdict, reason: outcome.reason };
      }
      // IPVS took the packet (NF_STOLEN): it leaves towards the real server through POSTROUTING, where its source
      // NAT and confirmation happen; the INPUT steps after IPVS never see it.
      if (step === 'ipvs' && hook === 'INPUT' && run.packet.dst !== input.dst) break;
    }
    const reroute = (hook === 'OUTPUT' || hook === 'INPUT') && run.packet.dst !== input.dst;
    this.carriedPacket = run.packet;
    this.carriedHit = run.hit;
    return reroute ? { verdict: 'ACCEPT', packet: run.packet, reroute } : { verdict: 'ACCEPT', packet: run.packet };
  }

  /** The connection of a packet this stack let through at its last hook, while it still stands. */
  private carried(input: Packet): ConntrackHit | undefined {
    const hit = this.carriedHit;
    return input === this.carriedPacket && hit !== undefined && this.conntrack.holds(hit) ? hit : undefined;
  }

  private step(step: Step, run: Run): TableOutcome {
    switch (step) {
      case 'conntrack':
        run.hit = this.track(run);
        return ACCEPTED;
      case 'confirm':
        this.conntrack.confirm(run.hit!.entry);
        return ACCEPTED;
      case 'ipvs':
        return this.ipvsStep(run);
      case 'nat':
        return this.natStep(run);
      default: {
        const outcome = evaluateTable(this.iptables.table(step), run.hook, this.env(run), run.trace);
        return outcome.verdict === 'NAT' ? ACCEPTED : outcome;
      }
    }
  }

  private track(run: Run): ConntrackHit {
    const hit = this.conntrack.track(run.packet);
    this.conntrack.see(hit);
    if (run.trace === UNTRACED) return hit;
    const state = this.ctState(hit);
    run.trace.push({
      kind: 'conntrack',
      namespace: run.context.namespace,
      summary: hit.created
        ? 'conntrack: a new connection'
        : `conntrack: ${hit.direction === 'reply' ? 'a reply of' : 'a packet of'} a tracked connection (${state})`,
      entry: formatConntrackEntry(hit.entry, this.clock.now()),
      state,
    });
    return hit;
  }

  private ctState(hit: ConntrackHit | undefined): CtState {
    if (!hit) return 'INVALID';
    return hit.direction === 'reply' || hit.entry.seenReply ? 'ESTABLISHED' : 'NEW';
  }

  private env(run: Run): MatchEnv {
    const { packet, hit } = run;
    return {
      packet,
      src: parseIPv4(packet.src) ?? 0,
      dst: parseIPv4(packet.dst) ?? 0,
      context: run.context,
      ctState: this.ctState(hit),
      ctDnat: hit?.entry.dnat ?? false,
      ctSnat: hit?.entry.snat ?? false,
      random: this.random,
      ipsets: this.ipsets,
      recent: this.recent,
    };
  }

  /** The nat table for a connection's first packet (binding its NAT), then the bound NAT for every packet. */
  private natStep(run: Run): TableOutcome {
    const hit = run.hit!;
    const { entry } = hit;
    const manip = run.hook === 'PREROUTING' || run.hook === 'OUTPUT' ? 'dst' : 'src';
    if (hit.direction === 'original' && !entry.natDone[manip]) {
      entry.natDone[manip] = true;
      const outcome = evaluateTable(this.iptables.table('nat'), run.hook, this.env(run), run.trace);
      if (outcome.verdict === 'DROP' || outcome.verdict === 'REJECT') return outcome;
      if (outcome.verdict === 'NAT') {
        const error = this.bind(run, manip, outcome);
        if (error) return { verdict: 'DROP', reason: error };
      }
    }
    this.applyNat(run, manip);
    return ACCEPTED;
  }

  private bind(run: Run, manip: 'dst' | 'src', outcome: Extract<TableOutcome, { verdict: 'NAT' }>): string | undefined {
    const { entry } = run.hit!;
    const { target } = outcome;
    const { packet } = run;
    if (target.kind === 'DNAT') {
      if (manip === 'dst') this.conntrack.bind(entry, 'dst', target.to.address, target.to.port ?? packet.dstPort);
      return undefined;
    }
    if (manip !== 'src') return undefined;
    const address = target.kind === 'SNAT' ? target.to.address : run.context.outAddress;
    if (address === undefined) return `MASQUERADE: no address on ${run.context.outInterface ?? 'the out interface'}`;
    const randomPort = (): number => FIRST_EPHEMERAL + Math.floor(this.random() * (MAX_PORT - FIRST_EPHEMERAL + 1));
    const fully = target.flags.includes('random-fully');
    const port = target.kind === 'SNAT' && target.to.port !== undefined ? target.to.port : packet.srcPort;
    this.conntrack.bind(
      entry,
      'src',
      address,
      fully && port !== 0 ? randomPort() : port,
      fully ? randomPort : undefined,
    );
    entry.masquerade = target.kind === 'MASQUERADE';
    return undefined;
  }

  /** Rewrites the packet as its connection's NAT says: forwards on original packets, backwards on replies. */
  private applyNat(run: Run, manip: 'dst' | 'src'): void {
    const { entry, direction } = run.hit!;
    const { packet } = run;
    const { original, reply } = entry;
    let to: { address: string; port: number } | undefined;
    let type: 'DNAT' | 'SNAT' | 'MASQUERADE' | 'reverse' = 'reverse';
    if (manip === 'dst' && direction === 'original' && entry.dnat) {
      to = { address: reply.src, port: reply.srcPort };
      type = 'DNAT';
    } else if (manip === 'dst' && direction === 'reply' && entry.snat) {
      to = { address: original.src, port: original.srcPort };
    } else if (manip === 'src' && direction === 'original' && entry.snat) {
      to = { address: reply.dst, port: reply.dstPort };
      type = entry.masquerade ? 'MASQUERADE' : 'SNAT';
    } else if (manip === 'src' && direction === 'reply' && entry.dnat) {
      to = { address: original.dst, port: original.dstPort };
    }
    if (!to) return;
    const rewritesDst = manip === 'dst';
    const fromAddress = rewritesDst ? packet.dst : packet.src;
    const fromPort = rewritesDst ? packet.dstPort : packet.srcPort;
    if (fromAddress === to.address && fromPort === to.port) return;
    if (rewritesDst) {
      packet.dst = to.address;
      packet.dstPort = to.port;
    } else {
      packet.src = to.address;
      packet.srcPort = to.port;
    }
    if (run.trace === UNTRACED) return;
    const from = endpoint(fromAddress, fromPort);
    const rewritten = endpoint(to.address, to.port);
    const what = rewritesDst ? 'destination' : 'source';
    run.trace.push({
      kind: 'nat',
      namespace: run.context.namespace,
      summary:
        type === 'reverse'
          ? `reply: ${what} ${from} restored to ${rewritten} (conntrack undoes the NAT)`
          : `${type}: ${what} ${from} → ${rewritten}`,
      type,
      from,
      to: rewritten,
    });
  }

  /**
   * IPVS at INPUT, and at OUTPUT for the node's own connections (ip_vs_local_request4): a new connection to a virtual
   * server bound here goes to the real server the scheduler picks.
   */
  private ipvsStep(run: Run): TableOutcome {
    const { packet } = run;
    const hit = run.hit!;
    if (hit.direction !== 'original' || hit.entry.dnat || !run.context.localAddresses.has(packet.dst)) {
      return ACCEPTED;
    }
    const decision = this.ipvs.schedule(packet);
    if (!decision) return ACCEPTED;
    const { service, realServer } = decision;
    const virtual = `${service.protocol.toUpperCase()} ${service.address}:${service.port}`;
    if (!realServer) {
      return { verdict: 'REJECT', reason: `IPVS: ${virtual} has no real server to take the connection` };
    }
    if (run.trace !== UNTRACED) {
      const chosen = `${realServer.address}:${realServer.port}`;
      run.trace.push({
        kind: 'ipvs',
        namespace: run.context.namespace,
        summary: `IPVS ${virtual} (${service.scheduler}${decision.reused ? ', persistent' : ''}) → ${chosen}`,
        service: virtual,
        realServer: chosen,
        scheduler: service.scheduler,
      });
    }
    this.conntrack.bind(hit.entry, 'dst', realServer.address, realServer.port);
    hit.entry.natDone.dst = true;
    this.applyNat({ ...run, hook: 'PREROUTING' }, 'dst');
    return ACCEPTED;
  }
}
