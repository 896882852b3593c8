import { describe, expect, it } from 'vitest';
import { DummyDevice } from './device.ts';
import { formatCidr, parseCidr, parseIPv4 } from './ip.ts';
import { RouteTable } from './route-table.ts';
import type { Route } from './route-table.ts';

const eth0 = new DummyDevice('eth0', '02:00:00:00:00:01', 1500);
const cni0 = new DummyDevice('cni0', '02:00:00:00:00:02', 1450);

function route(dst: string, dev = eth0): Route {
  return { type: 'unicast', dst: parseCidr(dst)!, dev, proto: 'boot', scope: 'global' };
}

function table(): RouteTable {
  const routes = new RouteTable();
  for (const dst of ['0.0.0.0/0', '10.244.0.0/16', '10.244.1.0/24', '10.244.1.7/32', '172.18.0.0/16'])
    routes.add(route(dst));
  return routes;
}

describe('RouteTable', () => {
  it.each([
    ['10.244.1.7', '10.244.1.7/32'],
    ['10.244.1.8', '10.244.1.0/24'],
    ['10.244.9.1', '10.244.0.0/16'],
    ['172.18.0.4', '172.18.0.0/16'],
    ['8.8.8.8', '0.0.0.0/0'],
  ])('sends %s by the longest matching prefix, %s', (ip, expected) => {
    expect(formatCidr(table().lookup(parseIPv4(ip)!)!.dst)).toBe(expected);
  });

  it('finds nothing without a default route', () => {
    const routes = new RouteTable();
    routes.add(route('10.244.1.0/24', cni0));
    expect(routes.lookup(parseIPv4('10.244.2.1')!)).toBeUndefined();
    expect(routes.lookup(parseIPv4('10.244.1.1')!)?.dev).toBe(cni0);
  });

  it('refuses a second route to the same destination, as ip route add does', () => {
    expect(() => table().add(route('10.244.1.0/24', cni0))).toThrow('RTNETLINK answers: File exists');
  });

  it('falls back to the next prefix once a route is deleted', () => {
    const routes = table();
    expect(routes.delete(parseCidr('10.244.1.0/24')!)).toBe(true);
    expect(routes.delete(parseCidr('10.244.1.0/24')!)).toBe(false);
    expect(formatCidr(routes.lookup(parseIPv4('10.244.1.8')!)!.dst)).toBe('10.244.0.0/16');
  });

  it('forgets every route through a device that went away', () => {
    const routes = table();
    routes.add(route('10.96.0.0/12', cni0));
    routes.deleteDevice(eth0);
    expect(routes.list().map((r) => formatCidr(r.dst))).toEqual(['10.96.0.0/12']);
  });

  it('lists routes by destination address, then prefix length', () => {
    expect(
      table()
        .list()
        .map((r) => formatCidr(r.dst)),
    ).toEqual(['0.0.0.0/0', '10.244.0.0/16', '10.244.1.0/24', '10.244.1.7/32', '172.18.0.0/16']);
  });
});
