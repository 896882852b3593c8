import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../scheduler/seeded-random.ts';
import { DataPlane } from '../data-plane.ts';
import { DummyDevice } from '../device.ts';
import { kindCluster } from '../topology/kind-cluster.ts';
import { overlayMode } from '../topology/overlay.ts';
import { routedMode } from '../topology/routed.ts';
import { renderBridgeFdb, renderBridgeLink } from './bridge.ts';
import { renderIpAddr } from './ip-addr.ts';
import { renderIpLink } from './ip-link.ts';
import { renderIpNeigh } from './ip-neigh.ts';
import { renderIpRoute, renderIpRouteGet } from './ip-route.ts';

/** kind-worker with one pod (client) that has talked to a pod on kind-worker2. */
function setUp(mode = overlayMode) {
  const network = kindCluster(mode, seededRandom(42));
  const client = network.addPod('kind-worker', { namespace: 'default', name: 'client' });
  const web = network.addPod('kind-worker2', { namespace: 'default', name: 'web' });
  web.namespace.listen('tcp', '0.0.0.0', 80, () => 'ok', 'nginx');
  expect(new DataPlane().request(client.namespace, { protocol: 'tcp', dst: web.ip, dstPort: 80 }).ok).toBe(true);
  const node = network.node('kind-worker')!;
  const other = network.node('kind-worker2')!;
  return { client, node, other };
}

describe('ip and bridge renderings', () => {
  it('prints a pod’s ip addr with eth0@if<peer index> and its link-netnsid', () => {
    const { client } = setUp();
    expect(renderIpAddr(client.namespace)).toBe(
      [
        '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000',
        '    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00',
        '    inet 127.0.0.1/8 scope host lo',
        '       valid_lft forever preferred_lft forever',
        `2: eth0@if${client.hostVeth.index}: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue state UP group default`,
        `    link/ether ${client.podVeth.mac} brd ff:ff:ff:ff:ff:ff link-netnsid 0`,
        '    inet 10.244.1.2/24 brd 10.244.1.255 scope global eth0',
        '       valid_lft forever preferred_lft forever',
        '',
      ].join('\n'),
    );
  });

  it('prints a pod’s routes', () => {
    expect(renderIpRoute(setUp().client.namespace)).toBe(
      'default via 10.244.1.1 dev eth0\n10.244.1.0/24 dev eth0 proto kernel scope link src 10.244.1.2\n',
    );
  });

  it.each([
    [overlayMode, '10.244.2.0/24 via 10.244.2.0 dev flannel.1 onlink'],
    [routedMode, '10.244.2.0/24 via 172.18.0.4 dev eth0'],
  ])('prints a node’s routes in $name mode', (mode, interNode) => {
    expect(renderIpRoute(setUp(mode).node.namespace)).toBe(
      [
        'default via 172.18.0.1 dev eth0',
        '10.244.1.0/24 dev cni0 proto kernel scope link src 10.244.1.1',
        interNode,
        '172.18.0.0/16 dev eth0 proto kernel scope link src 172.18.0.3',
        '',
      ].join('\n'),
    );
  });

  it.each([
    ['node/kind-worker', '10.244.2.7', '10.244.2.7 via 10.244.2.0 dev flannel.1 src 10.244.1.0 uid 0 \n    cache \n'],
    ['node/kind-worker', '172.18.0.4', '172.18.0.4 dev eth0 src 172.18.0.3 uid 0 \n    cache \n'],
    [
      'node/kind-worker',
      '10.244.1.1',
      'local 10.244.1.1 dev lo table local src 10.244.1.1 uid 0 \n    cache <local> \n',
    ],
    ['pod/default/client', '8.8.8.8', '8.8.8.8 via 10.244.1.1 dev eth0 src 10.244.1.2 uid 0 \n    cache \n'],
    ['pod/default/client', 'nonsense', 'Error: any valid prefix is expected rather than "nonsense".\n'],
  ])('answers ip route get in %s for %s', (namespace, dst, expected) => {
    const { client, node } = setUp();
    const ns = namespace === 'node/kind-worker' ? node.namespace : client.namespace;
    expect(renderIpRouteGet(ns, dst)).toBe(expected);
  });

  it('says the network is unreachable to ip route get without a route', () => {
    const { client } = setUp();
    client.namespace.deleteRoute('default');
    expect(renderIpRouteGet(client.namespace, '8.8.8.8')).toBe('RTNETLINK answers: Network is unreachable\n');
  });

  it('prints a node’s links: eth0, flannel.1, cni0, and the pod’s veth on cni0', () => {
    const { node, client } = setUp();
    expect(
      renderIpLink(node.namespace)
        .split('\n')
        .filter((line) => !line.startsWith(' ')),
    ).toEqual([
      '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000',
      '2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc mq state UP mode DEFAULT group default qlen 1000',
      '3: flannel.1: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue state UNKNOWN mode DEFAULT group default',
      '4: cni0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue state UP mode DEFAULT group default qlen 1000',
      `5: ${client.hostVeth.name}@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue master cni0 state UP mode DEFAULT group default`,
      '',
    ]);
    expect(renderIpLink(node.namespace, 'cni0')).toBe(
      `4: cni0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue state UP mode DEFAULT group default qlen 1000\n    link/ether ${node.bridge.mac} brd ff:ff:ff:ff:ff:ff\n`,
    );
  });

  it('prints flannel.1’s /32 without a broadcast address, and a down dummy device', () => {
    const { node } = setUp();
    node.namespace.addDevice(new DummyDevice('kube-ipvs0', '02:00:00:00:0f:0f', 1500)).up = false;
    node.namespace.addAddress('kube-ipvs0', '10.96.0.1/32');
    expect(renderIpAddr(node.namespace, 'flannel.1')).toContain('    inet 10.244.1.0/32 scope global flannel.1\n');
    expect(renderIpAddr(node.namespace, 'kube-ipvs0')).toBe(
      [
        '6: kube-ipvs0: <BROADCAST,NOARP> mtu 1500 qdisc noop state DOWN group default',
        '    link/ether 02:00:00:00:0f:0f brd ff:ff:ff:ff:ff:ff',
        '    inet 10.96.0.1/32 scope global kube-ipvs0',
        '       valid_lft forever preferred_lft forever',
        '',
      ].join('\n'),
    );
  });

  it('prints the neighbours the traffic resolved and the permanent VTEP entry', () => {
    const { node, other, client } = setUp();
    expect(renderIpNeigh(node.namespace)).toBe(
      [
        `172.18.0.4 dev eth0 lladdr ${other.uplink.mac} REACHABLE`,
        `10.244.2.0 dev flannel.1 lladdr ${other.vxlan!.mac} PERMANENT`,
        `10.244.1.2 dev cni0 lladdr ${client.podVeth.mac} REACHABLE`,
        '',
      ].join('\n'),
    );
  });

  it('prints the bridge ports and forwarding databases', () => {
    const { node, other, client } = setUp();
    const port = client.hostVeth.name;
    expect(renderBridgeLink(node.namespace)).toBe(
      `5: ${port}@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 master cni0 state forwarding priority 32 cost 2\n`,
    );
    expect(renderBridgeFdb(node.namespace)).toBe(
      [
        `${other.vxlan!.mac} dev flannel.1 dst 172.18.0.4 self permanent`,
        `${node.bridge.mac} dev cni0 vlan 1 master cni0 permanent`,
        `${node.bridge.mac} dev cni0 master cni0 permanent`,
        `${client.hostVeth.mac} dev ${port} vlan 1 master cni0 permanent`,
        `${client.hostVeth.mac} dev ${port} master cni0 permanent`,
        `${client.podVeth.mac} dev ${port} master cni0`,
        '',
      ].join('\n'),
    );
  });
});
