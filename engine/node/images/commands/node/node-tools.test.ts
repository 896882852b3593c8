import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../../lab/clock.ts';
import { acceptAll } from '../../../../network/accept-all-filter.ts';
import { DataPlane } from '../../../../network/data-plane.ts';
import { NetfilterStack } from '../../../../network/netfilter/netfilter-stack.ts';
import { renderBridgeLink } from '../../../../network/render/bridge.ts';
import { renderIpAddr } from '../../../../network/render/ip-addr.ts';
import { kindCluster } from '../../../../network/topology/kind-cluster.ts';
import { overlayMode } from '../../../../network/topology/overlay.ts';
import { seededRandom } from '../../../../scheduler/seeded-random.ts';
import type { NodeAccess, RuntimeView } from '../../node-access.ts';
import { loopbackNetwork } from '../../process/loopback-network.ts';
import { MemoryFilesystem } from '../../process/memory-filesystem.ts';
import type { NetworkAccess } from '../../program.ts';
import { runInImage } from '../../testing/run-image.ts';

const START = Date.UTC(2026, 10, 23, 10, 0, 0);
const NETNS = 'cni-4df6e814-7106-22eb-eda4-d16a3ef2a1fb';

const RULES = `*nat
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
:KUBE-SERVICES - [0:0]
:KUBE-SVC-WEB - [0:0]
-A PREROUTING -j KUBE-SERVICES
-A KUBE-SERVICES -d 10.96.0.80/32 -p tcp -m tcp --dport 80 -j KUBE-SVC-WEB
-A KUBE-SVC-WEB -p tcp -m tcp -j DNAT --to-destination 10.244.2.2:80
COMMIT
`;

const runtime: RuntimeView = {
  sandboxes: () => [
    {
      id: 'a'.repeat(64),
      createdAt: START - 90_000,
      ready: true,
      name: 'web',
      namespace: 'default',
      uid: 'u1',
      attempt: 0,
    },
    {
      id: 'b'.repeat(64),
      createdAt: START - 5_000,
      ready: false,
      name: 'done',
      namespace: 'default',
      uid: 'u2',
      attempt: 1,
    },
  ],
  containers: () => [
    {
      id: 'c'.repeat(64),
      imageId: `sha256:${'d'.repeat(64)}`,
      imageName: 'docker.io/library/nginx:latest',
      createdAt: START - 80_000,
      state: 'running',
      name: 'nginx',
      attempt: 0,
      podSandboxId: 'a'.repeat(64),
      podName: 'web',
      podNamespace: 'default',
      log: () => [
        { stream: 'stdout', text: 'started', newline: true },
        { stream: 'stderr', text: 'warning', newline: true },
        { stream: 'stdout', text: 'GET / 200', newline: true },
      ],
    },
    {
      id: 'e'.repeat(64),
      imageId: `sha256:${'f'.repeat(64)}`,
      imageName: 'docker.io/library/busybox:latest',
      createdAt: START - 4_000,
      state: 'exited',
      name: 'job',
      attempt: 2,
      podSandboxId: 'b'.repeat(64),
      podName: 'done',
      podNamespace: 'default',
      log: () => [],
    },
  ],
  images: () => [
    { name: 'docker.io/library/busybox:latest', id: `sha256:${'f'.repeat(64)}`, sizeBytes: 2_155_779 },
    { name: 'docker.io/library/nginx:latest', id: `sha256:${'d'.repeat(64)}`, sizeBytes: 72_195_292 },
    { name: 'registry.k8s.io/pause:3.10', id: `sha256:${'9'.repeat(64)}`, sizeBytes: 320_368 },
  ],
};

/** kind-worker's netfilter holds a Service's DNAT; its pod `client` has opened a connection through it. */
function setUp() {
  const clock = new VirtualClock(START, () => 0);
  const stack = new NetfilterStack({ clock, random: seededRandom(1) });
  const network = kindCluster(overlayMode, seededRandom(42), (name) =>
    name === 'node/kind-worker' ? stack : acceptAll,
  );
  expect(stack.iptables.restore(RULES, { noflush: true }).ok).toBe(true);
  const client = network.addPod('kind-worker', { namespace: 'default', name: 'client' });
  const web = network.addPod('kind-worker2', { namespace: 'default', name: 'web' });
  web.namespace.listen('tcp', '0.0.0.0', 80, () => 'ok', 'nginx');
  expect(new DataPlane().request(client.namespace, { protocol: 'tcp', dst: '10.96.0.80', dstPort: 80 }).ok).toBe(true);
  const root = network.node('kind-worker')!.namespace;
  const inNamespace = (namespace: typeof root): NetworkAccess =>
    Object.assign(
      loopbackNetwork(new MemoryFilesystem({}), () => []),
      { namespace: () => namespace },
    );
  const node: NodeAccess = {
    network: {
      namespace: () => root,
      netfilter: () => stack,
      netns: () => [{ name: NETNS, namespace: client.namespace }],
      enter: (namespace) => inNamespace(namespace),
    },
    runtime,
  };
  return { clock, node, root, client, hostNetwork: inNamespace(root), podNetwork: inNamespace(client.namespace) };
}

describe('the node tools in a kubectl debug node/ container', () => {
  it('lists the pods’ namespaces with ip netns, by the ID the node’s namespace gives each', async () => {
    const { node, hostNetwork } = setUp();
    const { stdout } = await runInImage('busybox', ['ip', 'netns'], { node, network: hostNetwork });
    expect(stdout).toBe(`${NETNS} (id: 0)\n`);
  });

  it('runs a command in a pod’s namespace with ip netns exec', async () => {
    const { node, client, hostNetwork } = setUp();
    const inside = await runInImage('busybox', ['ip', 'netns', 'exec', NETNS, 'ip', '-4', 'addr'], {
      node,
      network: hostNetwork,
    });
    expect(inside.stdout).toBe(renderIpAddr(client.namespace));
    const missing = await runInImage('busybox', ['ip', 'netns', 'exec', 'cni-nope', 'ip', 'a'], { node });
    expect([missing.status, missing.stderr]).toEqual([
      1,
      'Cannot open network namespace "cni-nope": No such file or directory\n',
    ]);
  });

  it('prints the node’s interfaces with ip addr and its bridge ports with bridge link', async () => {
    const { node, root, hostNetwork } = setUp();
    expect((await runInImage('busybox', ['ip', 'a'], { node, network: hostNetwork })).stdout).toBe(renderIpAddr(root));
    const bridge = await runInImage('busybox', ['bridge', 'link'], { node, network: hostNetwork });
    expect(bridge.stdout).toBe(renderBridgeLink(root));
    expect(bridge.stdout).toMatch(/^5: veth[0-9a-f]{8}@if2: .* master cni0 state forwarding priority 32 cost 2\n$/);
  });

  it('prints the tables with iptables-save, one table with -t, and its rules with iptables -S', async () => {
    const { node, clock, hostNetwork } = setUp();
    const options = { node, network: hostNetwork, clock };
    const saved = await runInImage('busybox', ['iptables-save', '-t', 'nat'], options);
    expect(saved.stdout).toMatch(
      /^# Generated by iptables-save v1\.8\.10 \(nf_tables\) on Mon Nov 23 10:00:00 2026\n\*nat\n/,
    );
    expect(saved.stdout).toContain('-A KUBE-SVC-WEB -p tcp -m tcp -j DNAT --to-destination 10.244.2.2:80\n');
    expect((await runInImage('busybox', ['iptables', '-t', 'nat', '-S', 'KUBE-SVC-WEB'], options)).stdout).toBe(
      '-N KUBE-SVC-WEB\n-A KUBE-SVC-WEB -p tcp -m tcp -j DNAT --to-destination 10.244.2.2:80\n',
    );
    const missing = await runInImage('busybox', ['iptables-save', '-t', 'nope'], options);
    expect([missing.status, missing.stderr]).toEqual([1, "iptables-save: Unable to initialize table 'nope'\n"]);
  });

  it('lists a table’s chains with iptables -L as iptables 1.8 prints them, names without -n', async () => {
    const { node, hostNetwork } = setUp();
    const header = 'target     prot opt source               destination         ';
    const listed = await runInImage('busybox', ['iptables', '-t', 'nat', '-nL'], { node, network: hostNetwork });
    expect(listed.stdout).toBe(
      [
        'Chain PREROUTING (policy ACCEPT)',
        header,
        'KUBE-SERVICES  all  --  0.0.0.0/0            0.0.0.0/0           ',
        '',
        'Chain INPUT (policy ACCEPT)',
        header,
        '',
        'Chain OUTPUT (policy ACCEPT)',
        header,
        '',
        'Chain POSTROUTING (policy ACCEPT)',
        header,
        '',
        'Chain KUBE-SERVICES (1 references)',
        header,
        'KUBE-SVC-WEB  tcp  --  0.0.0.0/0            10.96.0.80           tcp dpt:80',
        '',
        'Chain KUBE-SVC-WEB (1 references)',
        header,
        'DNAT       tcp  --  0.0.0.0/0            0.0.0.0/0            tcp to:10.244.2.2:80',
        '',
      ].join('\n'),
    );
    const named = await runInImage('busybox', ['iptables', '-t', 'nat', '-L', 'KUBE-SERVICES'], {
      node,
      network: hostNetwork,
    });
    expect(named.stdout.split('\n')[2]).toBe(
      'KUBE-SVC-WEB  tcp  --  anywhere             10.96.0.80           tcp dpt:http',
    );
    const verbose = await runInImage('busybox', ['iptables', '-nvL'], { node, network: hostNetwork });
    expect(verbose.status).toBe(2);
  });

  it('shows the DNATed connection with conntrack -L and counts it with -C', async () => {
    const { node, clock, hostNetwork } = setUp();
    const options = { node, network: hostNetwork, clock };
    const listed = await runInImage('busybox', ['conntrack', '-L', '-p', 'tcp'], options);
    expect(listed.stdout).toMatch(
      /^tcp {6}6 \d+ \S+ src=10\.244\.1\.2 dst=10\.96\.0\.80 sport=\d+ dport=80 src=10\.244\.2\.2 dst=10\.244\.1\.2 sport=80 dport=\d+ .*mark=0 use=1\n$/,
    );
    expect(listed.stderr).toBe('conntrack v1.4.7 (conntrack-tools): 1 flow entries have been shown.\n');
    expect((await runInImage('busybox', ['conntrack', '-C'], options)).stdout).toMatch(/^\d+\n$/);
  });

  it('prints the IPVS table with ipvsadm -Ln', async () => {
    const { node, hostNetwork } = setUp();
    node.network!.netfilter()!.ipvs.addVirtualServer({ protocol: 'tcp', address: '10.96.0.80', port: 80 });
    const { stdout } = await runInImage('busybox', ['ipvsadm', '-Ln'], { node, network: hostNetwork });
    expect(stdout).toBe(
      'IP Virtual Server version 1.2.1 (size=4096)\nProt LocalAddress:Port Scheduler Flags\n  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\nTCP  10.96.0.80:80 rr\n',
    );
  });

  it('lists running containers with crictl ps, all with -a, and sandboxes with crictl pods, as crictl prints them', async () => {
    const { node, clock } = setUp();
    expect((await runInImage('busybox', ['crictl', 'ps'], { node, clock })).stdout).toBe(
      [
        'CONTAINER           IMAGE               CREATED              STATE               NAME                ATTEMPT             POD ID              POD                 NAMESPACE',
        'ccccccccccccc       ddddddddddddd       About a minute ago   Running             nginx               0                   aaaaaaaaaaaaa       web                 default',
        '',
      ].join('\n'),
    );
    const all = (await runInImage('busybox', ['crictl', 'ps', '-a', '-q'], { node, clock })).stdout;
    expect(all).toBe(`${'e'.repeat(64)}\n${'c'.repeat(64)}\n`);
    expect((await runInImage('busybox', ['crictl', 'pods'], { node, clock })).stdout).toBe(
      [
        'POD ID              CREATED              STATE               NAME                NAMESPACE           ATTEMPT             RUNTIME',
        'bbbbbbbbbbbbb       5 seconds ago        NotReady            done                default             1                   (default)',
        'aaaaaaaaaaaaa       About a minute ago   Ready               web                 default             0                   (default)',
        '',
      ].join('\n'),
    );
  });

  it('lists the node’s images with crictl images and prints a container’s log with crictl logs', async () => {
    const { node } = setUp();
    expect((await runInImage('busybox', ['crictl', 'images'], { node })).stdout).toBe(
      [
        'IMAGE                       TAG                 IMAGE ID            SIZE',
        'docker.io/library/busybox   latest              fffffffffffff       2.16MB',
        'docker.io/library/nginx     latest              ddddddddddddd       72.2MB',
        'registry.k8s.io/pause       3.10                9999999999999       320kB',
        '',
      ].join('\n'),
    );
    const logs = await runInImage('busybox', ['crictl', 'logs', 'cccc'], { node });
    expect([logs.stdout, logs.stderr]).toEqual(['started\nGET / 200\n', 'warning\n']);
    expect((await runInImage('busybox', ['crictl', 'logs', '--tail', '1', 'cccc'], { node })).stdout).toBe(
      'GET / 200\n',
    );
    const missing = await runInImage('busybox', ['crictl', 'logs', 'abc'], { node });
    expect(missing.stderr).toBe(
      'FATA[0000] rpc error: code = NotFound desc = an error occurred when try to find container "abc": not found\n',
    );
  });

  it('finds nothing of a node in a pod’s own namespaces', async () => {
    const { client, podNetwork } = setUp();
    expect((await runInImage('busybox', ['ip', 'addr'], { network: podNetwork })).stdout).toBe(
      renderIpAddr(client.namespace),
    );
    expect((await runInImage('busybox', ['ip', 'netns'], { network: podNetwork })).stdout).toBe('');
    expect((await runInImage('busybox', ['iptables-save'], { network: podNetwork })).stdout).toBe('');
    expect((await runInImage('busybox', ['bridge', 'fdb'], { network: podNetwork })).stdout).toBe('');
    const crictl = await runInImage('busybox', ['crictl', 'pods']);
    expect(crictl.status).toBe(1);
    expect(crictl.stderr).toMatch(
      /^FATA\[0000\] validate service connection: validate CRI v1 runtime API for endpoint/,
    );
  });
});
