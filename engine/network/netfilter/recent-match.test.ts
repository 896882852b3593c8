import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../lab/clock.ts';
import type { Packet } from '../packet.ts';
import { NetfilterStack } from './netfilter-stack.ts';

const AFFINITY = `*nat
:KUBE-SVC-WEB - [0:0]
:KUBE-SEP-A - [0:0]
:KUBE-SEP-B - [0:0]
-A OUTPUT -d 10.96.0.20/32 -p tcp -j KUBE-SVC-WEB
-A KUBE-SVC-WEB -m recent --name KUBE-SEP-A --rcheck --seconds 10800 --reap -j KUBE-SEP-A
-A KUBE-SVC-WEB -m recent --name KUBE-SEP-B --rcheck --seconds 10800 --reap -j KUBE-SEP-B
-A KUBE-SVC-WEB -m statistic --mode random --probability 0.50000000000 -j KUBE-SEP-A
-A KUBE-SVC-WEB -j KUBE-SEP-B
-A KUBE-SEP-A -m recent --name KUBE-SEP-A --set -p tcp -m tcp -j DNAT --to-destination 10.244.1.5:80
-A KUBE-SEP-B -m recent --name KUBE-SEP-B --set -p tcp -m tcp -j DNAT --to-destination 10.244.2.7:80
COMMIT
`;

function affinityStack(draws: number[]): { netfilter: NetfilterStack; clock: VirtualClock } {
  const clock = new VirtualClock(0, () => 0);
  clock.setPaused(true);
  const netfilter = new NetfilterStack({ clock, random: () => draws.shift() ?? 0 });
  expect(netfilter.iptables.restore(AFFINITY, { noflush: true })).toEqual({ ok: true });
  return { netfilter, clock };
}

/** The endpoint a new connection from `src` to the Service is sent to. */
function endpoint(netfilter: NetfilterStack, src: string, srcPort: number): string {
  const sent: Packet = { protocol: 'tcp', src, dst: '10.96.0.20', srcPort, dstPort: 80, mark: 0, ttl: 64 };
  const verdict = netfilter.run('OUTPUT', sent, { namespace: 'node/w', localAddresses: new Set() }, []);
  return verdict.verdict === 'ACCEPT' ? verdict.packet.dst : verdict.verdict;
}

describe('-m recent', () => {
  it('prints its options as libxt_recent saves them (mask and side included)', () => {
    const { netfilter } = affinityStack([]);
    const saved = netfilter.iptables.save();
    expect(saved).toContain(
      '-A KUBE-SVC-WEB -m recent --rcheck --seconds 10800 --reap --name KUBE-SEP-A --mask 255.255.255.255 --rsource -j KUBE-SEP-A',
    );
    expect(saved).toContain(
      '-A KUBE-SEP-B -p tcp -m recent --set --name KUBE-SEP-B --mask 255.255.255.255 --rsource -m tcp -j DNAT --to-destination 10.244.2.7:80',
    );
  });

  it('keeps a client on the endpoint it was first sent to (sessionAffinity ClientIP), per client', () => {
    const { netfilter } = affinityStack([0.9, 0.1]);
    expect(endpoint(netfilter, '10.244.3.4', 40000)).toBe('10.244.2.7');
    for (let port = 40001; port < 40010; port++) expect(endpoint(netfilter, '10.244.3.4', port)).toBe('10.244.2.7');
    expect(endpoint(netfilter, '10.244.3.5', 40000)).toBe('10.244.1.5');
    expect(endpoint(netfilter, '10.244.3.5', 40001)).toBe('10.244.1.5');
  });

  it('forgets a client after --seconds, and the next connection is balanced again', () => {
    const { netfilter, clock } = affinityStack([0.9, 0.1]);
    expect(endpoint(netfilter, '10.244.3.4', 40000)).toBe('10.244.2.7');
    clock.step(10_801_000);
    expect(endpoint(netfilter, '10.244.3.4', 40001)).toBe('10.244.1.5');
  });

  it.each([
    ['without a command', '-m recent --name X', "you must specify one of `--set'"],
    ['with two commands', '-m recent --set --rcheck', "only one of `--set'"],
    ['--reap without --seconds', '-m recent --rcheck --reap', 'you must specify --seconds with --reap'],
    ['--set with --seconds', '-m recent --set --seconds 5', '--set and --remove with --seconds'],
  ])('refuses a recent match %s', (_case, args, error) => {
    const { netfilter } = affinityStack([]);
    const result = netfilter.iptables.exec(`-A INPUT ${args} -j ACCEPT`);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toContain(error);
  });
});
