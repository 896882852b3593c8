import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../lab/clock.ts';
import { IPTABLES_JUMP_RULES } from '../../node/kube-proxy/iptables-chains.ts';
import type { IpvsState } from '../../node/kube-proxy/ipvs-state.ts';
import { seededRandom } from '../../scheduler/seeded-random.ts';
import { NetworkNamespace } from '../namespace.ts';
import { NetfilterStack } from '../netfilter/netfilter-stack.ts';
import { NetfilterSink } from './netfilter-sink.ts';

function setUp() {
  const stack = new NetfilterStack({ clock: new VirtualClock(0, () => 0), random: seededRandom(1) });
  const namespace = new NetworkNamespace('node/node-1', stack);
  return { stack, namespace, sink: new NetfilterSink(stack, namespace, seededRandom(2)) };
}

function ipvsState(addresses: string[], servers: [string, number][]): IpvsState {
  return {
    dummyDevice: 'kube-ipvs0',
    addresses,
    ipsets: [],
    restoreText: '',
    virtualServers: addresses.map((address) => ({
      protocol: 'TCP',
      address,
      port: 80,
      scheduler: 'rr',
      flags: [],
      timeout: 0,
      service: 'default/web:http',
      realServers: servers.map(([ip, port]) => ({ address: ip, port, weight: 1 })),
    })),
  };
}

describe("kube-proxy's sink over a node's netfilter", () => {
  it('makes the chains the jump rules need and inserts each rule once', () => {
    const { stack, sink } = setUp();
    sink.ensureJumpRules(IPTABLES_JUMP_RULES);
    sink.ensureJumpRules(IPTABLES_JUMP_RULES);
    const nat = stack.iptables.save({ table: 'nat' });
    expect(nat.match(/^-A PREROUTING .*-j KUBE-SERVICES$/gm)).toHaveLength(1);
    expect(nat).toMatch(/^:KUBE-SERVICES - \[0:0\]$/m);
    expect(sink.lastError).toBeUndefined();
  });

  it('keeps the tables and the error when a restore fails, and forgets the error after one applies', () => {
    const { stack, sink } = setUp();
    expect(sink.applyIptables('*nat\n:KUBE-SERVICES - [0:0]\n-A KUBE-SERVICES -j KUBE-NOWHERE\nCOMMIT\n')).toBe(false);
    expect(sink.lastError).toMatch(/^iptables-restore: line 3 failed: /);
    expect(stack.iptables.save({ table: 'nat' })).not.toMatch(/KUBE-SERVICES/);
    expect(sink.applyIptables('*nat\n:KUBE-SERVICES - [0:0]\nCOMMIT\n')).toBe(true);
    expect(sink.lastError).toBeUndefined();
  });

  it('reconciles IPVS virtual and real servers and the addresses on kube-ipvs0', () => {
    const { stack, namespace, sink } = setUp();
    sink.applyIpvs(
      ipvsState(
        ['10.96.0.20', '10.96.0.21'],
        [
          ['10.244.1.2', 80],
          ['10.244.2.2', 80],
        ],
      ),
    );
    expect(stack.ipvs.getVirtualServers().map((vs) => vs.address)).toEqual(['10.96.0.20', '10.96.0.21']);
    sink.applyIpvs(ipvsState(['10.96.0.20'], [['10.244.2.2', 80]]));
    expect(stack.ipvs.getVirtualServers().map((vs) => vs.address)).toEqual(['10.96.0.20']);
    const key = { protocol: 'tcp' as const, address: '10.96.0.20', port: 80 };
    expect(stack.ipvs.getRealServers(key).map((rs) => rs.address)).toEqual(['10.244.2.2']);
    expect(namespace.device('kube-ipvs0')?.addresses.map((a) => `${a.text}/${a.prefix}`)).toEqual(['10.96.0.20/32']);
    expect(namespace.localAddresses.has('10.96.0.21')).toBe(false);
  });
});
