import { describe, expect, it } from 'vitest';
import { Iptables } from './iptables.ts';

const KUBE_PROXY_NAT = `*nat
:KUBE-SERVICES - [0:0]
:KUBE-SVC-NPX46M4PTMTKRN6Y - [0:0]
:KUBE-SEP-AAAAAAAAAAAAAAAA - [0:0]
:KUBE-MARK-MASQ - [0:0]
:KUBE-POSTROUTING - [0:0]
-A KUBE-SERVICES -d 10.96.0.1/32 -p tcp -m comment --comment "default/kubernetes:https cluster IP" -m tcp --dport 443 -j KUBE-SVC-NPX46M4PTMTKRN6Y
-A KUBE-SVC-NPX46M4PTMTKRN6Y ! -s 10.244.0.0/16 -d 10.96.0.1/32 -p tcp -m comment --comment "default/kubernetes:https cluster IP" -m tcp --dport 443 -j KUBE-MARK-MASQ
-A KUBE-SVC-NPX46M4PTMTKRN6Y -m comment --comment "default/kubernetes:https -> 172.18.0.2:6443" -m statistic --mode random --probability 0.33333333349 -j KUBE-SEP-AAAAAAAAAAAAAAAA
-A KUBE-SEP-AAAAAAAAAAAAAAAA -p tcp -m comment --comment "default/kubernetes:https" -m tcp -j DNAT --to-destination 172.18.0.2:6443
-A KUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0x4000
-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN
-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully
COMMIT
`;

function ruleLines(iptables: Iptables): string[] {
  return iptables
    .save()
    .split('\n')
    .filter((line) => line.startsWith('-A'));
}

describe('iptables-save prints what iptables-restore read', () => {
  it('round-trips kube-proxy nat rules line for line (user chains sorted by name)', () => {
    const iptables = new Iptables();
    expect(iptables.restore(KUBE_PROXY_NAT, { noflush: true })).toEqual({ ok: true });
    const expected = KUBE_PROXY_NAT.split('\n').filter((line) => line.startsWith('-A'));
    expect(ruleLines(iptables)).toEqual(expected.sort((a, b) => (a.split(' ')[1]! < b.split(' ')[1]! ? -1 : 1)));
  });

  it.each([
    ['-A INPUT -p tcp --dport 80 -j ACCEPT', '-A INPUT -p tcp -m tcp --dport 80 -j ACCEPT'],
    ['-A INPUT -s 10.1.2.3 -j DROP', '-A INPUT -s 10.1.2.3/32 -j DROP'],
    ['-A INPUT -s 10.1.2.3/255.255.0.0 -j DROP', '-A INPUT -s 10.1.0.0/16 -j DROP'],
    ['-A INPUT -j MARK --or-mark 0x4000', '-A INPUT -j MARK --set-xmark 0x4000/0x4000'],
    ['-A INPUT -j MARK --set-mark 0x1', '-A INPUT -j MARK --set-xmark 0x1/0xffffffff'],
    ['-A INPUT -j MARK --and-mark 0xffffbfff', '-A INPUT -j MARK --set-xmark 0x0/0x4000'],
    [
      '-A INPUT -p udp -m udp ! --dport 1000:2000 -j REJECT',
      '-A INPUT -p udp -m udp ! --dport 1000:2000 -j REJECT --reject-with icmp-port-unreachable',
    ],
    [
      '-A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT',
      '-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
    ],
    ['-A INPUT -m state --state NEW -j ACCEPT', '-A INPUT -m state --state NEW -j ACCEPT'],
    [
      '-A INPUT -m addrtype ! --src-type LOCAL --limit-iface-in -j ACCEPT',
      '-A INPUT -m addrtype ! --src-type LOCAL --limit-iface-in -j ACCEPT',
    ],
    [
      '-A INPUT -p tcp -m multiport --dports 80,443,8000:8080 -j ACCEPT',
      '-A INPUT -p tcp -m multiport --dports 80,443,8000:8080 -j ACCEPT',
    ],
    [
      '-A INPUT -i cali+ ! -o eth0 -j LOG --log-prefix "in: "',
      '-A INPUT -i cali+ ! -o eth0 -j LOG --log-prefix "in: "',
    ],
    [
      '-A INPUT -m statistic --mode random --probability 0.5 -j ACCEPT',
      '-A INPUT -m statistic --mode random --probability 0.50000000000 -j ACCEPT',
    ],
    ['-A INPUT -s 0.0.0.0/0 -j ACCEPT', '-A INPUT -j ACCEPT'],
    ['-A INPUT -p tcp -j REJECT --reject-with tcp-reset', '-A INPUT -p tcp -j REJECT --reject-with tcp-reset'],
  ])('prints %j as %j', (given, printed) => {
    const iptables = new Iptables();
    expect(iptables.exec(given)).toEqual({ ok: true });
    expect(ruleLines(iptables)).toEqual([printed]);
  });

  it('prints built-in chains in hook order with policies, then user chains by name, and counters with -c', () => {
    const iptables = new Iptables();
    iptables.exec('-N ZED');
    iptables.exec('-N ALPHA');
    iptables.exec('-P FORWARD DROP');
    iptables.exec('-A INPUT -j ALPHA');
    expect(iptables.save({ counters: true })).toBe(
      [
        '*filter',
        ':INPUT ACCEPT [0:0]',
        ':FORWARD DROP [0:0]',
        ':OUTPUT ACCEPT [0:0]',
        ':ALPHA - [0:0]',
        ':ZED - [0:0]',
        '[0:0] -A INPUT -j ALPHA',
        'COMMIT',
        '',
      ].join('\n'),
    );
  });
});

describe('iptables-restore', () => {
  it('with --noflush replaces only the chains a block declares and deletes chains with -X', () => {
    const iptables = new Iptables();
    iptables.restore(KUBE_PROXY_NAT, { noflush: true });
    const next = `*nat
:KUBE-SVC-NPX46M4PTMTKRN6Y - [0:0]
:KUBE-SEP-AAAAAAAAAAAAAAAA - [0:0]
-A KUBE-SVC-NPX46M4PTMTKRN6Y -j KUBE-MARK-MASQ
-X KUBE-SEP-AAAAAAAAAAAAAAAA
COMMIT
`;
    expect(iptables.restore(next, { noflush: true })).toEqual({ ok: true });
    const saved = iptables.save({ table: 'nat' });
    expect(saved).not.toContain('KUBE-SEP-AAAAAAAAAAAAAAAA');
    expect(saved).toContain('-A KUBE-SVC-NPX46M4PTMTKRN6Y -j KUBE-MARK-MASQ\n');
    expect(saved).toContain('-A KUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0x4000\n');
  });

  it('without --noflush starts each table block from an empty table', () => {
    const iptables = new Iptables();
    iptables.restore(KUBE_PROXY_NAT, { noflush: true });
    expect(iptables.restore('*nat\n:KUBE-X - [0:0]\nCOMMIT\n')).toEqual({ ok: true });
    expect(iptables.save({ table: 'nat' })).toBe(
      '*nat\n:PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n:KUBE-X - [0:0]\nCOMMIT\n',
    );
  });

  it.each([
    ['a jump to a chain that does not exist', '*nat\n:KUBE-A - [0:0]\n-A KUBE-A -j KUBE-NOPE\nCOMMIT\n', 3],
    ['an unknown option', '*filter\n-A INPUT --frobnicate -j ACCEPT\nCOMMIT\n', 2],
    ['a deleted chain that is still referenced', '*nat\n:KUBE-MARK-MASQ - [0:0]\n-X KUBE-MARK-MASQ\nCOMMIT\n', 3],
    ['a deleted chain that still has rules', '*nat\n-X KUBE-SERVICES\nCOMMIT\n', 2],
    ['an unknown table', '*bogus\nCOMMIT\n', 1],
    ['a DNAT outside the nat table', '*filter\n-A INPUT -j DNAT --to-destination 1.2.3.4\nCOMMIT\n', 2],
    ['a missing COMMIT', '*filter\n-A INPUT -j ACCEPT\n', 3],
    ['an open quote', '*filter\n-A INPUT -m comment --comment "x -j ACCEPT\nCOMMIT\n', 2],
  ])('fails on %s, naming the line, and keeps the rules it had', (_, text, line) => {
    const iptables = new Iptables();
    iptables.restore(KUBE_PROXY_NAT, { noflush: true });
    const before = iptables.save();
    const result = iptables.restore(`*filter\n-A INPUT -j ACCEPT\nCOMMIT\n${text}`.replace(/^/, ''), { noflush: true });
    expect(result).toMatchObject({ ok: false, line: line + 3, error: `iptables-restore: line ${line + 3} failed` });
    expect(iptables.save()).toBe(before);
  });
});

describe('iptables commands', () => {
  it('checks, inserts and deletes rules by their spec', () => {
    const iptables = new Iptables();
    expect(iptables.exec('-t nat -N KUBE-SERVICES')).toEqual({ ok: true });
    expect(iptables.exec('-t nat -C PREROUTING -j KUBE-SERVICES').ok).toBe(false);
    iptables.exec('-t nat -A PREROUTING -j ACCEPT');
    expect(
      iptables.exec('-t nat -I PREROUTING 1 -m comment --comment "kubernetes service portals" -j KUBE-SERVICES'),
    ).toEqual({ ok: true });
    expect(
      iptables.exec('-t nat -C PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES'),
    ).toEqual({ ok: true });
    expect(ruleLines(iptables)[0]).toBe(
      '-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
    );
    expect(iptables.exec('-t nat -D PREROUTING -j ACCEPT')).toEqual({ ok: true });
    expect(ruleLines(iptables)).toHaveLength(1);
    expect(iptables.exec('-t nat -X KUBE-SERVICES').ok).toBe(false);
  });
});
