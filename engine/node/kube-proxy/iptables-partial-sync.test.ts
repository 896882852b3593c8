// Partial syncs against full ones: random-ish Service and EndpointSlice changes are synced partially into one set of
// tables (iptables-restore --noflush), and after every step `iptables-save` must print exactly what a full sync of
// the same state prints from fresh tables.

import { describe, expect, it } from 'vitest';
import { Iptables } from '../../network/netfilter/iptables.ts';
import { iptablesSync } from './iptables-rules.ts';
import { buildProxierState, newProxierCaches } from './proxier-state.ts';
import { makeService, makeSlice, readyEndpoints } from './test-objects.ts';
import type { EndpointSlice, ProxierOptions, ProxyNode, Service } from './types.ts';

const node: ProxyNode = { name: 'node-1', addresses: ['192.168.49.2'] };
const options: ProxierOptions = { mode: 'iptables', clusterCIDR: '10.244.0.0/16' };
const SERVICES = 16;

/** A small deterministic generator (LCG), so a failure replays. */
function random(seed: number): (n: number) => number {
  let state = seed;
  return (n) => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state % n;
  };
}

function serviceOf(i: number, variant: number): Service {
  const name = `svc-${i}`;
  const clusterIP = `10.96.0.${i + 10}`;
  switch (variant % 5) {
    case 0:
      return makeService('default', name, { clusterIP });
    case 1:
      return makeService('default', name, {
        clusterIP,
        type: 'NodePort',
        ports: [{ name: 'p80', port: 80, protocol: 'TCP', nodePort: 30000 + i }],
      });
    case 2:
      return makeService(
        'default',
        name,
        {
          clusterIP,
          type: 'LoadBalancer',
          externalTrafficPolicy: 'Local',
          healthCheckNodePort: 32000 + i,
          ports: [{ name: 'p80', port: 80, protocol: 'TCP', nodePort: 31000 + i }],
          loadBalancerSourceRanges: ['203.0.113.0/24'],
        },
        [`198.51.100.${i}`],
      );
    case 3:
      return makeService('default', name, { clusterIP, externalIPs: [`192.0.2.${i}`], sessionAffinity: 'ClientIP' });
    default:
      return makeService('default', name, { clusterIP, internalTrafficPolicy: 'Local' });
  }
}

function sliceOf(i: number, endpoints: number, generation: number): EndpointSlice {
  const ips = Array.from({ length: endpoints }, (_, e) => `10.244.${e % 3}.${(i * 7 + e + generation) % 250}`);
  const slice = makeSlice('default', `svc-${i}`, readyEndpoints(ips));
  slice.endpoints!.forEach((ep, e) => (ep.nodeName = e % 2 === 0 ? 'node-1' : 'node-2'));
  return slice;
}

function restored(text: string, into = new Iptables()): Iptables {
  const result = into.restore(text, { noflush: true });
  if (!result.ok) throw new Error(`${result.error}: ${result.detail}`);
  return into;
}

describe('iptables partial sync', () => {
  it('leaves the tables as a full sync of the same state would, step after step', () => {
    const pick = random(42);
    const services = new Map<number, Service>();
    const slices = new Map<number, EndpointSlice>();
    for (let i = 0; i < SERVICES / 2; i++) {
      services.set(i, serviceOf(i, i));
      slices.set(i, sliceOf(i, 1 + (i % 3), 0));
    }
    const caches = newProxierCaches();
    const tables = new Iptables();
    let full = iptablesSync(buildProxierState(node, services.values(), slices.values(), caches), options);
    restored(full.restoreText, tables);
    let active: Set<string> = full.activeNatChains;
    let partialLines = 0;
    let fullLines = 0;

    for (let step = 1; step <= 60; step++) {
      const changed = new Set<string>();
      for (let n = 1 + pick(3); n > 0; n--) {
        const i = pick(SERVICES);
        changed.add(`default/svc-${i}`);
        const change = pick(5);
        if (!services.has(i) || change === 0) {
          services.set(i, serviceOf(i, pick(5)));
          slices.set(i, sliceOf(i, 1 + pick(3), step));
        } else if (change === 1) {
          services.delete(i);
          slices.delete(i);
        } else if (change === 2) {
          slices.set(i, sliceOf(i, 0, step));
        } else if (change === 3) {
          slices.set(i, sliceOf(i, 1 + pick(4), step));
        } else {
          services.set(i, serviceOf(i, pick(5)));
        }
      }
      const partial = iptablesSync(
        buildProxierState(node, services.values(), slices.values(), caches),
        options,
        active,
        changed,
      );
      restored(partial.restoreText, tables);
      active = partial.activeNatChains;

      full = iptablesSync(buildProxierState(node, services.values(), slices.values()), options);
      expect(tables.save(), `step ${step}`).toBe(restored(full.restoreText).save());
      expect([partial.filterRules, partial.natRules]).toEqual([full.filterRules, full.natRules]);
      partialLines += partial.restoreText.split('\n').length;
      fullLines += full.restoreText.split('\n').length;
    }
    expect(partialLines).toBeLessThan(fullLines);
  });

  it('writes the top-level chains and only the changed Services’ own chains', () => {
    const services = [serviceOf(1, 0), serviceOf(2, 1)];
    const slices = [sliceOf(1, 2, 0), sliceOf(2, 2, 0)];
    const caches = newProxierCaches();
    const first = iptablesSync(buildProxierState(node, services, slices, caches), options);
    slices[1] = sliceOf(2, 1, 0);
    const state = buildProxierState(node, services, slices, caches);
    const text = iptablesSync(state, options, first.activeNatChains, new Set(['default/svc-2'])).restoreText;
    const [one, two] = state.servicePorts.map((info) => info.chains.clusterPolicyChain);
    for (const chain of ['KUBE-SERVICES', 'KUBE-NODEPORTS', 'KUBE-POSTROUTING', 'KUBE-MARK-MASQ', two!]) {
      expect(text).toContain(`:${chain} - [0:0]`);
    }
    expect(text).toContain(`-A KUBE-SERVICES -m comment --comment "default/svc-1:p80 cluster IP"`);
    expect(text).not.toContain(`:${one} `);
    expect(text.match(/^-X KUBE-SEP-/gm)).toHaveLength(1);
  });
});
