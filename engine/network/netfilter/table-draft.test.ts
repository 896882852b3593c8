import { describe, expect, it } from 'vitest';
import { Iptables } from './iptables.ts';

const SERVICE = `*nat
:KUBE-SVC-A - [0:0]
:KUBE-SEP-A - [0:0]
:KUBE-SEP-B - [0:0]
-A KUBE-SVC-A -m statistic --mode random --probability 0.5 -j KUBE-SEP-A
-A KUBE-SVC-A -j KUBE-SEP-B
-A KUBE-SEP-A -p tcp -j DNAT --to-destination 10.244.1.5:8080
-A KUBE-SEP-B -p tcp -j DNAT --to-destination 10.244.2.5:8080
COMMIT
`;

function nat(iptables: Iptables) {
  return iptables.table('nat').chains;
}

describe('a restore that declares chains again (kube-proxy full syncs)', () => {
  it('keeps the chain objects and rules of chains refilled with the same uncounted rules', () => {
    const iptables = new Iptables();
    iptables.restore(SERVICE, { noflush: true });
    const before = nat(iptables).get('KUBE-SVC-A')!;
    const rules = [...before.rules];
    expect(iptables.restore(SERVICE, { noflush: true })).toEqual({ ok: true });
    expect(nat(iptables).get('KUBE-SVC-A')).toBe(before);
    expect(before.rules).toEqual(rules);
  });

  it('gives a chain whose rules counted packets fresh rules with zero counters', () => {
    const iptables = new Iptables();
    iptables.restore(SERVICE, { noflush: true });
    const counted = nat(iptables).get('KUBE-SEP-A')!.rules[0]!;
    counted.counters.packets = 3;
    counted.counters.bytes = 180;
    iptables.restore(SERVICE, { noflush: true });
    const rule = nat(iptables).get('KUBE-SEP-A')!.rules[0]!;
    expect(rule).not.toBe(counted);
    expect(rule.counters).toEqual({ packets: 0, bytes: 0 });
    expect(counted.counters).toEqual({ packets: 3, bytes: 180 });
  });

  it('ends a refilled chain where the new rules end, and copies it when they differ', () => {
    const iptables = new Iptables();
    iptables.restore(SERVICE, { noflush: true });
    const before = nat(iptables).get('KUBE-SVC-A')!;
    const fewer = SERVICE.replace('-A KUBE-SVC-A -j KUBE-SEP-B\n', '');
    iptables.restore(fewer, { noflush: true });
    const after = nat(iptables).get('KUBE-SVC-A')!;
    expect(after).not.toBe(before);
    expect(after.rules.map((rule) => rule.spec)).toEqual([before.rules[0]!.spec]);
    expect(before.rules).toHaveLength(2);
  });

  it('leaves the tables as they were when a refill fails part-way', () => {
    const iptables = new Iptables();
    iptables.restore(SERVICE, { noflush: true });
    const saved = iptables.save();
    const broken = SERVICE.replace('COMMIT', '-A KUBE-SVC-A -j KUBE-SEP-MISSING\nCOMMIT');
    expect(iptables.restore(broken, { noflush: true }).ok).toBe(false);
    expect(iptables.save()).toBe(saved);
  });

  it('does not let two namespaces share a rule parsed from the same line', () => {
    const [a, b] = [new Iptables(), new Iptables()];
    a.restore(SERVICE, { noflush: true });
    b.restore(SERVICE, { noflush: true });
    const ruleOf = (iptables: Iptables) => nat(iptables).get('KUBE-SEP-A')!.rules[0]!;
    expect(ruleOf(a)).not.toBe(ruleOf(b));
    ruleOf(a).counters.packets++;
    expect(ruleOf(b).counters.packets).toBe(0);
  });
});
