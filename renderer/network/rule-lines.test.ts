import { describe, expect, it } from 'vitest';
import { HOPS, IPTABLES_SAVE } from '../testing/network-fixture.ts';
import { ipvsLines, iptablesRuleLine, markedSegments } from './rule-lines.ts';

const lines = IPTABLES_SAVE.split('\n');

describe('the rule of a hop in the node rules', () => {
  it("finds a rule's line in its table of iptables-save", () => {
    const hop = HOPS[5]!;
    if (hop.kind !== 'netfilter') throw new Error('fixture');
    expect(iptablesRuleLine(lines, 'nat', hop.rule)).toBe(8);
    expect(iptablesRuleLine(lines, 'filter', hop.rule)).toBe(-1);
    expect(iptablesRuleLine(lines, 'mangle', hop.rule)).toBe(-1);
  });

  it("finds a policy's chain line", () => {
    expect(iptablesRuleLine(lines, 'nat', '-P PREROUTING ACCEPT')).toBe(5);
    expect(iptablesRuleLine(lines, 'filter', '-P INPUT ACCEPT')).toBe(1);
  });

  it('finds the virtual server and the real server IPVS chose', () => {
    const list = [
      'IP Virtual Server version 1.2.1 (size=4096)',
      'Prot LocalAddress:Port Scheduler Flags',
      '  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn',
      'TCP  10.96.0.1:443 rr',
      '  -> 172.18.0.2:6443             Masq    1      0          0',
      'TCP  10.96.0.50:80 rr',
      '  -> 10.244.1.3:80               Masq    1      0          0',
      '  -> 10.244.2.2:80               Masq    1      1          0',
      'UDP  10.96.0.10:53 rr',
    ];
    expect(ipvsLines(list, 'TCP 10.96.0.50:80', '10.244.2.2:80')).toEqual([5, 7]);
    expect(ipvsLines(list, 'TCP 10.96.0.50:80', '10.244.9.9:80')).toEqual([5]);
    expect(ipvsLines(list, 'UDP 10.96.0.50:80', '10.244.2.2:80')).toEqual([]);
  });
});

describe('the rules as text with marked lines', () => {
  it('joins unmarked runs and keeps marked lines apart', () => {
    expect(markedSegments(['a', 'b', 'c', 'd', 'e'], [1, 2])).toEqual([
      { text: 'a', marked: false },
      { text: 'b\nc', marked: true },
      { text: 'd\ne', marked: false },
    ]);
    expect(markedSegments(['a', 'b'], [])).toEqual([{ text: 'a\nb', marked: false }]);
    expect(markedSegments(['a', 'b'], [1])).toEqual([
      { text: 'a', marked: false },
      { text: 'b', marked: true },
    ]);
  });
});
