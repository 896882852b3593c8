// A small network for the panel's tests: two nodes on flannel, a web Service with two endpoints, and a trace from a
// client pod on node-1 through the Service's DNAT and the VXLAN tunnel to a web pod on node-2.

import type { NetworkNode, NetworkTopology, NetworkTrace, NetworkTraceHop } from '../../engine/protocol/host-api.ts';

function node(index: number, pods: string[]): NetworkNode {
  const name = `node-${index}`;
  const ip = `172.18.0.${index + 2}`;
  return {
    name,
    netns: `node/${name}`,
    ip,
    podCidr: `10.244.${index}.0/24`,
    bridge: 'cni0',
    devices: [
      {
        name: 'lo',
        kind: 'loopback',
        index: 1,
        mac: '00:00:00:00:00:00',
        mtu: 65536,
        up: true,
        addresses: ['127.0.0.1/8'],
      },
      {
        name: 'eth0',
        kind: 'ethernet',
        index: 2,
        mac: `02:00:00:00:00:0${index}`,
        mtu: 1500,
        up: true,
        addresses: [`${ip}/16`],
      },
      {
        name: 'flannel.1',
        kind: 'vxlan',
        index: 3,
        mac: `0a:00:00:00:00:0${index}`,
        mtu: 1450,
        up: true,
        addresses: [`10.244.${index}.0/32`],
        vxlan: { vni: 1, local: ip, port: 8472, remotes: [`172.18.0.${index === 1 ? 4 : 3}`] },
      },
      {
        name: 'cni0',
        kind: 'bridge',
        index: 4,
        mac: `0b:00:00:00:00:0${index}`,
        mtu: 1450,
        up: true,
        addresses: [`10.244.${index}.1/24`],
      },
      ...pods.map((pod, i) => ({
        name: `veth${index}${i}`,
        kind: 'veth',
        index: 5 + i,
        mac: `0c:00:00:00:0${index}:0${i}`,
        mtu: 1450,
        up: true,
        addresses: [],
        master: 'cni0',
        peer: { namespace: `pod/default/${pod}`, device: 'eth0' },
      })),
    ],
    routes: ['default via 172.18.0.1 dev eth0'],
    tunnels: [
      {
        node: `node-${3 - index}`,
        podCidr: `10.244.${3 - index}.0/24`,
        route: `10.244.${3 - index}.0/24 via 10.244.${3 - index}.0 dev flannel.1 onlink`,
        device: 'flannel.1',
        remote: `172.18.0.${index === 1 ? 4 : 3}`,
        kind: 'vxlan',
      },
    ],
    pods: pods.map((pod, i) => ({
      namespace: 'default',
      name: pod,
      netns: `pod/default/${pod}`,
      ip: `10.244.${index}.${i + 2}`,
      mac: `0d:00:00:00:0${index}:0${i}`,
      podInterface: 'eth0',
      hostInterface: `veth${index}${i}`,
    })),
  };
}

export const TOPOLOGY: NetworkTopology = {
  cni: 'flannel',
  proxyMode: 'iptables',
  nodes: [node(1, ['client', 'web-a']), node(2, ['web-b'])],
  services: [
    {
      namespace: 'default',
      name: 'web',
      type: 'ClusterIP',
      clusterIP: '10.96.0.50',
      externalIPs: [],
      loadBalancerIPs: [],
      ports: [{ protocol: 'TCP', port: 80, targetPort: '80' }],
      endpoints: [
        { ip: '10.244.1.3', port: 80, ready: true, pod: 'default/web-a', node: 'node-1' },
        { ip: '10.244.2.2', port: 80, ready: true, pod: 'default/web-b', node: 'node-2' },
      ],
    },
    {
      namespace: 'kube-system',
      name: 'kube-dns',
      type: 'ClusterIP',
      clusterIP: '10.96.0.10',
      externalIPs: [],
      loadBalancerIPs: [],
      ports: [
        { name: 'dns', protocol: 'UDP', port: 53, targetPort: '53' },
        { name: 'dns-tcp', protocol: 'TCP', port: 53, targetPort: '53' },
      ],
      endpoints: [],
    },
  ],
};

const CLIENT = 'pod/default/client';
const NODE = 'node/node-1';
const SEP_RULE =
  '-A KUBE-SEP-B -p tcp -m comment --comment "default/web" -m tcp -j DNAT --to-destination 10.244.2.2:80';

export const HOPS: NetworkTraceHop[] = [
  { kind: 'socket', namespace: CLIENT, action: 'send', summary: 'client sends tcp 10.244.1.2:32768 → 10.96.0.50:80' },
  { kind: 'route', namespace: CLIENT, route: 'default via 10.244.1.1 dev eth0', device: 'eth0', summary: 'route' },
  { kind: 'device', namespace: CLIENT, device: 'eth0', direction: 'egress', deviceType: 'veth', summary: 'leaves' },
  { kind: 'device', namespace: NODE, device: 'veth10', direction: 'ingress', deviceType: 'veth', summary: 'arrives' },
  {
    kind: 'netfilter',
    namespace: NODE,
    hook: 'PREROUTING',
    table: 'nat',
    chain: 'PREROUTING',
    rule: '-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
    target: 'KUBE-SERVICES',
    summary: 'nat/PREROUTING: KUBE-SERVICES',
  },
  {
    kind: 'netfilter',
    namespace: NODE,
    hook: 'PREROUTING',
    table: 'nat',
    chain: 'KUBE-SEP-B',
    rule: SEP_RULE,
    target: 'DNAT',
    summary: 'DNAT',
  },
  { kind: 'nat', namespace: NODE, type: 'DNAT', from: '10.96.0.50:80', to: '10.244.2.2:80', summary: 'DNAT' },
  {
    kind: 'encapsulation',
    namespace: NODE,
    device: 'flannel.1',
    vni: 1,
    outerSrc: '172.18.0.3',
    outerDst: '172.18.0.4',
    summary: 'wraps',
  },
  {
    kind: 'bridge',
    namespace: 'node/node-2',
    bridge: 'cni0',
    port: 'veth20',
    mac: '0d:00:00:00:02:00',
    summary: 'bridge',
  },
  { kind: 'deliver', namespace: 'pod/default/web-b', socket: 'nginx', summary: 'reaches nginx' },
];

export const TRACE: NetworkTrace = {
  phase: 'Succeeded',
  address: '10.96.0.50',
  protocol: 'tcp',
  port: 80,
  result: 'HTTP/1.1 200',
  lookups: [
    {
      id: 1,
      from: CLIENT,
      program: 'client',
      protocol: 'udp',
      dst: '10.96.0.10',
      dstPort: 53,
      outcome: 'ok',
      hops: [{ kind: 'socket', namespace: CLIENT, action: 'send', summary: 'DNS query' }],
    },
  ],
  hops: HOPS,
};

export const IPTABLES_SAVE = [
  '*filter',
  ':INPUT ACCEPT [0:0]',
  '-A INPUT -j KUBE-FIREWALL',
  'COMMIT',
  '*nat',
  ':PREROUTING ACCEPT [3:180]',
  ':KUBE-SEP-B - [0:0]',
  '-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
  SEP_RULE,
  'COMMIT',
  '',
].join('\n');
