import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../lab/clock.ts';
import type { Packet, TraceHop } from '../packet.ts';
import { NetfilterStack } from './netfilter-stack.ts';
import type { HookContext } from './packet-filter.ts';

/** A small seeded generator (mulberry32), so runs repeat. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function stack(): { stack: NetfilterStack; clock: VirtualClock } {
  const clock = new VirtualClock(0, () => 0);
  clock.setPaused(true);
  return { stack: new NetfilterStack({ clock, random: seeded(7) }), clock };
}

function packet(
  src: string,
  srcPort: number,
  dst: string,
  dstPort: number,
  protocol: Packet['protocol'] = 'tcp',
): Packet {
  return { protocol, src, dst, srcPort, dstPort, mark: 0, ttl: 64 };
}

const NODE: HookContext = {
  namespace: 'node/worker',
  localAddresses: new Set(['172.18.0.3', '10.244.1.1']),
  outAddress: '172.18.0.3',
};

const SERVICE = `*nat
:KUBE-SERVICES - [0:0]
:KUBE-SVC-DNS - [0:0]
:KUBE-SEP-A - [0:0]
:KUBE-SEP-B - [0:0]
:KUBE-SEP-C - [0:0]
:KUBE-MARK-MASQ - [0:0]
:KUBE-POSTROUTING - [0:0]
-A PREROUTING -j KUBE-SERVICES
-A OUTPUT -j KUBE-SERVICES
-A POSTROUTING -j KUBE-POSTROUTING
-A KUBE-SERVICES -d 10.96.0.10/32 -p udp -m comment --comment "kube-system/kube-dns:dns cluster IP" -m udp --dport 53 -j KUBE-SVC-DNS
-A KUBE-SVC-DNS ! -s 10.244.0.0/16 -d 10.96.0.10/32 -p udp -m udp --dport 53 -j KUBE-MARK-MASQ
-A KUBE-SVC-DNS -m statistic --mode random --probability 0.33333333349 -j KUBE-SEP-A
-A KUBE-SVC-DNS -m statistic --mode random --probability 0.50000000000 -j KUBE-SEP-B
-A KUBE-SVC-DNS -j KUBE-SEP-C
-A KUBE-SEP-A -p udp -m udp -j DNAT --to-destination 10.244.1.5:53
-A KUBE-SEP-B -p udp -m udp -j DNAT --to-destination 10.244.2.7:53
-A KUBE-SEP-C -p udp -m udp -j DNAT --to-destination 10.244.3.9:53
-A KUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0x4000
-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN
-A KUBE-POSTROUTING -j MASQUERADE
COMMIT
`;

/** Runs the hooks a forwarded packet passes; the packet as it leaves, or the verdict that stopped it. */
function forward(s: NetfilterStack, p: Packet, trace: TraceHop[] = []): Packet | string {
  let current = p;
  for (const hook of ['PREROUTING', 'FORWARD', 'POSTROUTING'] as const) {
    const verdict = s.run(hook, current, NODE, trace);
    if (verdict.verdict !== 'ACCEPT') return verdict.verdict;
    current = verdict.packet;
  }
  return current;
}

describe('NetfilterStack: NAT with conntrack', () => {
  it('DNATs a new flow to an endpoint, keeps the flow on it, and undoes the NAT on replies', () => {
    const { stack: s } = stack();
    s.iptables.restore(SERVICE, { noflush: true });
    const trace: TraceHop[] = [];
    const out = forward(s, packet('10.244.1.20', 40000, '10.96.0.10', 53, 'udp'), trace) as Packet;
    expect(out.dst).toMatch(/^10\.244\.\d\.\d:?/);
    expect(out.dstPort).toBe(53);
    expect(out.src).toBe('10.244.1.20');
    expect(trace.some((hop) => hop.kind === 'nat' && hop.type === 'DNAT')).toBe(true);
    expect(
      trace.filter((hop) => hop.kind === 'netfilter').map((hop) => hop.kind === 'netfilter' && hop.chain),
    ).toContain('KUBE-SERVICES');

    for (let i = 0; i < 5; i++) {
      expect((forward(s, packet('10.244.1.20', 40000, '10.96.0.10', 53, 'udp')) as Packet).dst).toBe(out.dst);
    }
    const reply = forward(s, packet(out.dst, 53, '10.244.1.20', 40000, 'udp')) as Packet;
    expect([reply.src, reply.srcPort, reply.dst, reply.dstPort]).toEqual(['10.96.0.10', 53, '10.244.1.20', 40000]);
    const [line] = s.conntrack.list();
    expect(line).toBe(
      `udp      17 120 src=10.244.1.20 dst=10.96.0.10 sport=40000 dport=53 src=${out.dst} dst=10.244.1.20 sport=53 dport=40000 [ASSURED] mark=0 use=1`,
    );
  });

  it('masquerades flows marked by KUBE-MARK-MASQ and restores the destination of their replies', () => {
    const { stack: s } = stack();
    s.iptables.restore(SERVICE, { noflush: true });
    const out = forward(s, packet('192.168.5.5', 1234, '10.96.0.10', 53, 'udp')) as Packet;
    expect(out.src).toBe('172.18.0.3');
    expect(out.mark).toBe(0x4000);
    const reply = forward(s, packet(out.dst, 53, '172.18.0.3', out.srcPort, 'udp')) as Packet;
    expect([reply.src, reply.dst, reply.dstPort]).toEqual(['10.96.0.10', '192.168.5.5', 1234]);
  });

  it('spreads flows over three endpoints about a third each with statistic probabilities', () => {
    const { stack: s } = stack();
    s.iptables.restore(SERVICE, { noflush: true });
    const counts = new Map<string, number>();
    for (let port = 10000; port < 13000; port++) {
      const out = forward(s, packet('10.244.1.20', port, '10.96.0.10', 53, 'udp')) as Packet;
      counts.set(out.dst, (counts.get(out.dst) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual(['10.244.1.5', '10.244.2.7', '10.244.3.9']);
    for (const count of counts.values()) {
      expect(count).toBeGreaterThan(900);
      expect(count).toBeLessThan(1100);
    }
  });

  it('forgets a flow when its timeout passes on the clock', () => {
    const { stack: s, clock } = stack();
    forward(s, packet('10.244.1.20', 40000, '10.244.2.7', 80));
    expect(s.conntrack.list()[0]).toMatch(/^tcp {6}6 120 SYN_SENT .* \[UNREPLIED\] /);
    forward(s, packet('10.244.2.7', 80, '10.244.1.20', 40000));
    expect(s.conntrack.list()[0]).toMatch(/^tcp {6}6 432000 ESTABLISHED .* \[ASSURED\] mark=0 use=1$/);
    clock.step(431_999_000);
    expect(s.conntrack.list()[0]).toMatch(/ 1 ESTABLISHED /);
    clock.step(1000);
    expect(s.conntrack.list()).toEqual([]);
  });

  it('deletes entries as kube-proxy does for a removed UDP endpoint', () => {
    const { stack: s } = stack();
    s.iptables.restore(SERVICE, { noflush: true });
    const out = forward(s, packet('10.244.1.20', 40000, '10.96.0.10', 53, 'udp')) as Packet;
    forward(s, packet('10.244.1.20', 40001, '10.244.9.9', 53, 'udp'));
    expect(s.conntrack.delete({ protocol: 'udp', origDst: '10.96.0.10', dstNat: out.dst })).toBe(1);
    expect(s.conntrack.list()).toHaveLength(1);
  });
});

describe('NetfilterStack: filter verdicts', () => {
  it.each([
    [
      'an ACCEPT of established flows before a DROP',
      '-A FORWARD -m conntrack --ctstate ESTABLISHED -j ACCEPT\n-A FORWARD -j DROP',
      'DROP',
    ],
    ['a policy DROP', '', 'DROP'],
    [
      'a REJECT in a user chain reached by a jump',
      ':KUBE-EXTERNAL - [0:0]\n-A FORWARD -j KUBE-EXTERNAL\n-A KUBE-EXTERNAL -p tcp -m tcp --dport 80 -j REJECT',
      'REJECT',
    ],
    [
      'a RETURN back to the calling chain',
      ':X - [0:0]\n-A FORWARD -j X\n-A X -j RETURN\n-A FORWARD -j ACCEPT',
      'ACCEPT',
    ],
    [
      'a goto, whose chain ends in the policy, not back after the goto',
      ':X - [0:0]\n-A FORWARD -g X\n-A FORWARD -j ACCEPT',
      'DROP',
    ],
    ['an interface wildcard', '-A FORWARD -i veth+ -j ACCEPT', 'ACCEPT'],
    ['a non-matching source', '-A FORWARD ! -s 10.244.0.0/16 -j ACCEPT', 'DROP'],
    ['a destination LOCAL address type', '-A FORWARD -m addrtype --dst-type LOCAL -j ACCEPT', 'DROP'],
    ['a multiport match', '-A FORWARD -p tcp -m multiport --dports 22,80 -j ACCEPT', 'ACCEPT'],
  ])('decides a new packet by %s', (_, rules, verdict) => {
    const { stack: s } = stack();
    expect(s.iptables.restore(`*filter\n:FORWARD DROP [0:0]\n${rules}\nCOMMIT\n`, { noflush: true })).toEqual({
      ok: true,
    });
    const result = s.run(
      'FORWARD',
      packet('10.244.1.20', 40000, '10.244.2.7', 80),
      { ...NODE, inInterface: 'veth12' },
      [],
    );
    expect(result.verdict).toBe(verdict);
  });

  it('counts packets and bytes per rule as iptables-save -c shows them', () => {
    const { stack: s } = stack();
    s.iptables.restore('*filter\n-A INPUT -p tcp -m tcp --dport 80 -j ACCEPT\nCOMMIT\n', { noflush: true });
    for (let i = 0; i < 3; i++) s.run('INPUT', packet('10.0.0.1', 1000 + i, '172.18.0.3', 80), NODE, []);
    expect(s.iptables.save({ counters: true })).toContain('[3:120] -A INPUT -p tcp -m tcp --dport 80 -j ACCEPT');
  });
});

describe('NetfilterStack: IPVS', () => {
  it('sends a connection to a local VIP to a real server, rerouted, and keeps the flow there', () => {
    const { stack: s } = stack();
    const vip = { protocol: 'tcp' as const, address: '10.96.0.1', port: 443 };
    s.ipvs.addVirtualServer(vip);
    s.ipvs.addRealServer(vip, { address: '172.18.0.2', port: 6443, weight: 1 });
    s.ipvs.addRealServer(vip, { address: '172.18.0.4', port: 6443, weight: 1 });
    const context = { ...NODE, localAddresses: new Set([...NODE.localAddresses, '10.96.0.1']) };
    const trace: TraceHop[] = [];
    const first = s.run('PREROUTING', packet('10.244.1.20', 40000, '10.96.0.1', 443), context, trace);
    const verdict = first.verdict === 'ACCEPT' ? s.run('INPUT', first.packet, context, trace) : first;
    expect(verdict).toMatchObject({ verdict: 'ACCEPT', reroute: true, packet: { dst: '172.18.0.2', dstPort: 6443 } });
    expect(trace.find((hop) => hop.kind === 'ipvs')).toMatchObject({ service: 'TCP 10.96.0.1:443', scheduler: 'rr' });
    const again = s.run('PREROUTING', packet('10.244.1.20', 40000, '10.96.0.1', 443), context, []);
    expect(again).toMatchObject({ verdict: 'ACCEPT', packet: { dst: '172.18.0.2' } });
  });
});

describe('NetfilterStack: long chains', () => {
  it('keeps rule order through the index: an earlier unkeyed rule wins over a later keyed one', () => {
    const { stack: s } = stack();
    const services = Array.from(
      { length: 40 },
      (_, i) => `-A INPUT -d 10.96.1.${i}/32 -p tcp -m tcp --dport 80 -j ${i % 2 ? 'ACCEPT' : 'DROP'}`,
    );
    const rules = [...services.slice(0, 20), '-A INPUT -s 10.244.7.7/32 -j ACCEPT', ...services.slice(20)];
    s.iptables.restore(`*filter\n:INPUT DROP [0:0]\n${rules.join('\n')}\nCOMMIT\n`, { noflush: true });
    const verdict = (src: string, last: number): string =>
      s.run('INPUT', packet(src, 1000, `10.96.1.${last}`, 80), NODE, []).verdict;
    expect(verdict('10.244.1.1', 30)).toBe('DROP');
    expect(verdict('10.244.1.1', 31)).toBe('ACCEPT');
    expect(verdict('10.244.7.7', 30)).toBe('ACCEPT');
    expect(verdict('10.244.7.7', 10)).toBe('DROP');
    expect(verdict('10.244.1.1', 99)).toBe('DROP');
  });
});
