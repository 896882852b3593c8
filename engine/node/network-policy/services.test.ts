import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../lab/clock.ts';
import { overlayMode } from '../../network/topology/overlay.ts';
import { routedMode } from '../../network/topology/routed.ts';
import { makeService, makeSlice, readyEndpoints } from '../kube-proxy/test-objects.ts';
import { enforcementLab } from './enforcement-lab.ts';
import { makePolicy } from './test-objects.ts';
import type { NetworkPolicy } from './types.ts';

// Policies and kube-proxy's iptables rules in the same node stacks: a Service's traffic is DNATed in PREROUTING,
// so FORWARD, where the pod firewalls run, judges it by the endpoint it goes to.

const clocks: VirtualClock[] = [];
afterEach(() => clocks.splice(0).forEach((clock) => clock.dispose()));

const DB_SERVICE = '10.96.0.20';
const EMPTY_SERVICE = '10.96.0.21';

function lab(mode: typeof overlayMode) {
  const clock = new VirtualClock(1_700_000_000_000, () => 0);
  clocks.push(clock);
  const lab = enforcementLab(mode, clock);
  const services = {
    services: [
      makeService('default', 'db', { clusterIP: DB_SERVICE }),
      makeService('default', 'empty', { clusterIP: EMPTY_SERVICE }),
    ],
    slices: [makeSlice('default', 'db', readyEndpoints([lab.ipOf('db')], 'kind-worker2'))],
  };
  return { ...lab, enforce: (policies: NetworkPolicy[]) => lab.enforce(policies, {}, services) };
}

const client = { matchLabels: { app: 'client' } };
const db = { matchLabels: { app: 'db' } };
const egressTo = (to: object[]) =>
  makePolicy('default', 'client-egress', { podSelector: client, policyTypes: ['Egress'], egress: [{ to }] });

describe.each([overlayMode, routedMode])('Services under NetworkPolicy in $name mode', (mode) => {
  it.each<[string, NetworkPolicy[], string, string]>([
    ['without a policy the ClusterIP answers', [], DB_SERVICE, 'ok'],
    [
      'egress allowed to the endpoint pod reaches it through the ClusterIP',
      [egressTo([{ podSelector: db }])],
      DB_SERVICE,
      'ok',
    ],
    [
      'egress allowed to the ClusterIP range only does not: the endpoint is judged',
      [egressTo([{ ipBlock: { cidr: '10.96.0.0/12' } }])],
      DB_SERVICE,
      'ETIMEDOUT',
    ],
    [
      'ingress denied at the endpoint blocks the ClusterIP too',
      [makePolicy('default', 'deny-db', { podSelector: db })],
      DB_SERVICE,
      'ETIMEDOUT',
    ],
    [
      'a Service without endpoints still refuses a pod whose egress policy lets it go anywhere',
      [egressTo([{ ipBlock: { cidr: '0.0.0.0/0' } }])],
      EMPTY_SERVICE,
      'ECONNREFUSED',
    ],
  ])('%s', (_description, policies, address, expected) => {
    const { enforce, request } = lab(mode);
    enforce(policies);
    expect(request('client', address)).toBe(expected);
  });
});
