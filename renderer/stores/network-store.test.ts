// @vitest-environment happy-dom
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setHostClient } from '../services/host.ts';
import { FakeHostClient, settle } from '../testing/fake-host-client.ts';
import { HOPS, IPTABLES_SAVE, TOPOLOGY, TRACE } from '../testing/network-fixture.ts';
import { PLAY_INTERVAL_MS, useNetworkStore } from './network-store.ts';

function start() {
  const client = new FakeHostClient()
    .openStreams()
    .on('network.topology', () => TOPOLOGY)
    .on('network.trace', () => TRACE)
    .on('network.rules', () => ({ iptablesSave: IPTABLES_SAVE, ipvs: '' }));
  setHostClient(client);
  setActivePinia(createPinia());
  return { client, store: useNetworkStore() };
}

describe('the network store', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => {
    vi.useRealTimers();
    setHostClient(undefined);
  });

  it('fetches the topology while followed, again when Services change, and stops watching after', async () => {
    const { client, store } = start();
    const stop = store.follow();
    await settle();
    expect(store.topology).toEqual(TOPOLOGY);
    const watched = client.callsOf('watch.open').map((p) => (p as { ref: { resource: string } }).ref.resource);
    expect(watched).toEqual(expect.arrayContaining(['services', 'endpointslices']));
    const services = `s${watched.indexOf('services') + 1}`;
    client.push(services, { kind: 'watch', type: 'ADDED', object: { metadata: { name: 'x', namespace: 'default' } } });
    vi.advanceTimersByTime(100);
    await settle();
    expect(client.callsOf('network.topology')).toHaveLength(1);
    vi.advanceTimersByTime(500);
    await settle();
    expect(client.callsOf('network.topology')).toHaveLength(2);
    stop();
    expect(client.callsOf('stream.close').length).toBeGreaterThanOrEqual(2);
  });

  it('traces from the form and walks the hops: step, back, and the rules of the node a rule hop is on', async () => {
    const { client, store } = start();
    await store.refresh();
    store.from = 'pod/default/client';
    store.to = ' http://web/ ';
    await store.runTrace();
    expect(client.callsOf('network.trace')).toEqual([{ from: 'pod/default/client', to: 'http://web/' }]);
    expect(store.current?.hop).toEqual(HOPS[0]);
    expect(store.focus).toEqual({ netns: 'pod/default/client', devices: [] });
    store.step(5);
    await settle();
    expect(store.ruleNode).toBe('node-1');
    expect(client.callsOf('network.rules')).toEqual([{ node: 'node-1' }]);
    expect(store.rules.get('node-1')?.iptablesSave).toBe(IPTABLES_SAVE);
    store.step(1);
    expect([...store.chosen]).toEqual(['10.244.2.2:80']);
    store.step(-100);
    expect(store.position).toBe(0);
    store.withLookups = true;
    await settle();
    expect(store.steps[0]?.section).toMatch(/^DNS query 1/);
  });

  it('plays to the last hop and stops there', async () => {
    const { store } = start();
    store.from = 'pod/default/client';
    store.to = 'http://web/';
    await store.runTrace();
    store.play();
    expect(store.playing).toBe(true);
    vi.advanceTimersByTime(PLAY_INTERVAL_MS * (HOPS.length + 2));
    expect(store.position).toBe(HOPS.length - 1);
    expect(store.playing).toBe(false);
  });

  it("replays a program's request as it was kept", async () => {
    const { client, store } = start();
    const lookup = TRACE.lookups[0]!;
    const { hops: _hops, ...request } = lookup;
    client
      .on('network.requests', () => ({ items: [{ ...request, time: '2026-11-23T17:00:00.000Z', hopCount: 1 }] }))
      .on('network.request', () => lookup);
    await store.loadRequests();
    expect(store.requests.map((r) => r.id)).toEqual([1]);
    await store.replay(1);
    expect(client.callsOf('network.request')).toEqual([{ id: 1 }]);
    expect(store.trace).toMatchObject({ phase: 'Succeeded', protocol: 'udp', port: 53, result: 'client: ok' });
    expect({ from: store.from, to: store.to, hops: store.steps.length }).toEqual({
      from: 'pod/default/client',
      to: '10.96.0.10:53',
      hops: 1,
    });
  });

  it("shows the host's error when a target does not parse", async () => {
    const { client, store } = start();
    client.on('network.trace', () => {
      throw new Error('to: Invalid value');
    });
    store.from = 'pod/default/client';
    store.to = 'http://';
    await store.runTrace();
    expect(store.traceError).toBe('to: Invalid value');
    expect(store.tracing).toBe(false);
  });

  it('folds pods in the summary except on the way of the trace or when unfolded', async () => {
    const { store } = start();
    await store.refresh();
    expect(store.summarized).toBe(false);
    store.mode = 'summary';
    expect(store.podsShown('node-1')).toBe(false);
    store.toggleNode('node-1');
    expect(store.podsShown('node-1')).toBe(true);
    store.from = 'pod/default/client';
    store.to = 'http://web/';
    await store.runTrace();
    expect(store.podsShown('node-2')).toBe(true);
  });
});
