import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../lab/clock.ts';
import type { Packet } from '../packet.ts';
import { formatIpsetList, setReferences } from './ipset-list.ts';
import { IpsetTable } from './ipset-table.ts';
import { NetfilterStack } from './netfilter-stack.ts';
import type { HookContext } from './packet-filter.ts';

function packet(src: string, srcPort: number, dst: string, dstPort: number, protocol: Packet['protocol'] = 'tcp') {
  return { protocol, src, dst, srcPort, dstPort, mark: 0, ttl: 64 } satisfies Packet;
}

const NODE: HookContext = { namespace: 'node/worker', localAddresses: new Set(['172.18.0.3']) };

function stack(): NetfilterStack {
  const clock = new VirtualClock(0, () => 0);
  clock.setPaused(true);
  return new NetfilterStack({ clock, random: () => 0.5 });
}

/** Whether the packet hits the mark rule of `-A OUTPUT <args> -j MARK --set-mark 1`. */
function marks(netfilter: NetfilterStack, args: string, sent: Packet): boolean {
  netfilter.iptables.restore(`*mangle\n:OUTPUT ACCEPT [0:0]\n-A OUTPUT ${args} -j MARK --set-mark 0x1\nCOMMIT\n`);
  const verdict = netfilter.run('OUTPUT', sent, NODE, []);
  return verdict.verdict === 'ACCEPT' && verdict.packet.mark === 1;
}

describe('ipset', () => {
  it('reads elements as the kernel stores them: a bare port is tcp, a network loses its host bits', () => {
    const sets = new IpsetTable();
    expect(sets.create('PORTS', 'hash:ip,port')).toEqual({ ok: true });
    expect(sets.add('PORTS', '10.96.0.10,udp:53')).toEqual({ ok: true });
    expect(sets.add('PORTS', '10.96.0.1,443')).toEqual({ ok: true });
    expect([...sets.get('PORTS')!.members.keys()]).toEqual(['10.96.0.10,udp:53', '10.96.0.1,tcp:443']);
    sets.create('NETS', 'hash:ip,port,net');
    sets.add('NETS', '172.18.255.200,tcp:80,10.244.1.7/16');
    sets.add('NETS', '172.18.255.200,tcp:80,192.0.2.9/32');
    expect([...sets.get('NETS')!.members.keys()]).toEqual([
      '172.18.255.200,tcp:80,10.244.0.0/16',
      '172.18.255.200,tcp:80,192.0.2.9',
    ]);
  });

  it.each([
    [
      'creating a set that exists',
      (s: IpsetTable) => s.create('A', 'hash:ip'),
      'set with the same name already exists',
    ],
    ['adding to a set that does not exist', (s: IpsetTable) => s.add('B', '10.0.0.1'), 'does not exist'],
    ['adding an element twice', (s: IpsetTable) => s.add('A', '10.0.0.1'), "it's already added"],
    ['deleting an element not there', (s: IpsetTable) => s.del('A', '10.0.0.2'), "it's not added"],
    ['adding a malformed element', (s: IpsetTable) => s.add('A', '10.0.0'), 'resolving to IPv4 address failed'],
    ['adding a port outside the range', (s: IpsetTable) => s.add('P', '70000'), "cannot parse '70000'"],
    ['creating a bitmap:port without a range', (s: IpsetTable) => s.create('Q', 'bitmap:port'), 'range'],
    ['creating a set of an unknown type', (s: IpsetTable) => s.create('R', 'list:set'), 'Unknown settype'],
  ])('refuses %s', (_case, act, error) => {
    const sets = new IpsetTable();
    sets.create('A', 'hash:ip');
    sets.add('A', '10.0.0.1');
    sets.create('P', 'bitmap:port', { range: '0-65535' });
    const result = act(sets);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toContain(error);
  });

  it('lets `-exist` create and add again, and a set be destroyed only when no rule uses it', () => {
    const sets = new IpsetTable();
    sets.create('A', 'hash:ip');
    expect(sets.create('A', 'hash:ip', {}, true)).toEqual({ ok: true });
    sets.add('A', '10.0.0.1');
    expect(sets.add('A', '10.0.0.1', { exist: true })).toEqual({ ok: true });
    expect(sets.destroy('A', true)).toEqual({ ok: false, error: expect.stringContaining('in use') });
    expect(sets.destroy('A')).toEqual({ ok: true });
    expect(sets.get('A')).toBeUndefined();
  });

  it.each([
    ['hash:ip,port dst,dst matches the destination address and protocol:port', 'C', 'dst,dst', true],
    ['a set with more dimensions than the flags never matches', 'C', 'dst', false],
    ['src,dst takes the address from the source', 'C', 'src,dst', false],
    ['bitmap:port dst matches the destination port', 'NP', 'dst', true],
    ['hash:ip,port,net dst,dst,src matches a source inside the network', 'LB', 'dst,dst,src', true],
    ['hash:ip,port,ip dst,dst,src wants the exact source', 'LOOP', 'dst,dst,src', false],
    ['a set that does not exist matches nothing', 'NONE', 'dst', false],
  ])('-m set: %s', (_case, name, flags, expected) => {
    const netfilter = stack();
    const sets = netfilter.ipsets;
    sets.create('C', 'hash:ip,port');
    sets.add('C', '10.96.0.10,tcp:80');
    sets.create('NP', 'bitmap:port', { range: '0-65535' });
    sets.add('NP', '80');
    sets.create('LB', 'hash:ip,port,net');
    sets.add('LB', '10.96.0.10,tcp:80,10.244.0.0/16');
    sets.create('LOOP', 'hash:ip,port,ip');
    sets.add('LOOP', '10.96.0.10,tcp:80,10.244.1.6');
    const sent = packet('10.244.1.5', 40000, '10.96.0.10', 80);
    expect(marks(netfilter, `-m set --match-set ${name} ${flags}`, sent)).toBe(expected);
    expect(marks(netfilter, `-m set ! --match-set ${name} ${flags}`, sent)).toBe(!expected);
    expect(marks(netfilter, `-m set --match-set C dst,dst`, { ...sent, protocol: 'udp' })).toBe(false);
  });

  it('prints the match as iptables-save does, and lists sets as `ipset list` with their references', () => {
    const netfilter = stack();
    netfilter.ipsets.create('KUBE-CLUSTER-IP', 'hash:ip,port');
    netfilter.ipsets.add('KUBE-CLUSTER-IP', '10.96.0.10,udp:53');
    netfilter.ipsets.create('KUBE-NODE-PORT-TCP', 'bitmap:port', { range: '0-65535' });
    const rule = '-A KUBE-SERVICES -m set --match-set KUBE-CLUSTER-IP dst,dst -j ACCEPT';
    expect(netfilter.iptables.restore(`*nat\n:KUBE-SERVICES - [0:0]\n${rule}\nCOMMIT\n`)).toEqual({ ok: true });
    expect(netfilter.iptables.save()).toContain(rule);
    const list = formatIpsetList(netfilter.ipsets.list(), setReferences(netfilter.iptables));
    expect(list).toMatch(
      /^Name: KUBE-CLUSTER-IP\nType: hash:ip,port\nRevision: \d+\nHeader: family inet hashsize 1024 maxelem 65536 bucketsize 12 initval 0x[0-9a-f]{8}\nSize in memory: \d+\nReferences: 1\nNumber of entries: 1\nMembers:\n10\.96\.0\.10,udp:53\n\n/,
    );
    expect(list).toContain('Name: KUBE-NODE-PORT-TCP\nType: bitmap:port\nRevision: 4\nHeader: range 0-65535\n');
    expect(list).toMatch(/References: 0\nNumber of entries: 0\nMembers:\n$/);
  });

  it.each([
    ['without flags', '-m set --match-set A', '--match-set requires two args.'],
    ['with a flag that is not src or dst', '-m set --match-set A dst,any', "'src' or 'dst'"],
  ])('refuses a set match %s', (_case, args, error) => {
    const result = stack().iptables.exec(`-A INPUT ${args} -j ACCEPT`);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toContain(error);
  });
});
