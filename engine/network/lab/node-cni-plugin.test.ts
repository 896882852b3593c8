import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../lab/clock.ts';
import type { PortListener } from '../../node/images/process/loopback-network.ts';
import type { ContainerFilesystem } from '../../node/images/program.ts';
import type { SandboxNetworkRequest } from '../../node/runtime/pod-network.ts';
import { seededRandom } from '../../scheduler/seeded-random.ts';
import { DataPlane } from '../data-plane.ts';
import { ClusterNetwork } from '../topology/cluster-network.ts';
import { overlayMode } from '../topology/overlay.ts';
import { NodeCniPlugin } from './node-cni-plugin.ts';
import { TraceLog } from './trace-log.ts';

const etcFiles = { get: () => undefined, keys: () => [] };

/** A container filesystem with no files: no /etc/resolv.conf, no /etc/hosts. */
const noFiles: ContainerFilesystem = {
  read: () => undefined,
  write: () => undefined,
  remove: () => false,
  list: () => undefined,
  isDirectory: () => false,
  mkdir: () => undefined,
};

/** A program answering HTTP on port 80 with the address it was reached from. */
const web: PortListener = {
  listens: (port) => port === 80,
  http: (request) => ({ status: 200, body: `hello ${request.remoteAddress}` }),
};

function request(name: string, overrides: Partial<SandboxNetworkRequest> = {}): SandboxNetworkRequest {
  return {
    sandboxId: `sandbox-${name}`,
    podNamespace: 'default',
    podName: name,
    podUid: `uid-${name}`,
    hostNetwork: false,
    etcFiles,
    listeners: () => [web],
    ...overrides,
  };
}

function setUp() {
  const network = new ClusterNetwork({ mode: overlayMode, random: seededRandom(7) });
  const joined: string[] = [];
  const attached = new Map<string, boolean>();
  const access = { dataPlane: new DataPlane(), traces: new TraceLog(), clock: new VirtualClock(0, () => 0) };
  const plugin = (nodeName: string, nodeIP: string) =>
    new NodeCniPlugin({
      network,
      nodeName,
      nodeIP,
      clusterCIDR: '10.244.0.0/16',
      access,
      netfilter: () => undefined,
      onJoined: (name) => joined.push(name),
      onAttached: (namespace, value) => attached.set(namespace, value !== undefined),
    });
  return { network, joined, attached, plugin, traces: access.traces };
}

describe('the node CNI plugin', () => {
  it('is not ready and refuses ADD until the node has its pod CIDR; then the node joins the network', () => {
    const { plugin, joined, network } = setUp();
    const node = plugin('node-1', '172.18.0.3');
    expect(node.ready).toBe(false);
    expect(() => node.add(request('web'))).toThrow(/no pod CIDR for the node yet/);
    expect(node.configure('10.244.1.0/24')).toBe(true);
    expect(node.ready).toBe(true);
    expect(joined).toEqual(['node-1']);
    expect(network.node('node-1')?.ip).toBe('172.18.0.3');
    expect(node.configure('not a cidr')).toBe(false);
  });

  it("keeps flannel's CNI configuration on the node, and its subnet file once the node joined", () => {
    const { plugin } = setUp();
    const node = plugin('node-1', '172.18.0.3');
    expect(Object.keys(node.configFiles())).toEqual(['/etc/cni/net.d/10-flannel.conflist']);
    expect(
      JSON.parse(node.configFiles()['/etc/cni/net.d/10-flannel.conflist']!).plugins.map(
        (p: { type: string }) => p.type,
      ),
    ).toEqual(['flannel', 'portmap']);
    node.configure('10.244.1.0/24');
    expect(node.configFiles()['/run/flannel/subnet.env']).toBe(
      'FLANNEL_NETWORK=10.244.0.0/16\nFLANNEL_SUBNET=10.244.1.1/24\nFLANNEL_MTU=1450\nFLANNEL_IPMASQ=true\n',
    );
  });

  it('gives a sandbox an address and a namespace where its programs answer, across nodes', async () => {
    const { plugin, attached } = setUp();
    const node1 = plugin('node-1', '172.18.0.3');
    const node2 = plugin('node-2', '172.18.0.4');
    node1.configure('10.244.1.0/24');
    node2.configure('10.244.2.0/24');
    const server = node2.add(request('web'));
    const client = node1.add(request('client', { listeners: () => [] }));
    expect(server.ip).toBe('10.244.2.2');
    expect(client.ip).toBe('10.244.1.2');
    expect(attached.get('pod/default/web')).toBe(true);
    const response = await client.access(noFiles).http(server.ip, 80, {
      method: 'GET',
      path: '/',
      headers: {},
      port: 80,
    });
    expect(response).toEqual({ status: 200, body: 'hello 10.244.1.2' });
    expect(await client.access(noFiles).connect(server.ip, 81)).toBe('refused');
  });

  it('puts host-network sandboxes in the node namespace with the node IP', async () => {
    const { plugin } = setUp();
    const node1 = plugin('node-1', '172.18.0.3');
    node1.configure('10.244.1.0/24');
    const host = node1.add(request('etcd', { hostNetwork: true }));
    const pod = node1.add(request('client', { listeners: () => [] }));
    expect(host.ip).toBe('172.18.0.3');
    expect(await pod.access(noFiles).connect('172.18.0.3', 80)).toBe('connected');
  });

  it('DEL frees the address (reused only after going round the range) and the namespace; CHECK finds what is missing', () => {
    const { plugin, network, attached } = setUp();
    const node1 = plugin('node-1', '172.18.0.3');
    node1.configure('10.244.1.0/24');
    const first = request('web');
    node1.add(first);
    expect(node1.check(first)).toEqual([]);
    network.node('node-1')!.bridge.detach(network.pod('default', 'web')!.hostVeth);
    expect(node1.check(first)[0]).toMatch(/is not a port of cni0/);
    node1.del(first);
    expect(network.pod('default', 'web')).toBeUndefined();
    expect(attached.get('pod/default/web')).toBe(false);
    expect(node1.check(first)).toEqual(['sandbox sandbox-web has no network']);
    expect(node1.add(request('again')).ip).toBe('10.244.1.3');
  });

  it('replaces the stale namespace of a pod whose old node went away, and its late DEL leaves the new one', () => {
    const { plugin, network } = setUp();
    const node1 = plugin('node-1', '172.18.0.3');
    const node2 = plugin('node-2', '172.18.0.4');
    node1.configure('10.244.1.0/24');
    node2.configure('10.244.2.0/24');
    const old = request('web-0', { sandboxId: 'old' });
    node1.add(old);
    node2.add(request('web-0', { sandboxId: 'new' }));
    expect(network.pod('default', 'web-0')?.node.name).toBe('node-2');
    node1.del(old);
    expect(network.pod('default', 'web-0')?.node.name).toBe('node-2');
  });

  it('fails ADD with the bridge plugin message when the range is exhausted', () => {
    const { plugin } = setUp();
    const node1 = plugin('node-1', '172.18.0.3');
    node1.configure('10.244.1.0/30');
    node1.add(request('a'));
    expect(() => node1.add(request('b'))).toThrow(
      /^plugin type="bridge" failed \(add\): failed to allocate for range 0: no IP addresses available/,
    );
  });
});
