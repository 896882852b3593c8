import { describe, expect, it } from 'vitest';
import { ipvsSync } from './ipvs-state.ts';
import { buildProxierState } from './proxier-state.ts';
import { makeService, makeSlice, readyEndpoints } from './test-objects.ts';
import type { EndpointSlice, ProxierOptions, Service } from './types.ts';

const NODE = { name: 'node-1', addresses: ['192.168.49.2'] };
const OPTIONS: ProxierOptions = { mode: 'ipvs', clusterCIDR: '10.244.0.0/16' };

function sync(services: Service[], slices: EndpointSlice[], options: Partial<ProxierOptions> = {}) {
  return ipvsSync(buildProxierState(NODE, services, slices), { ...OPTIONS, ...options });
}

const web = (spec: Parameters<typeof makeService>[2] = {}, lbIPs: string[] = []) =>
  makeService('default', 'web', { clusterIP: '10.96.0.10', ...spec }, lbIPs);
const three = makeSlice('default', 'web', readyEndpoints(['10.244.1.5', '10.244.2.5', '10.244.3.5']));
const rs = (...ips: string[]) => ips.map((address) => ({ address, port: 80, weight: 1 }));

function entriesOf(state: ReturnType<typeof sync>, name: string): string[] | undefined {
  return state.ipsets.find((set) => set.name === name)?.entries;
}

describe('ipvsSync', () => {
  it('gives a ClusterIP Service one round-robin virtual server, bound on kube-ipvs0, with a real server per endpoint', () => {
    const state = sync([web()], [three]);
    expect(state.dummyDevice).toBe('kube-ipvs0');
    expect(state.addresses).toEqual(['10.96.0.10']);
    expect(state.virtualServers).toEqual([
      {
        protocol: 'TCP',
        address: '10.96.0.10',
        port: 80,
        scheduler: 'rr',
        flags: [],
        timeout: 0,
        service: 'default/web:p80',
        realServers: rs('10.244.1.5', '10.244.2.5', '10.244.3.5'),
      },
    ]);
    expect(entriesOf(state, 'KUBE-CLUSTER-IP')).toEqual(['10.96.0.10,tcp:80']);
    expect(entriesOf(state, 'KUBE-IPVS-IPS')).toEqual(['10.96.0.10']);
  });

  it('writes the nat and filter rules that match the ipsets', () => {
    expect(sync([web()], [three]).restoreText).toBe(`*nat
:KUBE-SERVICES - [0:0]
:KUBE-POSTROUTING - [0:0]
:KUBE-NODE-PORT - [0:0]
:KUBE-LOAD-BALANCER - [0:0]
:KUBE-MARK-MASQ - [0:0]
-A KUBE-SERVICES -s 127.0.0.0/8 -j RETURN
-A KUBE-SERVICES -m comment --comment "Kubernetes service cluster ip + port for masquerade purpose" -m set --match-set KUBE-CLUSTER-IP dst,dst ! -s 10.244.0.0/16 -j KUBE-MARK-MASQ
-A KUBE-SERVICES -m addrtype --dst-type LOCAL -j KUBE-NODE-PORT
-A KUBE-LOAD-BALANCER -j KUBE-MARK-MASQ
-A KUBE-SERVICES -m set --match-set KUBE-CLUSTER-IP dst,dst -j ACCEPT
-A KUBE-POSTROUTING -m mark ! --mark 0x00004000/0x00004000 -j RETURN
-A KUBE-POSTROUTING -j MARK --xor-mark 0x00004000
-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully
-A KUBE-MARK-MASQ -j MARK --or-mark 0x00004000
COMMIT
*filter
:KUBE-FORWARD - [0:0]
:KUBE-NODE-PORT - [0:0]
:KUBE-PROXY-FIREWALL - [0:0]
:KUBE-SOURCE-RANGES-FIREWALL - [0:0]
:KUBE-IPVS-FILTER - [0:0]
:KUBE-IPVS-OUT-FILTER - [0:0]
-A KUBE-SOURCE-RANGES-FIREWALL -j DROP
-A KUBE-FORWARD -m comment --comment "kubernetes forwarding rules" -m mark --mark 0x00004000/0x00004000 -j ACCEPT
-A KUBE-FORWARD -m comment --comment "kubernetes forwarding conntrack rule" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
-A KUBE-NODE-PORT -m comment --comment "Kubernetes health check node port" -m set --match-set KUBE-HEALTH-CHECK-NODE-PORT dst -j ACCEPT
-A KUBE-IPVS-FILTER -m set --match-set KUBE-LOAD-BALANCER dst,dst -j RETURN
-A KUBE-IPVS-FILTER -m set --match-set KUBE-CLUSTER-IP dst,dst -j RETURN
-A KUBE-IPVS-FILTER -m set --match-set KUBE-EXTERNAL-IP dst,dst -j RETURN
-A KUBE-IPVS-FILTER -m set --match-set KUBE-EXTERNAL-IP-LOCAL dst,dst -j RETURN
-A KUBE-IPVS-FILTER -m set --match-set KUBE-HEALTH-CHECK-NODE-PORT dst -j RETURN
-A KUBE-IPVS-FILTER -m conntrack --ctstate NEW -m set --match-set KUBE-IPVS-IPS dst -j REJECT
COMMIT
`);
  });

  it('gives a NodePort Service a virtual server on every node IP and its port in KUBE-NODE-PORT-TCP', () => {
    const state = sync(
      [web({ type: 'NodePort', ports: [{ name: 'p80', port: 80, protocol: 'TCP', nodePort: 30080 }] })],
      [three],
    );
    expect(state.virtualServers.map((vs) => `${vs.address}:${vs.port}`)).toEqual([
      '10.96.0.10:80',
      '192.168.49.2:30080',
    ]);
    expect(state.addresses).toEqual(['10.96.0.10']);
    expect(entriesOf(state, 'KUBE-NODE-PORT-TCP')).toEqual(['30080']);
    expect(state.restoreText).toContain(
      '-A KUBE-NODE-PORT -p tcp -m comment --comment "Kubernetes nodeport TCP port for masquerade purpose" -m set --match-set KUBE-NODE-PORT-TCP dst -j KUBE-MARK-MASQ',
    );
  });

  it('binds load-balancer IPs and externalIPs and lists them in their sets', () => {
    const state = sync(
      [
        web(
          {
            type: 'LoadBalancer',
            externalIPs: ['198.51.100.7'],
            loadBalancerSourceRanges: ['203.0.113.0/25'],
            ports: [{ name: 'p80', port: 80, protocol: 'TCP', nodePort: 30080 }],
          },
          ['172.18.255.200'],
        ),
      ],
      [three],
    );
    expect(state.addresses).toEqual(['10.96.0.10', '172.18.255.200', '198.51.100.7']);
    expect(entriesOf(state, 'KUBE-EXTERNAL-IP')).toEqual(['198.51.100.7,tcp:80']);
    expect(entriesOf(state, 'KUBE-LOAD-BALANCER')).toEqual(['172.18.255.200,tcp:80']);
    expect(entriesOf(state, 'KUBE-LOAD-BALANCER-FW')).toEqual(['172.18.255.200,tcp:80']);
    expect(entriesOf(state, 'KUBE-LOAD-BALANCER-SOURCE-CIDR')).toEqual(['172.18.255.200,tcp:80,203.0.113.0/25']);
    expect(state.restoreText).toContain(
      '-A KUBE-IPVS-OUT-FILTER -s 172.18.255.200 -m ipvs --vaddr 172.18.255.200 --vproto tcp --vport 80 -j DROP',
    );
    expect(state.virtualServers).toHaveLength(4);
  });

  it('leaves headless Services out', () => {
    const state = sync([web({ clusterIP: 'None' })], [three]);
    expect(state.virtualServers).toEqual([]);
    expect(state.addresses).toEqual([]);
  });

  it('makes ClientIP affinity a persistent virtual server with its timeout', () => {
    const state = sync(
      [web({ sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 600 } } })],
      [three],
    );
    expect(state.virtualServers[0]).toMatchObject({ flags: ['persistent'], timeout: 600 });
  });

  it('leaves not-ready endpoints out of the real servers', () => {
    const slice = makeSlice('default', 'web', [
      { addresses: ['10.244.1.5'], conditions: { ready: true } },
      { addresses: ['10.244.2.5'], conditions: { ready: false } },
    ]);
    expect(sync([web()], [slice]).virtualServers[0]?.realServers).toEqual(rs('10.244.1.5'));
  });

  it('sends external traffic of an externalTrafficPolicy Local Service to local endpoints only, ClusterIP traffic to all', () => {
    const slice = makeSlice('default', 'web', [
      ...readyEndpoints(['10.244.1.5'], 'node-1'),
      ...readyEndpoints(['10.244.2.5'], 'node-2'),
    ]);
    const state = sync(
      [
        web({
          type: 'NodePort',
          externalTrafficPolicy: 'Local',
          ports: [{ name: 'p80', port: 80, protocol: 'TCP', nodePort: 30080 }],
        }),
      ],
      [slice],
    );
    expect(state.virtualServers.map((vs) => vs.realServers)).toEqual([
      rs('10.244.1.5', '10.244.2.5'),
      rs('10.244.1.5'),
    ]);
    expect(entriesOf(state, 'KUBE-NODE-PORT-LOCAL-TCP')).toEqual(['30080']);
    expect(entriesOf(state, 'KUBE-LOOP-BACK')).toEqual(['10.244.1.5,tcp:80,10.244.1.5']);
  });

  it('uses the mh scheduler with source hashing when asked', () => {
    expect(sync([web()], [three], { ipvsScheduler: 'mh' }).virtualServers[0]).toMatchObject({
      scheduler: 'mh',
      flags: ['hashed'],
    });
  });
});
