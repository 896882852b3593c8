import { describe, expect, it } from 'vitest';
import { iptablesSync } from './iptables-rules.ts';
import { buildProxierState, newProxierCaches } from './proxier-state.ts';
import { makeService, makeSlice, readyEndpoints } from './test-objects.ts';
import type { ProxierOptions } from './types.ts';

const node = { name: 'node-1', addresses: ['192.168.49.2'] };
const options: ProxierOptions = { mode: 'iptables', clusterCIDR: '10.244.0.0/16' };
const services = [
  makeService('default', 'web', { clusterIP: '10.96.0.10' }),
  makeService('default', 'api', { clusterIP: '10.96.0.11' }),
];
const slices = [
  makeSlice('default', 'web', readyEndpoints(['10.244.1.5', '10.244.2.5'])),
  makeSlice('default', 'api', readyEndpoints(['10.244.1.6'])),
];

function freshSync(sliceList = slices) {
  return iptablesSync(buildProxierState(node, services, sliceList), options).restoreText;
}

describe('syncs that reuse what did not change', () => {
  it('write the same restore text as a proxier that starts afresh', () => {
    const caches = newProxierCaches();
    const first = iptablesSync(buildProxierState(node, services, slices, caches), options);
    const again = iptablesSync(buildProxierState(node, services, slices, caches), options, first.activeNatChains);
    const fresh = iptablesSync(buildProxierState(node, services, slices), options);
    expect(again.restoreText).toBe(fresh.restoreText);
    expect([again.filterRules, again.natRules, again.natChains]).toEqual([
      fresh.filterRules,
      fresh.natRules,
      fresh.natChains,
    ]);
  });

  it('write a changed slice anew and keep the rest', () => {
    const caches = newProxierCaches();
    const first = iptablesSync(buildProxierState(node, services, slices, caches), options);
    const changed = [slices[0]!, makeSlice('default', 'api', readyEndpoints(['10.244.3.7']))];
    const next = iptablesSync(buildProxierState(node, services, changed, caches), options, first.activeNatChains);
    expect(next.restoreText).toContain('--to-destination 10.244.3.7:80');
    expect(next.restoreText).not.toContain('--to-destination 10.244.1.6:80');
    expect(next.restoreText).toMatch(/^-X KUBE-SEP-[A-Z0-9]{16}$/m);
    expect(next.restoreText.split('\n').filter((line) => line.includes('10.244.2.5'))).toEqual(
      freshSync(changed)
        .split('\n')
        .filter((line) => line.includes('10.244.2.5')),
    );
  });

  it('write the rules again when the node settings change', () => {
    const caches = newProxierCaches();
    iptablesSync(buildProxierState(node, services, slices, caches), options);
    const masqueradeAll = iptablesSync(buildProxierState(node, services, slices, caches), {
      ...options,
      masqueradeAll: true,
    });
    expect(masqueradeAll.restoreText).toBe(
      iptablesSync(buildProxierState(node, services, slices), { ...options, masqueradeAll: true }).restoreText,
    );
  });
});
