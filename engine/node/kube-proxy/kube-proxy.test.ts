import { afterEach, describe, expect, it } from 'vitest';
import { MemoryInformer } from '../../client/testing/memory-informer.ts';
import { VirtualClock } from '../../lab/clock.ts';
import type { IpvsState } from './ipvs-state.ts';
import type { ProxyRulesSink } from './kube-proxy.ts';
import { KubeProxy } from './kube-proxy.ts';
import { makeService, makeSlice, readyEndpoints } from './test-objects.ts';
import type { JumpRule } from './iptables-chains.ts';
import type { ProxyMode } from './types.ts';

class RecordingSink implements ProxyRulesSink {
  readonly iptables: string[] = [];
  readonly ipvs: IpvsState[] = [];
  readonly jumps: (readonly JumpRule[])[] = [];
  /** Whether the next restore fails. */
  failNext = false;
  applyIptables(restoreText: string): boolean {
    this.iptables.push(restoreText);
    const ok = !this.failNext;
    this.failNext = false;
    return ok;
  }
  applyIpvs(state: IpvsState): void {
    this.ipvs.push(state);
  }
  ensureJumpRules(rules: readonly JumpRule[]): void {
    this.jumps.push(rules);
  }
}

const clocks: VirtualClock[] = [];
afterEach(() => clocks.splice(0).forEach((clock) => clock.dispose()));

async function startProxy(mode: ProxyMode = 'iptables') {
  const clock = new VirtualClock(1_700_000_000_000, () => 0);
  clocks.push(clock);
  const services = new MemoryInformer();
  const endpointSlices = new MemoryInformer();
  const sink = new RecordingSink();
  const proxy = new KubeProxy({
    node: { name: 'node-1', addresses: ['192.168.49.2'] },
    clock,
    informers: { services, endpointSlices },
    sink,
    proxier: { mode, clusterCIDR: '10.244.0.0/16' },
  });
  await proxy.start();
  return { clock, services, endpointSlices, sink, proxy };
}

const web = makeService('default', 'web', { clusterIP: '10.96.0.10' });
const webSlice = makeSlice('default', 'web', readyEndpoints(['10.244.1.5']));

describe('KubeProxy', () => {
  it('syncs once when its informers have synced, ensuring the jump rules first', async () => {
    const { sink } = await startProxy();
    expect(sink.iptables).toHaveLength(1);
    expect(sink.jumps).toHaveLength(1);
    expect(sink.jumps[0]?.some((rule) => rule.chain === 'PREROUTING')).toBe(true);
  });

  it('programs a new Service and its endpoints after the change, folding changes of one moment into one sync', async () => {
    const { clock, services, endpointSlices, sink } = await startProxy();
    services.upsert(web);
    endpointSlices.upsert(webSlice);
    expect(sink.iptables).toHaveLength(1);
    clock.step(0);
    expect(sink.iptables).toHaveLength(2);
    expect(sink.iptables[1]).toContain('--to-destination 10.244.1.5:80');
    expect(sink.jumps).toHaveLength(1);
  });

  it('holds syncs to the minimum sync period after a burst of two', async () => {
    const { clock, services, sink } = await startProxy();
    // The initial sync took no token; two bursts are allowed, then one per second.
    services.upsert(makeService('default', 'a', { clusterIP: '10.96.0.11' }));
    clock.step(0);
    services.upsert(makeService('default', 'b', { clusterIP: '10.96.0.12' }));
    clock.step(0);
    services.upsert(makeService('default', 'c', { clusterIP: '10.96.0.13' }));
    clock.step(0);
    expect(sink.iptables).toHaveLength(3);
    clock.step(999);
    expect(sink.iptables).toHaveLength(3);
    clock.step(1);
    expect(sink.iptables).toHaveLength(4);
    expect(sink.iptables[3]).toContain('default/c:p80 has no endpoints');
  });

  it('deletes the chains of a Service that went away', async () => {
    const { clock, services, endpointSlices, sink } = await startProxy();
    services.upsert(web);
    endpointSlices.upsert(webSlice);
    clock.step(0);
    services.delete(web);
    endpointSlices.delete(webSlice);
    clock.step(0);
    const last = sink.iptables.at(-1) ?? '';
    expect(last).toMatch(/^-X KUBE-SVC-[A-Z0-9]{16}$/m);
    expect(last).toMatch(/^-X KUBE-SEP-[A-Z0-9]{16}$/m);
  });

  it('syncs partially after the first sync, in full again after a failed restore and after FullSyncPeriod', async () => {
    const { clock, services, endpointSlices, sink, proxy } = await startProxy();
    const other = makeService('default', 'other', { clusterIP: '10.96.0.20' });
    services.upsert(web);
    services.upsert(other);
    endpointSlices.upsert(webSlice);
    endpointSlices.upsert(makeSlice('default', 'other', readyEndpoints(['10.244.1.9'])));
    clock.step(0);
    endpointSlices.upsert(makeSlice('default', 'web', readyEndpoints(['10.244.1.6'])));
    clock.step(1000);
    const partial = sink.iptables.at(-1) ?? '';
    expect(partial).toContain('--to-destination 10.244.1.6:80');
    expect(partial).toContain('default/other:p80 cluster IP');
    expect(partial).not.toContain('--to-destination 10.244.1.9:80');
    expect(proxy.metrics).toMatchObject({ fullSyncs: 1, partialSyncs: 2, partialRestoreFailures: 0 });
    expect(sink.jumps).toHaveLength(1);

    sink.failNext = true;
    services.upsert(makeService('default', 'third', { clusterIP: '10.96.0.30' }));
    clock.step(1000);
    expect(proxy.metrics).toMatchObject({ fullSyncs: 1, partialSyncs: 3, partialRestoreFailures: 1 });
    proxy.syncProxyRules();
    expect(sink.iptables.at(-1)).toContain('--to-destination 10.244.1.9:80');
    expect(proxy.metrics).toMatchObject({ fullSyncs: 2, partialSyncs: 3 });
    expect(sink.jumps).toHaveLength(2);

    // The periodic sync an hour after start comes less than an hour after that full sync; the next one is full.
    clock.step(2 * 3_600_000);
    expect(proxy.metrics).toMatchObject({ fullSyncs: 3, partialSyncs: 4 });
  });

  it('records the network programming latency from the slice trigger time to the sync', async () => {
    const { clock, endpointSlices, services, proxy } = await startProxy();
    services.upsert(web);
    clock.step(0);
    const before = proxy.metrics.networkProgrammingLatency.count;
    const triggered = new Date(clock.now() - 2000).toISOString();
    endpointSlices.upsert({
      ...webSlice,
      metadata: {
        ...webSlice.metadata,
        annotations: { 'endpoints.kubernetes.io/last-change-trigger-time': triggered },
      },
    });
    const changedAt = clock.now();
    clock.step(1000);
    // The sync runs at once (a token is free), two seconds after the trigger time.
    const histogram = proxy.metrics.networkProgrammingLatency;
    expect(histogram.count).toBe(before + 1);
    expect(histogram.sum).toBeCloseTo(2, 3);
    expect(histogram.counts[histogram.buckets.indexOf(2)]).toBe(histogram.count);
    expect(histogram.counts[histogram.buckets.indexOf(1)]).toBe(before);
    expect(proxy.metrics.lastSyncTime).toBe(changedAt);
  });

  it('hands the IPVS state and its iptables rules to the sink in IPVS mode', async () => {
    const { clock, services, endpointSlices, sink } = await startProxy('ipvs');
    services.upsert(web);
    endpointSlices.upsert(webSlice);
    clock.step(0);
    expect(sink.ipvs.at(-1)?.virtualServers.map((vs) => vs.realServers.length)).toEqual([1]);
    expect(sink.iptables.at(-1)).toContain('KUBE-CLUSTER-IP');
  });

  it('stops syncing once stopped', async () => {
    const { clock, services, sink, proxy } = await startProxy();
    proxy.stop();
    services.upsert(web);
    clock.step(5000);
    expect(sink.iptables).toHaveLength(1);
  });
});
