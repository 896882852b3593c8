// The network panel's requests against a real lab (flannel, iptables kube-proxy): the topology with its devices,
// veth pairs and tunnels, Services with their endpoints, a trace through a Service to a pod, and bad input.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostError, NetworkTopology, NetworkTrace } from '../../engine/protocol/host-api.ts';
import { eventually } from '../../test/support/eventually.ts';
import { HostFailure, HostSession } from './host-session.ts';
import { LabHost } from './lab-host.ts';

let dir: string;
let lab: LabHost;
let session: HostSession;

const WORKLOAD = `apiVersion: lab.kubelab.io/v1alpha1
kind: Clock
metadata:
  name: cluster
spec:
  speed: 10
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
        - name: nginx
          image: nginx
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: { app: web }
  ports:
    - port: 80
`;

async function failure(call: Promise<unknown>): Promise<HostError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HostFailure);
  return (error as HostFailure).error;
}

const readyEndpoints = (topology: NetworkTopology) =>
  topology.services.find((s) => s.name === 'web')?.endpoints.filter((e) => e.ready).length ?? 0;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kubelab-network-'));
  lab = await LabHost.start({ nodes: 1, port: 0, dataDir: dir });
  await lab.waitUntilReady();
  session = new HostSession(lab, () => undefined);
  await session.call('objects.apply', { yaml: WORKLOAD, force: true });
  await eventually(
    () => session.call('network.topology', {}),
    (topology) => readyEndpoints(topology) === 2,
  );
}, 120_000);

afterAll(async () => {
  session?.close();
  await lab?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('network.topology', () => {
  it("draws every node's root namespace: eth0, the cni0 bridge, flannel.1 and routes to the other node", async () => {
    const { cni, proxyMode, nodes } = await session.call('network.topology', {});
    expect({ cni, proxyMode }).toEqual({ cni: 'flannel', proxyMode: 'iptables' });
    expect(nodes.map((n) => n.name)).toEqual(['control-plane', 'node-1']);
    const [control, worker] = nodes as [NetworkTopology['nodes'][0], NetworkTopology['nodes'][0]];
    const device = (name: string) => worker.devices.find((d) => d.name === name);
    expect(device('eth0')).toMatchObject({ kind: 'ethernet', addresses: [`${worker.ip}/16`] });
    expect(device('cni0')).toMatchObject({ kind: 'bridge', mtu: 1450 });
    expect(device('cni0')?.addresses[0]).toMatch(/^10\.244\.\d+\.1\/24$/);
    expect(device('flannel.1')?.vxlan).toEqual({ vni: 1, local: worker.ip, port: 8472, remotes: [control.ip] });
    expect(worker.tunnels).toEqual([
      expect.objectContaining({ node: control.name, podCidr: control.podCidr, kind: 'vxlan', remote: control.ip }),
    ]);
    expect(worker.routes).toContain(`${control.podCidr} via ${control.podCidr.split('/')[0]} dev flannel.1 onlink`);
  });

  it("joins each pod's eth0 to a veth on its node's bridge", async () => {
    const { nodes } = await session.call('network.topology', {});
    const pods = nodes.flatMap((node) => node.pods.map((pod) => ({ node, pod })));
    expect(pods.filter(({ pod }) => pod.name.startsWith('web-'))).toHaveLength(2);
    for (const { node, pod } of pods) {
      expect(pod.netns).toBe(`pod/${pod.namespace}/${pod.name}`);
      expect(pod.podInterface).toBe('eth0');
      const hostEnd = node.devices.find((d) => d.name === pod.hostInterface);
      expect(hostEnd).toMatchObject({ kind: 'veth', master: 'cni0', peer: { namespace: pod.netns, device: 'eth0' } });
    }
  });

  it('lists the Services with their virtual addresses and endpoints', async () => {
    const { services, nodes } = await session.call('network.topology', {});
    const web = services.find((s) => s.namespace === 'default' && s.name === 'web');
    expect(web).toMatchObject({ type: 'ClusterIP', ports: [{ protocol: 'TCP', port: 80, targetPort: '80' }] });
    const podIPs = nodes.flatMap((n) => n.pods.filter((p) => p.name.startsWith('web-')).map((p) => p.ip));
    expect(web?.endpoints.map((e) => e.ip).sort()).toEqual(podIPs.sort());
    expect(web?.endpoints.every((e) => e.port === 80 && e.pod?.startsWith('default/web-'))).toBe(true);
    expect(services.map((s) => `${s.namespace}/${s.name}`)).toEqual(
      expect.arrayContaining(['default/kubernetes', 'kube-system/kube-dns']),
    );
  });
});

describe('network.trace', () => {
  let trace: NetworkTrace;
  let from: string;

  beforeAll(async () => {
    const { nodes } = await session.call('network.topology', {});
    const client = nodes.flatMap((n) => n.pods).find((p) => p.name.startsWith('web-'))!;
    from = client.netns;
    trace = await session.call('network.trace', { from, to: 'http://web/' });
  });

  it('resolves the name through DNS, then sends the request through the Service to a pod', () => {
    expect(trace).toMatchObject({ phase: 'Succeeded', protocol: 'tcp', port: 80 });
    expect(trace.result).toMatch(/^HTTP\/1\.1 200\b/);
    expect(trace.lookups.length).toBeGreaterThan(0);
    expect(trace.lookups.at(-1)).toMatchObject({ from, protocol: 'udp', dstPort: 53, outcome: 'ok' });
    expect(trace.hops[0]).toMatchObject({ kind: 'socket', action: 'send', namespace: from });
    const dnat = trace.hops.find((hop) => hop.kind === 'nat' && hop.type === 'DNAT');
    expect(dnat).toMatchObject({ from: `${trace.address}:80` });
    const deliver = trace.hops.find((hop) => hop.kind === 'deliver' && hop.namespace.startsWith('pod/default/web-'));
    expect(deliver).toBeDefined();
  });

  it('keeps the request among those the pod sent, newest first, with its hops on demand', async () => {
    const { items } = await session.call('network.requests', { from });
    expect(items[0]).toMatchObject({
      from,
      protocol: 'tcp',
      dst: trace.address,
      dstPort: 80,
      outcome: 'ok',
      hopCount: trace.hops.length,
    });
    expect(items[0]?.time).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(items.some((request) => request.protocol === 'udp' && request.dstPort === 53)).toBe(true);
    expect((await session.call('network.request', { id: items[0]!.id })).hops).toEqual(trace.hops);
    expect(await failure(session.call('network.request', { id: 1e9 }))).toMatchObject({ code: 404 });
  });

  it("records netfilter hops whose rules are lines of the node's iptables-save", async () => {
    const hop = trace.hops.find((h) => h.kind === 'netfilter' && h.chain.startsWith('KUBE-SEP-'));
    if (hop?.kind !== 'netfilter') throw new Error('no KUBE-SEP rule hit');
    expect(hop.namespace).toMatch(/^node\//);
    const { iptablesSave, ipvs } = await session.call('network.rules', { node: hop.namespace.slice('node/'.length) });
    expect(iptablesSave.split('\n')).toContain(hop.rule);
    expect(ipvs).toContain('IP Virtual Server');
  });

  it('answers a target that does not parse with Invalid', async () => {
    expect(await failure(session.call('network.trace', { from, to: 'http://' }))).toMatchObject({
      code: 422,
      reason: 'Invalid',
      field: 'to',
    });
  });

  it("answers an unknown host with the network's answer, not an error", async () => {
    expect(await session.call('network.trace', { from, to: 'http://nowhere/' })).toMatchObject({
      phase: 'Failed',
      result: 'nowhere: NXDOMAIN',
    });
  });

  it('refuses a source that is neither a pod nor a node', async () => {
    expect(await failure(session.call('network.trace', { from: 'svc/web', to: 'http://web/' }))).toMatchObject({
      code: 400,
    });
  });
});

describe('network.rules', () => {
  it('answers 404 for a node without a network namespace', async () => {
    expect(await failure(session.call('network.rules', { node: 'node-9' }))).toMatchObject({ code: 404 });
  });
});

describe('a lab without a data plane (--cni none)', () => {
  it('answers the network requests with NotFound, saying why', async () => {
    const bare = await LabHost.start({ nodes: 0, port: 0, dataDir: join(dir, 'bare'), cni: 'none' });
    const bareSession = new HostSession(bare, () => undefined);
    try {
      expect(await failure(bareSession.call('network.topology', {}))).toMatchObject({
        code: 404,
        message: 'this lab has no data plane: it was started with --cni none',
      });
      expect(await failure(bareSession.call('network.rules', { node: 'control-plane' }))).toMatchObject({ code: 404 });
    } finally {
      bareSession.close();
      await bare.close();
    }
  });
});
