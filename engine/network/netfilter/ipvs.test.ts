import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../lab/clock.ts';
import type { Packet } from '../packet.ts';
import { Ipvs } from './ipvs.ts';
import type { IpvsSchedulerName } from './ipvs-scheduler.ts';

const VIP = { protocol: 'tcp' as const, address: '10.96.0.20', port: 80 };

function ipvs(scheduler: IpvsSchedulerName, weights: number[], timeout = 0): { ipvs: Ipvs; clock: VirtualClock } {
  const clock = new VirtualClock(0, () => 0);
  clock.setPaused(true);
  const table = new Ipvs(clock);
  table.addVirtualServer({ ...VIP, scheduler, timeout });
  weights.forEach((weight, i) => table.addRealServer(VIP, { address: `10.244.${i + 1}.5`, port: 8080, weight }));
  return { ipvs: table, clock };
}

function from(src: string, srcPort: number): Packet {
  return { protocol: 'tcp', src, srcPort, dst: VIP.address, dstPort: VIP.port, mark: 0, ttl: 64 };
}

function picks(table: Ipvs, n: number, client = (i: number) => from('10.244.9.9', 30000 + i)): string[] {
  return Array.from({ length: n }, (_, i) => table.schedule(client(i))!.realServer!.address);
}

describe('IPVS schedulers', () => {
  it.each([
    [
      'rr takes the real servers in turn, skipping weight 0',
      'rr',
      [1, 0, 1],
      ['10.244.1.5', '10.244.3.5', '10.244.1.5', '10.244.3.5'],
    ],
    ['wrr gives each a share by weight', 'wrr', [3, 1], ['10.244.1.5', '10.244.1.5', '10.244.1.5', '10.244.2.5']],
    [
      'lc picks the real server with the fewest connections',
      'lc',
      [1, 1],
      ['10.244.1.5', '10.244.2.5', '10.244.1.5', '10.244.2.5'],
    ],
  ] as const)('%s', (_, scheduler, weights, expected) => {
    expect(picks(ipvs(scheduler, [...weights]).ipvs, 4)).toEqual(expected);
  });

  it('sh sends every connection of a client to the same real server, and clients over all of them', () => {
    const { ipvs: table } = ipvs('sh', [1, 1, 1]);
    expect(new Set(picks(table, 10)).size).toBe(1);
    const spread = picks(table, 60, (i) => from(`10.244.${i % 250}.${i}`, 1000));
    expect(new Set(spread).size).toBe(3);
  });

  it('keeps a client on its real server for the persistence timeout (sessionAffinity ClientIP)', () => {
    const { ipvs: table, clock } = ipvs('rr', [1, 1], 10800);
    const [first] = picks(table, 5);
    expect(picks(table, 5)).toEqual(Array(5).fill(first));
    clock.step(10_801_000);
    // The template expired: the next connection is scheduled again, and round robin moves on.
    expect(picks(table, 1, () => from('10.244.9.9', 50000))).not.toEqual([first]);
  });

  it('without persistence spreads one client over the real servers', () => {
    expect(new Set(picks(ipvs('rr', [1, 1]).ipvs, 4)).size).toBe(2);
  });
});

describe('ipvsadm -Ln', () => {
  it('prints services and real servers as the real tool', () => {
    const { ipvs: table } = ipvs('rr', [1]);
    table.addVirtualServer({ protocol: 'udp', address: '10.96.0.10', port: 53 });
    table.schedule(from('10.244.9.9', 1));
    expect(table.list()).toBe(
      [
        'IP Virtual Server version 1.2.1 (size=4096)',
        'Prot LocalAddress:Port Scheduler Flags',
        '  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn',
        'TCP  10.96.0.20:80 rr',
        '  -> 10.244.1.5:8080              Masq    1      1          0         ',
        'UDP  10.96.0.10:53 rr',
        '',
      ].join('\n'),
    );
  });

  it('refuses a service twice and a real server of no service', () => {
    const { ipvs: table } = ipvs('rr', []);
    expect(table.addVirtualServer(VIP)).toEqual({ ok: false, error: 'Service already exists' });
    expect(table.addRealServer({ ...VIP, port: 81 }, { address: '1.2.3.4', port: 1, weight: 1 })).toEqual({
      ok: false,
      error: 'No such service',
    });
  });
});
