import { describe, expect, it } from 'vitest';
import { Iptables } from '../../network/netfilter/iptables.ts';
import { ipBlockChainName, podFirewallChainName, policyChainName } from './chains.ts';
import { networkPolicySync } from './network-policy-rules.ts';
import { makeNamespace, makePod, makePolicy } from './test-objects.ts';
import type { NetworkPolicy, NetworkPolicyRuleOptions, Pod } from './types.ts';

const NODE = 'node-1';
const WEB = makePod({
  name: 'web',
  ip: '10.244.1.5',
  node: NODE,
  labels: { app: 'web' },
  ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
});
const CLIENT = makePod({ name: 'client', ip: '10.244.2.7', node: 'node-2', labels: { app: 'client' } });
const PROBE = makePod({
  namespace: 'blue',
  name: 'probe',
  ip: '10.244.2.9',
  node: 'node-2',
  labels: { app: 'probe' },
  ports: [{ name: 'http', containerPort: 9090, protocol: 'TCP' }],
});
const PODS = [WEB, CLIENT, PROBE];
const NAMESPACES = [makeNamespace('default'), makeNamespace('blue', { team: 'blue' })];

function sync(policies: NetworkPolicy[], options: NetworkPolicyRuleOptions = {}, pods: Pod[] = PODS) {
  return networkPolicySync({ nodeName: NODE, pods, namespaces: NAMESPACES, policies }, options);
}

function rules(policies: NetworkPolicy[], options: NetworkPolicyRuleOptions = {}, pods: Pod[] = PODS): string[] {
  return sync(policies, options, pods)
    .restoreText.split('\n')
    .filter((line) => line.startsWith('-A '));
}

const web = { matchLabels: { app: 'web' } };
const ingress = (spec: NonNullable<NetworkPolicy['spec']>['ingress']) =>
  makePolicy('default', 'p', { podSelector: web, policyTypes: ['Ingress'], ingress: spec });
const egress = (spec: NonNullable<NetworkPolicy['spec']>['egress']) =>
  makePolicy('default', 'p', { podSelector: web, policyTypes: ['Egress'], egress: spec });

const FW = podFirewallChainName('default', 'web');
const IN = policyChainName('default', 'p', 'ingress');
const OUT = policyChainName('default', 'p', 'egress');
const MARK = '-j MARK --set-xmark 0x10000/0x10000';
const RETURN = '-m mark --mark 0x10000/0x10000 -j RETURN';

const SHARED = `*filter
:KUBE-ROUTER-INPUT - [0:0]
:KUBE-ROUTER-FORWARD - [0:0]
:KUBE-ROUTER-OUTPUT - [0:0]
:KUBE-NWPLCY-COMMON - [0:0]
:KUBE-NWPLCY-DEFAULT - [0:0]`;
const SHARED_RULES = `-A KUBE-NWPLCY-COMMON -m comment --comment "rule to drop invalid state for pod" -m conntrack --ctstate INVALID -j DROP
-A KUBE-NWPLCY-COMMON -m comment --comment "rule for stateful firewall for pod" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
-A KUBE-NWPLCY-COMMON -p icmp -m comment --comment "allow icmp echo requests" -j ACCEPT
-A KUBE-NWPLCY-DEFAULT -m comment --comment "rule to mark traffic matching a network policy" -j MARK --set-xmark 0x10000/0x10000`;

describe('networkPolicySync', () => {
  it('writes only the shared chains when no policy selects a pod of the node', () => {
    expect(sync([]).restoreText).toBe(`${SHARED}\n${SHARED_RULES}\nCOMMIT\n`);
  });

  it('writes the whole text for a policy that lets one pod in on one port', () => {
    const policy = ingress([{ from: [{ podSelector: { matchLabels: { app: 'client' } } }], ports: [{ port: 80 }] }]);
    expect(sync([policy]).restoreText).toBe(`${SHARED}
:${IN} - [0:0]
:${FW} - [0:0]
${SHARED_RULES}
-A ${IN} -s 10.244.2.7/32 -p tcp -m comment --comment "default/p ingress from default/client" -m tcp --dport 80 ${MARK}
-A ${IN} -s 10.244.2.7/32 -p tcp -m comment --comment "default/p ingress from default/client" -m tcp --dport 80 ${RETURN}
-A KUBE-ROUTER-FORWARD -d 10.244.1.5/32 -m comment --comment "default/web in" -j ${FW}
-A KUBE-ROUTER-OUTPUT -d 10.244.1.5/32 -m comment --comment "default/web in" -j ${FW}
-A KUBE-ROUTER-FORWARD -s 10.244.1.5/32 -m comment --comment "default/web out" -j ${FW}
-A KUBE-ROUTER-INPUT -s 10.244.1.5/32 -m comment --comment "default/web out" -j ${FW}
-A ${FW} -m comment --comment "common netpol rules" -j KUBE-NWPLCY-COMMON
-A ${FW} -d 10.244.1.5/32 -m comment --comment "from local node" -m addrtype --src-type LOCAL -j ACCEPT
-A ${FW} -d 10.244.1.5/32 -m comment --comment "default/p ingress" -j ${IN}
-A ${FW} -s 10.244.1.5/32 -m comment --comment "default egress" -j KUBE-NWPLCY-DEFAULT
-A ${FW} -m comment --comment "default/web drop" -m mark ! --mark 0x10000/0x10000 -j DROP
-A ${FW} -j MARK --set-xmark 0x0/0x10000
COMMIT
`);
  });

  const block = ipBlockChainName('default', 'p', 'ingress', 0, 0);
  const outBlock = ipBlockChainName('default', 'p', 'egress', 0, 0);
  it.each<[string, NetworkPolicy, string[]]>([
    [
      'an empty rule allows every source and port',
      ingress([{}]),
      [`-A ${IN} -m comment --comment "default/p ingress from any" ${MARK}`],
    ],
    ['a policy without rules allows nothing', ingress([]), []],
    [
      'a namespaceSelector peer expands to the pods of the namespaces it selects',
      ingress([{ from: [{ namespaceSelector: { matchLabels: { team: 'blue' } } }] }]),
      [`-A ${IN} -s 10.244.2.9/32 -m comment --comment "default/p ingress from blue/probe" ${MARK}`],
    ],
    [
      'a peer with both selectors expands to the pods both select',
      ingress([
        {
          from: [
            {
              namespaceSelector: {},
              podSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['client'] }] },
            },
          ],
        },
      ]),
      [`-A ${IN} -s 10.244.2.7/32 -m comment --comment "default/p ingress from default/client" ${MARK}`],
    ],
    [
      'an ipBlock without except is one source',
      ingress([{ from: [{ ipBlock: { cidr: '192.168.0.0/16' } }] }]),
      [`-A ${IN} -s 192.168.0.0/16 -m comment --comment "default/p ingress from 192.168.0.0/16" ${MARK}`],
    ],
    [
      'an ipBlock is written with its host bits cleared',
      ingress([{ from: [{ ipBlock: { cidr: '192.168.1.7/16' } }] }]),
      [`-A ${IN} -s 192.168.0.0/16 -m comment --comment "default/p ingress from 192.168.0.0/16" ${MARK}`],
    ],
    ['an IPv6 ipBlock allows no IPv4 traffic', ingress([{ from: [{ ipBlock: { cidr: 'fd00::/8' } }] }]), []],
    [
      'an IPv6 exception takes nothing from an IPv4 block',
      ingress([{ from: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['fd00::/8'] } }] }]),
      [`-A ${IN} -s 10.0.0.0/8 -m comment --comment "default/p ingress from 10.0.0.0/8" ${MARK}`],
    ],
    [
      'an ipBlock with except jumps to a chain that returns for the excepted ranges first',
      ingress([{ from: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.244.2.0/24'] } }], ports: [{ port: 80 }] }]),
      [
        `-A ${IN} -s 10.0.0.0/8 -m comment --comment "default/p ingress from 10.0.0.0/8 except 10.244.2.0/24" -j ${block}`,
        `-A ${IN} -m comment --comment "default/p ingress from 10.0.0.0/8 except 10.244.2.0/24" ${RETURN}`,
        `-A ${block} -s 10.244.2.0/24 -m comment --comment "default/p ingress except 10.244.2.0/24" -j RETURN`,
        `-A ${block} -p tcp -m comment --comment "default/p ingress from 10.0.0.0/8" -m tcp --dport 80 ${MARK}`,
      ],
    ],
    [
      'a port range becomes --dport first:last',
      ingress([{ ports: [{ protocol: 'UDP', port: 8000, endPort: 8100 }] }]),
      [`-A ${IN} -p udp -m comment --comment "default/p ingress from any" -m udp --dport 8000:8100 ${MARK}`],
    ],
    [
      'a protocol without a port allows all its ports',
      ingress([{ ports: [{ protocol: 'UDP' }] }]),
      [`-A ${IN} -p udp -m comment --comment "default/p ingress from any" ${MARK}`],
    ],
    ['an SCTP port allows nothing the data plane carries', ingress([{ ports: [{ protocol: 'SCTP', port: 80 }] }]), []],
    [
      'a named ingress port is the selected pod’s container port',
      ingress([{ ports: [{ port: 'http' }] }]),
      [
        `-A ${IN} -d 10.244.1.5/32 -p tcp -m comment --comment "default/p ingress from any port http" -m tcp --dport 8080 ${MARK}`,
      ],
    ],
    ['a named port no selected pod has allows nothing', ingress([{ ports: [{ port: 'metrics' }] }]), []],
    [
      'an egress peer is the destination',
      egress([{ to: [{ podSelector: { matchLabels: { app: 'client' } } }] }]),
      [`-A ${OUT} -d 10.244.2.7/32 -m comment --comment "default/p egress to default/client" ${MARK}`],
    ],
    [
      'an egress ipBlock with except returns for destinations in the excepted ranges',
      egress([{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['169.254.0.0/16'] } }] }]),
      [
        `-A ${OUT} -d 0.0.0.0/0 -m comment --comment "default/p egress to 0.0.0.0/0 except 169.254.0.0/16" -j ${outBlock}`,
        `-A ${OUT} -m comment --comment "default/p egress to 0.0.0.0/0 except 169.254.0.0/16" ${RETURN}`,
        `-A ${outBlock} -d 169.254.0.0/16 -m comment --comment "default/p egress except 169.254.0.0/16" -j RETURN`,
        `-A ${outBlock} -m comment --comment "default/p egress to 0.0.0.0/0" ${MARK}`,
      ],
    ],
    [
      'a named egress port is each destination pod’s own port of that name',
      egress([{ ports: [{ port: 'http' }] }]),
      [
        `-A ${OUT} -d 10.244.2.9/32 -p tcp -m comment --comment "default/p egress to blue/probe port http" -m tcp --dport 9090 ${MARK}`,
        `-A ${OUT} -d 10.244.1.5/32 -p tcp -m comment --comment "default/p egress to default/web port http" -m tcp --dport 8080 ${MARK}`,
      ],
    ],
    [
      'a named egress port to an ipBlock covers the pods in the block',
      egress([{ to: [{ ipBlock: { cidr: '10.244.2.0/24' } }], ports: [{ port: 'http' }] }]),
      [
        `-A ${OUT} -d 10.244.2.9/32 -p tcp -m comment --comment "default/p egress to blue/probe port http" -m tcp --dport 9090 ${MARK}`,
      ],
    ],
  ])('%s', (_description, policy, expected) => {
    const chains = new Set([IN, OUT, block, outBlock]);
    const lines = rules([policy]);
    const marks = lines.filter((line) => chains.has(line.split(' ')[1]!) && line.endsWith(MARK));
    expect(marks).toEqual(expected.filter((line) => line.endsWith(MARK)));
    for (const line of expected) expect(lines).toContain(line);
    expect(new Iptables().restore(sync([policy]).restoreText, { noflush: true })).toEqual({ ok: true });
  });

  it.each<[string, NetworkPolicy, 'ingress' | 'egress']>([
    ['policyTypes left out and no egress rules: ingress', makePolicy('default', 'p', { podSelector: web }), 'ingress'],
    [
      'policyTypes left out with egress rules: egress too',
      makePolicy('default', 'p', { podSelector: web, egress: [{}] }),
      'egress',
    ],
    ['policyTypes Egress only', makePolicy('default', 'p', { podSelector: web, policyTypes: ['Egress'] }), 'egress'],
  ])('isolates the pod as %s says', (_description, policy, direction) => {
    const chain = policyChainName('default', 'p', direction);
    const field = direction === 'ingress' ? '-d' : '-s';
    expect(rules([policy])).toContain(
      `-A ${FW} ${field} 10.244.1.5/32 -m comment --comment "default/p ${direction}" -j ${chain}`,
    );
  });

  it('writes no pod firewall for pods of other nodes, nor chains for policies that select none here', () => {
    const policy = makePolicy('default', 'p', { podSelector: { matchLabels: { app: 'client' } } });
    expect(sync([policy]).restoreText).toBe(`${SHARED}\n${SHARED_RULES}\nCOMMIT\n`);
  });

  it.each<[string, Partial<Parameters<typeof makePod>[0]>]>([
    ['a hostNetwork pod', { hostNetwork: true }],
    ['a pod that finished', { phase: 'Succeeded' }],
    ['a pod without an IP yet', { ip: '' }],
  ])('neither filters nor names %s', (_description, change) => {
    const pod = makePod({ name: 'web', ip: '10.244.1.5', node: NODE, labels: { app: 'web' }, ...change });
    const policy = ingress([{ from: [{ podSelector: web }] }]);
    expect(rules([policy], {}, [pod, CLIENT]).join('\n')).not.toContain('10.244.1.5');
  });

  it('rejects instead of dropping with denyAction REJECT, and lets ClusterIP ranges through INPUT', () => {
    const lines = rules([ingress([])], { denyAction: 'REJECT', serviceClusterIPRanges: ['10.96.0.0/12'] });
    expect(lines).toContain(
      `-A ${FW} -m comment --comment "default/web reject" -m mark ! --mark 0x10000/0x10000 -j REJECT`,
    );
    expect(lines[4]).toBe(
      '-A KUBE-ROUTER-INPUT -d 10.96.0.0/12 -m comment --comment "allow traffic to primary/secondary cluster IP range" -j RETURN',
    );
  });

  it('flushes and deletes the chains of an earlier sync that are no longer used, and only its own', () => {
    const first = sync([ingress([{}])]);
    const text = networkPolicySync({ nodeName: NODE, pods: PODS, namespaces: NAMESPACES, policies: [] }, {}, [
      ...first.activeChains,
      'KUBE-SERVICES',
    ]).restoreText;
    expect(text).toContain(`:${FW} - [0:0]\n`);
    expect(text).toMatch(new RegExp(`^-X ${FW}$`, 'm'));
    expect(text).toMatch(new RegExp(`^-X ${IN}$`, 'm'));
    expect(text).not.toContain('KUBE-SERVICES');
    expect(text).not.toMatch(/^-X KUBE-ROUTER/m);
  });

  it('cuts comments to what iptables takes, so long names still restore', () => {
    const long = 'x'.repeat(253);
    const pod = makePod({ namespace: long, name: long, ip: '10.244.1.9', node: NODE });
    const policy = makePolicy(long, long, { ingress: [{ from: [{ podSelector: {} }] }] });
    const text = networkPolicySync({ nodeName: NODE, pods: [pod], namespaces: [], policies: [policy] }).restoreText;
    expect(new Iptables().restore(text, { noflush: true })).toEqual({ ok: true });
  });

  it('writes the same text whatever order the informers list the objects in', () => {
    const policies = [
      ingress([{ from: [{ namespaceSelector: {} }] }]),
      makePolicy('default', 'a', { podSelector: web }),
    ];
    const reversed = networkPolicySync({
      nodeName: NODE,
      pods: [...PODS].reverse(),
      namespaces: [...NAMESPACES].reverse(),
      policies: [...policies].reverse(),
    });
    expect(reversed.restoreText).toBe(sync(policies).restoreText);
  });
});
