import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../scheduler/seeded-random.ts';
import { DataPlane } from '../data-plane.ts';
import type { NetworkNamespace } from '../namespace.ts';
import type { Packet, TraceHop } from '../packet.ts';
import { renderIpAddr } from '../render/ip-addr.ts';
import { kindCluster } from './kind-cluster.ts';
import { overlayMode } from './overlay.ts';
import { routedMode } from './routed.ts';

const dataPlane = new DataPlane();

/** A server that answers with the addresses it saw. */
function serve(ns: NetworkNamespace, port = 80): void {
  ns.listen('tcp', '0.0.0.0', port, (_payload, packet: Packet) => ({ src: packet.src, dst: packet.dst }), 'echo');
}

function setUp(mode = overlayMode) {
  const network = kindCluster(mode, seededRandom(42));
  const client = network.addPod('kind-worker', { namespace: 'default', name: 'client' });
  const local = network.addPod('kind-worker', { namespace: 'default', name: 'neighbour' });
  const remote = network.addPod('kind-worker2', { namespace: 'default', name: 'web' });
  for (const pod of [client, local, remote]) serve(pod.namespace);
  return { network, client, local, remote };
}

describe.each([overlayMode, routedMode])('the Kubernetes network model in $name mode', (mode) => {
  it('lets a pod reach a pod on another node without NAT: the server sees the client pod’s IP', () => {
    const { client, remote } = setUp(mode);
    const trace: TraceHop[] = [];
    const result = dataPlane.request(client.namespace, { protocol: 'tcp', dst: remote.ip, dstPort: 80 }, trace);
    expect(result).toMatchObject({ ok: true, answer: { src: client.ip, dst: remote.ip } });
    expect(trace.some((hop) => hop.kind === 'nat')).toBe(false);
  });

  it('lets a pod reach a pod on its own node through the bridge, without NAT', () => {
    const { client, local } = setUp(mode);
    const trace: TraceHop[] = [];
    const result = dataPlane.request(client.namespace, { protocol: 'tcp', dst: local.ip, dstPort: 80 }, trace);
    expect(result).toMatchObject({ ok: true, answer: { src: client.ip, dst: local.ip } });
    expect(trace).toContainEqual(
      expect.objectContaining({ kind: 'bridge', bridge: 'cni0', port: local.hostVeth.name }),
    );
    expect(trace.some((hop) => hop.kind === 'encapsulation')).toBe(false);
  });

  it.each(['kind-worker', 'kind-worker2'])(
    'lets node %s reach a pod without NAT: the pod sees one of the node’s own addresses',
    (node) => {
      const { network, remote } = setUp(mode);
      const nodeNs = network.node(node)!.namespace;
      const result = dataPlane.request(nodeNs, { protocol: 'tcp', dst: remote.ip, dstPort: 80 });
      expect(result.ok).toBe(true);
      const seen = (result as { answer: { src: string } }).answer.src;
      expect(nodeNs.localAddresses.has(seen)).toBe(true);
    },
  );

  it('lets a pod see its own IP as others see it', () => {
    const { client, remote } = setUp(mode);
    const result = dataPlane.request(client.namespace, { protocol: 'tcp', dst: remote.ip, dstPort: 80 });
    const seen = (result as { answer: { src: string } }).answer.src;
    expect(renderIpAddr(client.namespace, 'eth0')).toContain(`inet ${seen}/24 brd 10.244.1.255 scope global eth0`);
  });

  it('lets a pod reach a hostNetwork server on another node at the node’s IP', () => {
    const { network, client } = setUp(mode);
    network.node('kind-worker2')!.namespace.listen('tcp', '0.0.0.0', 10250, () => 'kubelet', 'kubelet');
    expect(dataPlane.request(client.namespace, { protocol: 'tcp', dst: '172.18.0.4', dstPort: 10250 })).toMatchObject({
      answer: 'kubelet',
    });
  });
});

describe('overlay mode', () => {
  it('wraps pod traffic in VXLAN between the node IPs and unwraps it on the other node', () => {
    const { client, remote } = setUp(overlayMode);
    const trace: TraceHop[] = [];
    dataPlane.request(client.namespace, { protocol: 'tcp', dst: remote.ip, dstPort: 80 }, trace);
    const tunnel = trace.filter((hop) => hop.kind === 'encapsulation' || hop.kind === 'decapsulation');
    expect(tunnel).toEqual([
      expect.objectContaining({
        namespace: 'node/kind-worker',
        device: 'flannel.1',
        vni: 1,
        outerSrc: '172.18.0.3',
        outerDst: '172.18.0.4',
      }),
      expect.objectContaining({ namespace: 'node/kind-worker2', device: 'flannel.1', vni: 1 }),
      expect.objectContaining({ namespace: 'node/kind-worker2', outerSrc: '172.18.0.4', outerDst: '172.18.0.3' }),
      expect.objectContaining({ namespace: 'node/kind-worker', kind: 'decapsulation' }),
    ]);
    expect(trace).toContainEqual(
      expect.objectContaining({ kind: 'route', route: '10.244.2.0/24 via 10.244.2.0 dev flannel.1 onlink' }),
    );
  });

  it('sends node-to-pod traffic from flannel.1’s address', () => {
    const { network, remote } = setUp(overlayMode);
    const result = dataPlane.request(network.node('kind-worker')!.namespace, {
      protocol: 'tcp',
      dst: remote.ip,
      dstPort: 80,
    });
    expect(result).toMatchObject({ answer: { src: '10.244.1.0' } });
  });
});

describe('routed mode', () => {
  it('routes pod CIDRs via the other node’s IP, without encapsulation', () => {
    const { client, remote } = setUp(routedMode);
    const trace: TraceHop[] = [];
    dataPlane.request(client.namespace, { protocol: 'tcp', dst: remote.ip, dstPort: 80 }, trace);
    expect(trace).toContainEqual(
      expect.objectContaining({
        kind: 'route',
        namespace: 'node/kind-worker',
        route: '10.244.2.0/24 via 172.18.0.4 dev eth0',
      }),
    );
    expect(trace.some((hop) => hop.kind === 'encapsulation')).toBe(false);
  });
});

describe('ClusterNetwork', () => {
  it('names namespaces after their pod and node, and finds them by name', () => {
    const { network, client } = setUp();
    expect(client.namespace.name).toBe('pod/default/client');
    expect(network.lookup('pod/default/client')).toBe(client.namespace);
    expect(network.lookup('node/kind-worker2')).toBe(network.node('kind-worker2')!.namespace);
    expect(network.lookup('pod/default/nobody')).toBeUndefined();
  });

  it('gives pods addresses from their node’s pod CIDR, a veth pair on cni0, and a default route via the bridge', () => {
    const { client, remote } = setUp();
    expect([client.ip, remote.ip]).toEqual(['10.244.1.2', '10.244.2.2']);
    expect(client.hostVeth.name).toMatch(/^veth[0-9a-f]{8}$/);
    expect(client.hostVeth.master?.name).toBe('cni0');
    expect(client.podVeth.peer).toBe(client.hostVeth);
    expect(client.namespace.routes.list().map((route) => route.dev.name)).toEqual(['eth0', 'eth0']);
  });

  it('passes CHECK for a pod as set up, and names what is broken otherwise', () => {
    const { network, client } = setUp();
    expect(network.checkPod('default', 'client')).toEqual([]);
    client.namespace.deleteRoute('default');
    client.node.bridge.detach(client.hostVeth);
    expect(network.checkPod('default', 'client')).toEqual([
      'no default route via 10.244.1.1',
      `${client.hostVeth.name} is not a port of cni0`,
    ]);
    expect(network.checkPod('default', 'nobody')).toEqual(['pod default/nobody has no network namespace']);
  });

  it('makes a removed pod unreachable (No route to host), and reaches a new pod given its address', () => {
    const { network, client, remote } = setUp();
    network.removePod('default', 'web');
    expect(network.node('kind-worker2')!.namespace.device(remote.hostVeth.name)).toBeUndefined();
    expect(dataPlane.request(client.namespace, { protocol: 'tcp', dst: remote.ip, dstPort: 80 })).toMatchObject({
      code: 'EHOSTUNREACH',
    });
    const next = network.addPod('kind-worker2', { namespace: 'default', name: 'web-2', ip: remote.ip });
    serve(next.namespace);
    expect(next.ip).toBe(remote.ip);
    expect(dataPlane.request(client.namespace, { protocol: 'tcp', dst: next.ip, dstPort: 80 })).toMatchObject({
      ok: true,
      server: next.namespace,
    });
  });

  it('removes a node with its pods and the other nodes’ routes to it', () => {
    const { network, client, remote } = setUp();
    network.removeNode('kind-worker2');
    expect(network.pod('default', 'web')).toBeUndefined();
    expect(network.node('kind-worker')!.namespace.routes.lookup(0x0af40202)?.dst.prefix).toBe(0);
    expect(dataPlane.request(client.namespace, { protocol: 'tcp', dst: remote.ip, dstPort: 80 })).toMatchObject({
      code: 'EHOSTUNREACH',
    });
  });

  it.each([
    [{ name: 'kind-worker', ip: '172.18.0.9', podCidr: '10.244.9.0/24' }, 'already exists'],
    [{ name: 'kind-worker3', ip: '172.18.0', podCidr: '10.244.9.0/24' }, 'invalid node'],
  ])('refuses the node %j', (spec, message) => {
    expect(() => setUp().network.addNode(spec)).toThrow(message);
  });

  it('refuses a second network for the same pod, and pods on unknown nodes', () => {
    const { network } = setUp();
    expect(() => network.addPod('kind-worker', { namespace: 'default', name: 'client' })).toThrow(
      'already has a network namespace',
    );
    expect(() => network.addPod('kind-worker9', { namespace: 'default', name: 'x' })).toThrow(
      'node kind-worker9 has no network',
    );
  });
});
