import { describe, expect, it } from 'vitest';
import { acceptAll } from './accept-all-filter.ts';
import { BridgeDevice, createVethPair, DummyDevice } from './device.ts';
import { parseIPv4 } from './ip.ts';
import { NetworkNamespace } from './namespace.ts';
import { renderIpRoute } from './render/ip-route.ts';

function pod(): NetworkNamespace {
  const ns = new NetworkNamespace('pod/default/web', acceptAll);
  ns.addDevice(new DummyDevice('eth0', '02:00:00:00:00:01', 1450));
  ns.addAddress('eth0', '10.244.1.5/24');
  return ns;
}

describe('NetworkNamespace', () => {
  it('starts with lo holding 127.0.0.1/8, and nothing in its main table', () => {
    const ns = new NetworkNamespace('pod/default/empty', acceptAll);
    expect([...ns.devices.keys()]).toEqual(['lo']);
    expect(ns.loopback.index).toBe(1);
    expect(renderIpRoute(ns)).toBe('');
    expect(renderIpRoute(ns, 'local')).toBe('local 127.0.0.0/8 dev lo proto kernel scope host src 127.0.0.1\n');
  });

  it('adds the connected route and the local route of an address', () => {
    const ns = pod();
    expect(renderIpRoute(ns)).toBe('10.244.1.0/24 dev eth0 proto kernel scope link src 10.244.1.5\n');
    expect(renderIpRoute(ns, 'local')).toContain('local 10.244.1.5 dev eth0 proto kernel scope host src 10.244.1.5\n');
    expect(ns.localAddresses.has('10.244.1.5')).toBe(true);
  });

  it.each([
    ['10.244.1.5', true],
    ['127.0.0.53', true],
    ['10.244.1.6', false],
  ])('treats %s as local: %s', (ip, local) => {
    expect(pod().isLocal(parseIPv4(ip)!)).toBe(local);
  });

  it('forgets the address and its routes when it is removed', () => {
    const ns = pod();
    ns.removeAddress('eth0', '10.244.1.5/24');
    expect(renderIpRoute(ns)).toBe('');
    expect(ns.isLocal(parseIPv4('10.244.1.5')!)).toBe(false);
  });

  it.each([
    [{ dst: 'default', via: '10.244.1.1', dev: 'eth0' }, 'default via 10.244.1.1 dev eth0'],
    [
      { dst: '10.244.2.0/24', via: '10.244.2.0', dev: 'eth0', onlink: true },
      '10.244.2.0/24 via 10.244.2.0 dev eth0 onlink',
    ],
    [{ dst: '10.96.0.0/12', dev: 'eth0', src: '10.244.1.5' }, '10.96.0.0/12 dev eth0 scope link src 10.244.1.5'],
  ])('adds the route %j', (spec, line) => {
    const ns = pod();
    ns.addRoute(spec);
    expect(renderIpRoute(ns)).toContain(`${line}\n`);
  });

  it.each([
    [{ dst: 'default', via: '10.244.2.1', dev: 'eth0' }, 'Error: Nexthop has invalid gateway.'],
    [{ dst: 'default', via: '10.244.1.1', dev: 'eth9' }, 'Cannot find device "eth9"'],
    [{ dst: '10.244.1.0/24', dev: 'eth0' }, 'RTNETLINK answers: File exists'],
    [{ dst: '10.300.0.0/16', dev: 'eth0' }, 'any valid prefix is expected'],
  ])('refuses the route %j as ip route add does', (spec, message) => {
    expect(() => pod().addRoute(spec)).toThrow(message);
  });

  it('deletes both ends of a veth pair, and the bridge forgets the port', () => {
    const node = new NetworkNamespace('node/kind-worker', acceptAll);
    const ns = new NetworkNamespace('pod/default/web', acceptAll);
    const bridge = new BridgeDevice('cni0', '02:00:00:00:00:0b', 1450);
    node.addDevice(bridge);
    const [inside, outside] = createVethPair(
      { name: 'eth0', mac: '02:00:00:00:00:01' },
      { name: 'veth00000001', mac: '02:00:00:00:00:02' },
      1450,
    );
    ns.addDevice(inside);
    node.addDevice(outside);
    bridge.attach(outside);
    ns.addAddress('eth0', '10.244.1.5/24');
    node.removeDevice('veth00000001');
    expect(ns.device('eth0')).toBeUndefined();
    expect(bridge.ports.size).toBe(0);
    expect(bridge.fdb.has('02:00:00:00:00:02')).toBe(false);
    expect(renderIpRoute(ns)).toBe('');
  });

  it('refuses a second listener on a taken address and port', () => {
    const ns = pod();
    ns.listen('tcp', '0.0.0.0', 80, () => 'ok', 'nginx');
    expect(() => ns.listen('tcp', '10.244.1.5', 80, () => 'ok', 'httpd')).toThrow('bind: Address already in use');
    expect(() => ns.listen('udp', '0.0.0.0', 80, () => 'ok', 'dns')).not.toThrow();
  });

  it('hands out ephemeral ports in order, wrapping at the end of the range', () => {
    const ns = pod();
    expect([ns.ephemeralPort(), ns.ephemeralPort()]).toEqual([32768, 32769]);
    for (let port = 32770; port <= 60999; port++) ns.ephemeralPort();
    expect(ns.ephemeralPort()).toBe(32768);
  });
});
