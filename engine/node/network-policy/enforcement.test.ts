import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../lab/clock.ts';
import type { TraceHop } from '../../network/packet.ts';
import type { InterNodeMode } from '../../network/topology/inter-node-mode.ts';
import { overlayMode } from '../../network/topology/overlay.ts';
import { routedMode } from '../../network/topology/routed.ts';
import { W1, W2, enforcementLab } from './enforcement-lab.ts';
import { makePolicy } from './test-objects.ts';
import type { NetworkPolicy } from './types.ts';

const clocks: VirtualClock[] = [];
afterEach(() => clocks.splice(0).forEach((clock) => clock.dispose()));

function lab(mode: InterNodeMode = overlayMode) {
  const clock = new VirtualClock(1_700_000_000_000, () => 0);
  clocks.push(clock);
  return enforcementLab(mode, clock);
}

const web = { matchLabels: { app: 'web' } };
const db = { matchLabels: { app: 'db' } };
const client = { matchLabels: { app: 'client' } };
const denyIngress = makePolicy('default', 'deny-ingress', { podSelector: {}, policyTypes: ['Ingress'] });
const denyEgress = (podSelector = {}) => makePolicy('default', 'deny-egress', { podSelector, policyTypes: ['Egress'] });
const allowIngress = (podSelector: object, ingress: NonNullable<NetworkPolicy['spec']>['ingress']) =>
  makePolicy('default', 'allow-ingress', { podSelector, policyTypes: ['Ingress'], ingress });
const allowEgress = (podSelector: object, egress: NonNullable<NetworkPolicy['spec']>['egress']) =>
  makePolicy('default', 'allow-egress', { podSelector, policyTypes: ['Egress'], egress });

type Case = [description: string, policies: NetworkPolicy[], from: string, to: string, port: number, expected: string];

const cases: Case[] = [
  ['no policy: every pod reaches every pod', [], 'probe', 'web', 80, 'ok'],
  ['default deny: a pod on the same node times out', [denyIngress], 'client', 'web', 80, 'ETIMEDOUT'],
  ['default deny: a pod on another node times out', [denyIngress], 'client', 'db', 80, 'ETIMEDOUT'],
  ['default deny of namespace default leaves namespace blue open', [denyIngress], 'client', 'probe', 80, 'ok'],
  [
    'a podSelector peer is let in on the same node',
    [denyIngress, allowIngress(web, [{ from: [{ podSelector: client }] }])],
    'client',
    'web',
    80,
    'ok',
  ],
  [
    'a podSelector peer is let in across nodes',
    [allowIngress(db, [{ from: [{ podSelector: client }] }])],
    'client',
    'db',
    80,
    'ok',
  ],
  [
    'a pod the podSelector does not name times out',
    [allowIngress(db, [{ from: [{ podSelector: web }] }])],
    'client',
    'db',
    80,
    'ETIMEDOUT',
  ],
  [
    'a podSelector peer names pods of the policy’s namespace only',
    [allowIngress(web, [{ from: [{ podSelector: { matchLabels: { app: 'probe' } } }] }])],
    'probe',
    'web',
    80,
    'ETIMEDOUT',
  ],
  [
    'a namespaceSelector peer lets in the selected namespace’s pods',
    [allowIngress(web, [{ from: [{ namespaceSelector: { matchLabels: { team: 'blue' } } }] }])],
    'probe',
    'web',
    80,
    'ok',
  ],
  [
    'a namespaceSelector peer keeps out other namespaces',
    [allowIngress(web, [{ from: [{ namespaceSelector: { matchLabels: { team: 'blue' } } }] }])],
    'client',
    'web',
    80,
    'ETIMEDOUT',
  ],
  [
    'namespaceSelector and podSelector in one peer must both match',
    [
      allowIngress(web, [
        {
          from: [{ namespaceSelector: { matchLabels: { team: 'blue' } }, podSelector: { matchLabels: { app: 'x' } } }],
        },
      ]),
    ],
    'probe',
    'web',
    80,
    'ETIMEDOUT',
  ],
  [
    'an ipBlock lets in its addresses',
    [allowIngress(web, [{ from: [{ ipBlock: { cidr: '10.244.2.0/24' } }] }])],
    'db',
    'web',
    80,
    'ok',
  ],
  [
    'an ipBlock keeps out its excepted addresses',
    [allowIngress(web, [{ from: [{ ipBlock: { cidr: '10.244.0.0/16', except: ['10.244.2.0/24'] } }] }])],
    'db',
    'web',
    80,
    'ETIMEDOUT',
  ],
  [
    'an ipBlock with except still lets in the rest of its range',
    [allowIngress(web, [{ from: [{ ipBlock: { cidr: '10.244.0.0/16', except: ['10.244.2.0/24'] } }] }])],
    'client',
    'web',
    80,
    'ok',
  ],
  ['a numeric port lets in that port', [allowIngress(web, [{ ports: [{ port: 8080 }] }])], 'client', 'web', 8080, 'ok'],
  [
    'a numeric port keeps out the others',
    [allowIngress(web, [{ ports: [{ port: 8080 }] }])],
    'client',
    'web',
    80,
    'ETIMEDOUT',
  ],
  [
    'a port range (endPort) lets in the ports it spans',
    [allowIngress(web, [{ ports: [{ port: 8000, endPort: 8100 }] }])],
    'client',
    'web',
    8080,
    'ok',
  ],
  [
    'a UDP port does not let in TCP',
    [allowIngress(web, [{ ports: [{ port: 80, protocol: 'UDP' }] }])],
    'client',
    'web',
    80,
    'ETIMEDOUT',
  ],
  [
    'a named ingress port is the selected pod’s port of that name',
    [allowIngress({}, [{ ports: [{ port: 'http' }] }])],
    'client',
    'db',
    8080,
    'ok',
  ],
  [
    'a named ingress port keeps out the pod’s other ports',
    [allowIngress({}, [{ ports: [{ port: 'http' }] }])],
    'client',
    'db',
    80,
    'ETIMEDOUT',
  ],
  ['an empty ingress rule lets everything in', [allowIngress(web, [{}])], 'probe', 'web', 80, 'ok'],
  [
    'a policy that selects no pod isolates nothing',
    [allowIngress({ matchLabels: { app: 'none' } }, [])],
    'client',
    'web',
    80,
    'ok',
  ],
  [
    'policies add up: what one of them allows passes',
    [
      allowIngress(web, [{ from: [{ podSelector: db }] }]),
      { ...denyIngress, spec: { ...denyIngress.spec, ingress: [{ from: [{ podSelector: client }] }] } },
    ],
    'client',
    'web',
    80,
    'ok',
  ],
  [
    'default deny egress: the pod cannot reach a pod on its node',
    [denyEgress(client)],
    'client',
    'web',
    80,
    'ETIMEDOUT',
  ],
  ['default deny egress: nor one on another node', [denyEgress(client)], 'client', 'db', 80, 'ETIMEDOUT'],
  ['default deny egress of one pod leaves traffic to it alone', [denyEgress(client)], 'web', 'client', 80, 'ok'],
  ['an egress-isolated pod still answers the connections it accepts', [denyEgress(web)], 'client', 'web', 80, 'ok'],
  [
    'an egress podSelector peer may be reached across nodes',
    [allowEgress(client, [{ to: [{ podSelector: db }] }])],
    'client',
    'db',
    80,
    'ok',
  ],
  [
    'an egress podSelector peer does not open other destinations',
    [allowEgress(client, [{ to: [{ podSelector: db }] }])],
    'client',
    'web',
    80,
    'ETIMEDOUT',
  ],
  [
    'an egress namespaceSelector peer opens that namespace',
    [allowEgress(client, [{ to: [{ namespaceSelector: { matchLabels: { team: 'blue' } } }] }])],
    'client',
    'probe',
    80,
    'ok',
  ],
  [
    'an egress ipBlock opens its range',
    [allowEgress(client, [{ to: [{ ipBlock: { cidr: '10.244.2.0/24' } }] }])],
    'client',
    'db',
    80,
    'ok',
  ],
  [
    'an egress ipBlock keeps its excepted addresses closed',
    [allowEgress(client, [{ to: [{ ipBlock: { cidr: '10.244.0.0/16', except: ['10.244.2.0/24'] } }] }])],
    'client',
    'probe',
    80,
    'ETIMEDOUT',
  ],
  [
    'a named egress port is the destination pod’s port of that name',
    [allowEgress(client, [{ ports: [{ port: 'http' }] }])],
    'client',
    'db',
    8080,
    'ok',
  ],
  [
    'a named egress port does not open other ports',
    [allowEgress(client, [{ ports: [{ port: 'http' }] }])],
    'client',
    'db',
    80,
    'ETIMEDOUT',
  ],
  [
    'both directions must allow: egress allowed, ingress denied',
    [allowEgress(client, [{ to: [{ podSelector: db }] }]), makePolicy('default', 'deny-db', { podSelector: db })],
    'client',
    'db',
    80,
    'ETIMEDOUT',
  ],
  ['a node reaches its own pods under default deny (kubelet probes)', [denyIngress], `node/${W1}`, 'web', 80, 'ok'],
  ['another node does not', [denyIngress], `node/${W2}`, 'web', 80, 'ETIMEDOUT'],
];

describe.each([overlayMode, routedMode])('NetworkPolicy enforcement in $name mode', (mode) => {
  it.each(cases)('%s', (_description, policies, from, to, port, expected) => {
    expect(lab(mode).request(from, to, port)).toBe('ok');
    const { enforce, request } = lab(mode);
    enforce(policies);
    expect(request(from, to, port)).toBe(expected);
  });
});

describe('NetworkPolicy enforcement', () => {
  it('refuses instead of dropping with denyAction REJECT, as kube-router does', () => {
    const { enforce, request } = lab();
    enforce([denyIngress], { denyAction: 'REJECT' });
    expect(request('client', 'db')).toBe('ECONNREFUSED');
  });

  it('shows in the trace the pod firewall rule of the receiving node that dropped the packet', () => {
    const { enforce, request } = lab();
    enforce([denyIngress]);
    const trace: TraceHop[] = [];
    request('client', 'db', 80, trace);
    expect(trace.filter((hop) => hop.kind === 'netfilter' && hop.target === 'DROP')).toEqual([
      expect.objectContaining({
        namespace: `node/${W2}`,
        hook: 'FORWARD',
        rule: expect.stringContaining('"default/db drop"'),
      }),
    ]);
  });

  it('opens again when the policy goes, deleting its chains', () => {
    const { enforce, request, save } = lab();
    enforce([denyIngress]);
    expect(request('client', 'web')).toBe('ETIMEDOUT');
    expect(save(W1)).toContain('KUBE-POD-FW-');
    enforce([]);
    expect(request('client', 'web')).toBe('ok');
    expect(save(W1)).not.toMatch(/KUBE-POD-FW-|KUBE-NWPLCY-[A-Z2-7]{16}/);
  });
});
