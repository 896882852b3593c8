import { describe, expect, it } from 'vitest';
import { acceptAll } from './accept-all-filter.ts';
import { BridgeDevice, createVethPair } from './device.ts';
import type { VethDevice } from './device.ts';
import { parseIPv4 } from './ip.ts';
import { announce, arp, forget } from './link-layer.ts';
import { NetworkNamespace } from './namespace.ts';

/** A node with cni0 (10.244.1.1/24) and two pods behind it. */
function bridged() {
  const node = new NetworkNamespace('node/kind-worker', acceptAll);
  const bridge = new BridgeDevice('cni0', '02:00:00:00:00:0b', 1450);
  node.addDevice(bridge);
  node.addAddress('cni0', '10.244.1.1/24');
  const pods = [1, 2].map((n) => {
    const ns = new NetworkNamespace(`pod/default/p${n}`, acceptAll);
    const [inside, outside] = createVethPair(
      { name: 'eth0', mac: `02:00:00:00:01:0${n}` },
      { name: `veth0000000${n}`, mac: `02:00:00:00:02:0${n}` },
      1450,
    );
    ns.addDevice(inside);
    node.addDevice(outside);
    bridge.attach(outside);
    ns.addAddress('eth0', `10.244.1.${n + 1}/24`);
    return { ns, eth0: inside as VethDevice, host: outside };
  });
  return { node, bridge, pods };
}

describe('ARP and bridge learning', () => {
  it('resolves the gateway on the bridge and teaches the bridge the asker’s port', () => {
    const { bridge, pods } = bridged();
    expect(arp(pods[0]!.eth0, parseIPv4('10.244.1.1')!)).toBe('02:00:00:00:00:0b');
    expect(pods[0]!.eth0.neighbours.get(parseIPv4('10.244.1.1')!)).toEqual({
      mac: '02:00:00:00:00:0b',
      state: 'REACHABLE',
    });
    expect(bridge.fdb.get('02:00:00:00:01:01')).toEqual({ port: pods[0]!.host, permanent: false });
  });

  it('resolves another pod behind the bridge, learning both MACs', () => {
    const { bridge, pods } = bridged();
    expect(arp(pods[0]!.eth0, parseIPv4('10.244.1.3')!)).toBe('02:00:00:00:01:02');
    expect(bridge.fdb.get('02:00:00:00:01:02')?.port).toBe(pods[1]!.host);
    expect(bridge.fdb.get('02:00:00:00:01:01')?.port).toBe(pods[0]!.host);
  });

  it('resolves a pod from the bridge itself', () => {
    const { bridge, pods } = bridged();
    expect(arp(bridge, parseIPv4('10.244.1.2')!)).toBe('02:00:00:00:01:01');
    expect(bridge.fdb.get('02:00:00:00:01:01')?.port).toBe(pods[0]!.host);
  });

  it('records FAILED when nobody has the address', () => {
    const { bridge } = bridged();
    expect(arp(bridge, parseIPv4('10.244.1.9')!)).toBeUndefined();
    expect(bridge.neighbours.get(parseIPv4('10.244.1.9')!)).toEqual({ mac: undefined, state: 'FAILED' });
  });

  it('updates the neighbours’ entries on a gratuitous ARP, and drops them when the owner leaves', () => {
    const { bridge, pods } = bridged();
    const ip = parseIPv4('10.244.1.2')!;
    bridge.neighbours.set(ip, { mac: '02:00:00:00:09:09', state: 'STALE' });
    announce(pods[0]!.eth0, ip);
    expect(bridge.neighbours.get(ip)).toEqual({ mac: '02:00:00:00:01:01', state: 'REACHABLE' });
    forget(pods[0]!.eth0, ip);
    expect(bridge.neighbours.has(ip)).toBe(false);
  });
});
