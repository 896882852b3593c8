import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../lab/clock.ts';
import { NetfilterStack } from './netfilter-stack.ts';
import type { Packet } from '../packet.ts';
import type { HookContext } from './packet-filter.ts';

function accepted(context: HookContext): boolean {
  const clock = new VirtualClock(0, () => 0);
  const netfilter = new NetfilterStack({ clock, random: () => 0 });
  const rule = '-A FORWARD -m physdev ! --physdev-is-in -j DROP';
  expect(netfilter.iptables.restore(`*filter\n:FORWARD ACCEPT [0:0]\n${rule}\nCOMMIT\n`)).toEqual({ ok: true });
  expect(netfilter.iptables.save()).toContain(rule);
  const packet: Packet = {
    protocol: 'tcp',
    src: '10.244.1.5',
    dst: '10.96.0.1',
    srcPort: 1,
    dstPort: 2,
    mark: 0,
    ttl: 64,
  };
  return netfilter.run('FORWARD', packet, context, []).verdict === 'ACCEPT';
}

describe('-m physdev', () => {
  it.each([
    ['a packet that came in through a bridge port matches --physdev-is-in', true, true],
    ['a packet from the node network does not', false, false],
  ])('%s', (_case, inBridge, expected) => {
    expect(accepted({ namespace: 'node/w', localAddresses: new Set(), inInterface: 'cni0', inBridge })).toBe(expected);
  });

  it('refuses the options it does not simulate', () => {
    const netfilter = new NetfilterStack({ clock: new VirtualClock(0, () => 0), random: () => 0 });
    expect(netfilter.iptables.exec('-A FORWARD -m physdev --physdev-in veth1 -j DROP')).toEqual({
      ok: false,
      error: 'iptables v1.8.10 (nf_tables): physdev: only --physdev-is-in is simulated',
    });
  });
});
