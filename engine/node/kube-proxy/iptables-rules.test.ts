import { describe, expect, it } from 'vitest';
import { servicePortChains } from './chain-names.ts';
import { iptablesSync } from './iptables-rules.ts';
import { buildProxierState } from './proxier-state.ts';
import { makeService, makeSlice, readyEndpoints } from './test-objects.ts';
import type { EndpointSlice, ProxierOptions, Service } from './types.ts';

const NODE = { name: 'node-1', addresses: ['192.168.49.2'] };
const OPTIONS: ProxierOptions = { mode: 'iptables', clusterCIDR: '10.244.0.0/16' };

function sync(services: Service[], slices: EndpointSlice[], options: Partial<ProxierOptions> = {}, node = NODE) {
  return iptablesSync(buildProxierState(node, services, slices), { ...OPTIONS, ...options });
}

function lines(services: Service[], slices: EndpointSlice[], options: Partial<ProxierOptions> = {}): string[] {
  return sync(services, slices, options).restoreText.split('\n');
}

const web = (spec: Parameters<typeof makeService>[2] = {}, lbIPs: string[] = []) =>
  makeService('default', 'web', { clusterIP: '10.96.0.10', ...spec }, lbIPs);

// The chain names are checked against upstream's in chain-names.test.ts.
const {
  clusterPolicyChain: SVC,
  externalChain: EXT,
  localPolicyChain: SVL,
  firewallChain: FW,
} = servicePortChains('default/web:p80', 'tcp');

describe('iptablesSync', () => {
  it('writes the whole restore text for a ClusterIP Service with one endpoint', () => {
    const text = sync([web()], [makeSlice('default', 'web', readyEndpoints(['10.244.1.5']))]).restoreText;
    const sep = text.match(/KUBE-SEP-[A-Z0-9]{16}/)?.[0];
    expect(text).toBe(`*filter
:KUBE-SERVICES - [0:0]
:KUBE-EXTERNAL-SERVICES - [0:0]
:KUBE-FORWARD - [0:0]
:KUBE-NODEPORTS - [0:0]
:KUBE-PROXY-FIREWALL - [0:0]
:KUBE-FIREWALL - [0:0]
-A KUBE-FIREWALL -m comment --comment "block incoming localnet connections" -d 127.0.0.0/8 ! -s 127.0.0.0/8 -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP
-A KUBE-FORWARD -m conntrack --ctstate INVALID -j DROP
-A KUBE-FORWARD -m comment --comment "kubernetes forwarding rules" -m mark --mark 0x00004000/0x00004000 -j ACCEPT
-A KUBE-FORWARD -m comment --comment "kubernetes forwarding conntrack rule" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
COMMIT
*nat
:KUBE-SERVICES - [0:0]
:KUBE-NODEPORTS - [0:0]
:KUBE-POSTROUTING - [0:0]
:KUBE-MARK-MASQ - [0:0]
:${SVC} - [0:0]
:${sep} - [0:0]
-A KUBE-POSTROUTING -m mark ! --mark 0x00004000/0x00004000 -j RETURN
-A KUBE-POSTROUTING -j MARK --xor-mark 0x00004000
-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully
-A KUBE-MARK-MASQ -j MARK --or-mark 0x00004000
-A KUBE-SERVICES -m comment --comment "default/web:p80 cluster IP" -m tcp -p tcp -d 10.96.0.10 --dport 80 -j ${SVC}
-A ${SVC} -m comment --comment "default/web:p80 cluster IP" -m tcp -p tcp -d 10.96.0.10 --dport 80 ! -s 10.244.0.0/16 -j KUBE-MARK-MASQ
-A ${SVC} -m comment --comment "default/web:p80 -> 10.244.1.5:80" -j ${sep}
-A ${sep} -m comment --comment default/web:p80 -s 10.244.1.5 -j KUBE-MARK-MASQ
-A ${sep} -m comment --comment default/web:p80 -m tcp -p tcp -j DNAT --to-destination 10.244.1.5:80
-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS
COMMIT
`);
  });

  it.each([
    {
      name: 'a ClusterIP with no endpoints is rejected in the filter table and gets no nat chains',
      services: [web()],
      slices: [],
      present: [
        '-A KUBE-SERVICES -m comment --comment "default/web:p80 has no endpoints" -m tcp -p tcp -d 10.96.0.10 --dport 80 -j REJECT',
      ],
      absent: [`:${SVC} - [0:0]`],
    },
    {
      name: 'a ClusterIP with three endpoints picks them with probabilities 1/3, 1/2 and the rest',
      services: [web()],
      slices: [makeSlice('default', 'web', readyEndpoints(['10.244.1.5', '10.244.2.5', '10.244.3.5']))],
      present: [
        `-A ${SVC} -m comment --comment "default/web:p80 -> 10.244.1.5:80" -m statistic --mode random --probability 0.3333333333 -j KUBE-SEP-`,
        `-A ${SVC} -m comment --comment "default/web:p80 -> 10.244.2.5:80" -m statistic --mode random --probability 0.5000000000 -j KUBE-SEP-`,
        `-A ${SVC} -m comment --comment "default/web:p80 -> 10.244.3.5:80" -j KUBE-SEP-`,
      ],
      absent: [],
    },
    {
      name: 'not-ready endpoints are left out',
      services: [web()],
      slices: [
        makeSlice('default', 'web', [
          { addresses: ['10.244.1.5'], conditions: { ready: true } },
          { addresses: ['10.244.2.5'], conditions: { ready: false, serving: false } },
        ]),
      ],
      present: [`-A ${SVC} -m comment --comment "default/web:p80 -> 10.244.1.5:80" -j KUBE-SEP-`],
      absent: ['10.244.2.5'],
    },
    {
      name: 'serving terminating endpoints are used when no endpoint is ready',
      services: [web()],
      slices: [
        makeSlice('default', 'web', [
          { addresses: ['10.244.1.5'], conditions: { ready: false, serving: true, terminating: true } },
          { addresses: ['10.244.2.5'], conditions: { ready: false, serving: false, terminating: true } },
        ]),
      ],
      present: [`-A ${SVC} -m comment --comment "default/web:p80 -> 10.244.1.5:80" -j KUBE-SEP-`],
      absent: ['10.244.2.5', 'has no endpoints'],
    },
    {
      name: 'a NodePort Service jumps from KUBE-NODEPORTS to its KUBE-EXT chain, which masquerades',
      services: [web({ type: 'NodePort', ports: [{ name: 'p80', port: 80, protocol: 'TCP', nodePort: 30080 }] })],
      slices: [makeSlice('default', 'web', readyEndpoints(['10.244.1.5']))],
      present: [
        `:${EXT} - [0:0]`,
        `-A KUBE-NODEPORTS -m comment --comment default/web:p80 -m tcp -p tcp --dport 30080 -j ${EXT}`,
        `-A ${EXT} -m comment --comment "masquerade traffic for default/web:p80 external destinations" -j KUBE-MARK-MASQ`,
        `-A ${EXT} -j ${SVC}`,
      ],
      absent: ['127.0.0.0/8 --dport 30080'],
    },
    {
      name: 'a NodePort Service without endpoints is rejected on the node port too',
      services: [web({ type: 'NodePort', ports: [{ name: 'p80', port: 80, protocol: 'TCP', nodePort: 30080 }] })],
      slices: [],
      present: [
        '-A KUBE-EXTERNAL-SERVICES -m comment --comment "default/web:p80 has no endpoints" -m addrtype --dst-type LOCAL -m tcp -p tcp --dport 30080 -j REJECT',
      ],
      absent: [`:${EXT} - [0:0]`],
    },
    {
      name: 'a LoadBalancer captures its status.loadBalancer.ingress IPs',
      services: [
        web({ type: 'LoadBalancer', ports: [{ name: 'p80', port: 80, protocol: 'TCP', nodePort: 30080 }] }, [
          '172.18.255.200',
        ]),
      ],
      slices: [makeSlice('default', 'web', readyEndpoints(['10.244.1.5']))],
      present: [
        `-A KUBE-SERVICES -m comment --comment "default/web:p80 loadbalancer IP" -m tcp -p tcp -d 172.18.255.200 --dport 80 -j ${EXT}`,
        `-A KUBE-NODEPORTS -m comment --comment default/web:p80 -m tcp -p tcp --dport 30080 -j ${EXT}`,
      ],
      absent: ['KUBE-FW-'],
    },
    {
      name: 'externalIPs are captured into the KUBE-EXT chain',
      services: [web({ externalIPs: ['198.51.100.7'] })],
      slices: [makeSlice('default', 'web', readyEndpoints(['10.244.1.5']))],
      present: [
        `-A KUBE-SERVICES -m comment --comment "default/web:p80 external IP" -m tcp -p tcp -d 198.51.100.7 --dport 80 -j ${EXT}`,
      ],
      absent: [],
    },
    {
      name: 'a headless Service gets no rules at all',
      services: [web({ clusterIP: 'None' })],
      slices: [makeSlice('default', 'web', readyEndpoints(['10.244.1.5']))],
      present: [],
      absent: ['default/web', 'KUBE-SVC-', 'KUBE-SEP-'],
    },
    {
      name: 'sessionAffinity ClientIP checks and sets the recent list of each endpoint',
      services: [web({ sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 600 } } })],
      slices: [makeSlice('default', 'web', readyEndpoints(['10.244.1.5']))],
      present: [
        `-A ${SVC} -m comment --comment "default/web:p80 -> 10.244.1.5:80" -m recent --name KUBE-SEP-`,
        '--rcheck --seconds 600 --reap -j KUBE-SEP-',
        '-m recent --name KUBE-SEP-',
        '--set -m tcp -p tcp -j DNAT --to-destination 10.244.1.5:80',
      ],
      absent: [],
    },
    {
      name: 'externalTrafficPolicy Local sends external traffic only to local endpoints through KUBE-SVL',
      services: [
        web({
          type: 'NodePort',
          externalTrafficPolicy: 'Local',
          ports: [{ name: 'p80', port: 80, protocol: 'TCP', nodePort: 30080 }],
        }),
      ],
      slices: [
        makeSlice('default', 'web', [
          ...readyEndpoints(['10.244.1.5'], 'node-1'),
          ...readyEndpoints(['10.244.2.5'], 'node-2'),
        ]),
      ],
      present: [
        `:${SVL} - [0:0]`,
        `-A ${EXT} -m comment --comment "pod traffic for default/web:p80 external destinations" -s 10.244.0.0/16 -j ${SVC}`,
        `-A ${EXT} -j ${SVL}`,
        `-A ${SVL} -m comment --comment "default/web:p80 -> 10.244.1.5:80" -j KUBE-SEP-`,
      ],
      absent: [`-A ${SVL} -m comment --comment "default/web:p80 -> 10.244.2.5:80"`],
    },
    {
      name: 'externalTrafficPolicy Local without local endpoints drops external traffic',
      services: [
        web({
          type: 'NodePort',
          externalTrafficPolicy: 'Local',
          ports: [{ name: 'p80', port: 80, protocol: 'TCP', nodePort: 30080 }],
        }),
      ],
      slices: [makeSlice('default', 'web', readyEndpoints(['10.244.2.5'], 'node-2'))],
      present: [
        '-A KUBE-EXTERNAL-SERVICES -m comment --comment "default/web:p80 has no local endpoints" -m addrtype --dst-type LOCAL -m tcp -p tcp --dport 30080 -j DROP',
      ],
      absent: [`:${SVL} - [0:0]`],
    },
    {
      name: 'internalTrafficPolicy Local without local endpoints drops ClusterIP traffic',
      services: [web({ internalTrafficPolicy: 'Local' })],
      slices: [makeSlice('default', 'web', readyEndpoints(['10.244.2.5'], 'node-2'))],
      present: [
        '-A KUBE-SERVICES -m comment --comment "default/web:p80 has no local endpoints" -m tcp -p tcp -d 10.96.0.10 --dport 80 -j DROP',
      ],
      absent: [`:${SVC} - [0:0]`, 'KUBE-SEP-'],
    },
    {
      name: 'internalTrafficPolicy Local sends ClusterIP traffic to the local endpoints only',
      services: [web({ internalTrafficPolicy: 'Local' })],
      slices: [
        makeSlice('default', 'web', [
          ...readyEndpoints(['10.244.1.5'], 'node-1'),
          ...readyEndpoints(['10.244.2.5'], 'node-2'),
        ]),
      ],
      present: [
        `-A KUBE-SERVICES -m comment --comment "default/web:p80 cluster IP" -m tcp -p tcp -d 10.96.0.10 --dport 80 -j ${SVL}`,
        `-A ${SVL} -m comment --comment "default/web:p80 -> 10.244.1.5:80" -j KUBE-SEP-`,
      ],
      absent: ['10.244.2.5'],
    },
    {
      name: '--masquerade-all marks every ClusterIP packet',
      services: [web()],
      slices: [makeSlice('default', 'web', readyEndpoints(['10.244.1.5']))],
      options: { masqueradeAll: true },
      present: [
        `-A ${SVC} -m comment --comment "default/web:p80 cluster IP" -m tcp -p tcp -d 10.96.0.10 --dport 80 -j KUBE-MARK-MASQ`,
      ],
      absent: ['! -s 10.244.0.0/16'],
    },
    {
      name: '--nodeport-addresses limits the KUBE-NODEPORTS jump to the matching node IPs',
      services: [web()],
      slices: [],
      options: { nodePortAddresses: ['192.168.49.0/24'] },
      present: [
        '-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -d 192.168.49.2 -j KUBE-NODEPORTS',
      ],
      absent: ['--dst-type LOCAL -j KUBE-NODEPORTS', ':KUBE-FIREWALL - [0:0]'],
    },
    {
      name: 'loadBalancerSourceRanges route the LB IP through a KUBE-FW chain and drop the rest',
      services: [
        web(
          {
            type: 'LoadBalancer',
            loadBalancerSourceRanges: ['203.0.113.0/25'],
            ports: [{ name: 'p80', port: 80, protocol: 'TCP', nodePort: 30080 }],
          },
          ['172.18.255.200'],
        ),
      ],
      slices: [makeSlice('default', 'web', readyEndpoints(['10.244.1.5']))],
      present: [
        `-A KUBE-SERVICES -m comment --comment "default/web:p80 loadbalancer IP" -m tcp -p tcp -d 172.18.255.200 --dport 80 -j ${FW}`,
        `-A ${FW} -m comment --comment "default/web:p80 loadbalancer IP" -s 203.0.113.0/25 -j ${EXT}`,
        `-A KUBE-PROXY-FIREWALL -m comment --comment "default/web:p80 traffic not accepted by ${FW}" -m tcp -p tcp -d 172.18.255.200 --dport 80 -j DROP`,
      ],
      absent: [],
    },
  ])('$name', ({ services, slices, options, present, absent }) => {
    const text = lines(services, slices, options);
    for (const fragment of present)
      expect(
        text.some((line) => line.includes(fragment)),
        fragment,
      ).toBe(true);
    for (const fragment of absent)
      expect(
        text.some((line) => line.includes(fragment)),
        fragment,
      ).toBe(false);
  });

  it('flushes and deletes per-service chains that the previous sync had and this one does not', () => {
    const result = sync([], [], {});
    expect(result.restoreText).not.toContain('-X');
    const state = buildProxierState(NODE, [], []);
    const text = iptablesSync(state, OPTIONS, [SVC, 'KUBE-SERVICES']).restoreText.split('\n');
    expect(text).toContain(`:${SVC} - [0:0]`);
    expect(text).toContain(`-X ${SVC}`);
    expect(text).not.toContain('-X KUBE-SERVICES');
  });

  it('drops the per-endpoint comments above 1000 endpoints, as large cluster mode does', () => {
    const ips = Array.from({ length: 1001 }, (_, i) => `10.244.${Math.floor(i / 250)}.${(i % 250) + 1}`);
    const text = lines([web()], [makeSlice('default', 'web', readyEndpoints(ips))]);
    const sepRules = text.filter((line) => line.startsWith('-A KUBE-SEP-'));
    expect(sepRules).toHaveLength(2002);
    expect(sepRules.some((line) => line.includes('--comment'))).toBe(false);
    expect(text).toContain(
      `-A ${SVC} -m comment --comment "default/web:p80 cluster IP" -m tcp -p tcp -d 10.96.0.10 --dport 80 ! -s 10.244.0.0/16 -j KUBE-MARK-MASQ`,
    );
  });

  it('counts the rules it writes for the metrics', () => {
    const result = sync([web()], [makeSlice('default', 'web', readyEndpoints(['10.244.1.5']))]);
    expect(result).toMatchObject({ filterRules: 4, natRules: 10, natChains: 6 });
    expect([...result.activeNatChains].some((chain) => chain === SVC)).toBe(true);
  });
});
