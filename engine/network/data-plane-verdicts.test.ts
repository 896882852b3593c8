// The walk honours the netfilter verdicts: a tiny fake filter DNATs a ClusterIP to a pod (and, as conntrack would,
// restores the answer's source), drops, or rejects — at the hook and in the namespace a test picks.
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../scheduler/seeded-random.ts';
import { acceptAll } from './accept-all-filter.ts';
import { DummyDevice } from './device.ts';
import { DataPlane } from './data-plane.ts';
import type { Hook, HookContext, PacketFilter, Verdict } from './netfilter/packet-filter.ts';
import type { Packet, TraceHop } from './packet.ts';
import { kindCluster } from './topology/kind-cluster.ts';
import { overlayMode } from './topology/overlay.ts';

const VIP = '10.96.0.10';

interface FakeRules {
  /** Hooks where a packet to VIP:80 is DNATed to the backend's port 8080. */
  dnatAt?: Hook[];
  /** Whether the answer's source is turned back into VIP:80 (what conntrack does). */
  reverse?: boolean;
  dropAt?: Hook;
  rejectAt?: Hook;
}

/** A node filter following `rules`, with the backend known once the pod exists; records what it saw. */
function fakeFilter(rules: FakeRules, backend: () => string, seen: string[]): PacketFilter {
  return {
    run(hook: Hook, packet: Packet, context: HookContext, trace: TraceHop[]): Verdict {
      seen.push(`${context.namespace} ${hook} in=${context.inInterface ?? '-'} out=${context.outInterface ?? '-'}`);
      if (hook === rules.dropAt) return { verdict: 'DROP', reason: 'fake DROP' };
      if (hook === rules.rejectAt) return { verdict: 'REJECT', reason: 'fake REJECT (icmp-port-unreachable)' };
      if (rules.dnatAt?.includes(hook) && packet.dst === VIP && packet.dstPort === 80) {
        trace.push({
          kind: 'nat',
          namespace: context.namespace,
          type: 'DNAT',
          from: `${VIP}:80`,
          to: `${backend()}:8080`,
          summary: 'DNAT',
        });
        return { verdict: 'ACCEPT', packet: { ...packet, dst: backend(), dstPort: 8080 }, reroute: true };
      }
      if (rules.reverse && packet.src === backend() && packet.srcPort === 8080) {
        return { verdict: 'ACCEPT', packet: { ...packet, src: VIP, srcPort: 80 } };
      }
      return { verdict: 'ACCEPT', packet };
    },
  };
}

function setUp(rules: FakeRules) {
  const seen: string[] = [];
  let backendIp = '';
  const filter = fakeFilter(rules, () => backendIp, seen);
  const network = kindCluster(overlayMode, seededRandom(5), (name) =>
    name === 'node/kind-worker' ? filter : acceptAll,
  );
  const client = network.addPod('kind-worker', { namespace: 'default', name: 'client' });
  const backend = network.addPod('kind-worker2', { namespace: 'default', name: 'web' });
  backendIp = backend.ip;
  backend.namespace.listen(
    'tcp',
    '0.0.0.0',
    8080,
    (_payload, packet) => `${packet.src} → ${packet.dst}:${packet.dstPort}`,
    'web',
  );
  return { network, client, backend, seen };
}

const dataPlane = new DataPlane();

describe('the walk and netfilter verdicts', () => {
  it('routes a DNATed request to the backend on the other node, and accepts the answer conntrack restored', () => {
    const { client, backend, seen } = setUp({ dnatAt: ['PREROUTING'], reverse: true });
    const trace: TraceHop[] = [];
    const result = dataPlane.request(client.namespace, { protocol: 'tcp', dst: VIP, dstPort: 80 }, trace);
    expect(result).toMatchObject({ ok: true, answer: `${client.ip} → ${backend.ip}:8080`, server: backend.namespace });
    expect(trace).toContainEqual(expect.objectContaining({ kind: 'nat', type: 'DNAT', namespace: 'node/kind-worker' }));
    expect(seen.slice(0, 3)).toEqual([
      'node/kind-worker PREROUTING in=cni0 out=-',
      'node/kind-worker FORWARD in=cni0 out=flannel.1',
      'node/kind-worker POSTROUTING in=cni0 out=flannel.1',
    ]);
  });

  it('times out when nothing turns the answer’s source back into the ClusterIP', () => {
    const { client } = setUp({ dnatAt: ['PREROUTING'] });
    const trace: TraceHop[] = [];
    expect(dataPlane.request(client.namespace, { protocol: 'tcp', dst: VIP, dstPort: 80 }, trace)).toMatchObject({
      code: 'ETIMEDOUT',
    });
    expect(trace.at(-1)).toMatchObject({ kind: 'drop', namespace: 'pod/default/client' });
  });

  it('routes again after a DNAT in OUTPUT: a node reaches the ClusterIP', () => {
    const { network, backend } = setUp({ dnatAt: ['OUTPUT'], reverse: true });
    const trace: TraceHop[] = [];
    const result = dataPlane.request(
      network.node('kind-worker')!.namespace,
      { protocol: 'tcp', dst: VIP, dstPort: 80 },
      trace,
    );
    expect(result).toMatchObject({ ok: true, server: backend.namespace });
    const routes = trace
      .filter((hop) => hop.kind === 'route' && hop.namespace === 'node/kind-worker')
      .map((hop) => (hop as { route: string }).route);
    expect(routes.slice(0, 2)).toEqual([
      'default via 172.18.0.1 dev eth0',
      '10.244.2.0/24 via 10.244.2.0 dev flannel.1 onlink',
    ]);
  });

  it('sends the packet on towards the real server after a DNAT at INPUT (IPVS on kube-ipvs0)', () => {
    const { network, client, backend } = setUp({ dnatAt: ['INPUT'], reverse: true });
    const node = network.node('kind-worker')!.namespace;
    node.addDevice(new DummyDevice('kube-ipvs0', '02:00:00:00:0f:0f', 1500));
    node.addAddress('kube-ipvs0', `${VIP}/32`);
    expect(dataPlane.request(client.namespace, { protocol: 'tcp', dst: VIP, dstPort: 80 })).toMatchObject({
      ok: true,
      server: backend.namespace,
    });
  });

  it.each([
    ['DROP', 'FORWARD', 'ETIMEDOUT', 'drop'],
    ['REJECT', 'PREROUTING', 'ECONNREFUSED', 'reject'],
    ['DROP', 'POSTROUTING', 'ETIMEDOUT', 'drop'],
  ] as const)('stops at a %s in %s: the program sees %s', (verdict, hook, code, kind) => {
    const { client, backend } = setUp(verdict === 'DROP' ? { dropAt: hook } : { rejectAt: hook });
    const trace: TraceHop[] = [];
    expect(
      dataPlane.request(client.namespace, { protocol: 'tcp', dst: backend.ip, dstPort: 8080 }, trace),
    ).toMatchObject({ ok: false, code });
    expect(trace.at(-1)).toMatchObject({
      kind,
      namespace: 'node/kind-worker',
      reason: `${hook}: fake ${verdict}${verdict === 'REJECT' ? ' (icmp-port-unreachable)' : ''}`,
    });
  });

  it('passes bridged frames between two pods of one node through the node’s hooks (bridge-nf-call-iptables)', () => {
    const { network, client, seen } = setUp({});
    const neighbour = network.addPod('kind-worker', { namespace: 'default', name: 'neighbour' });
    neighbour.namespace.listen('tcp', '0.0.0.0', 80, () => 'hi', 'web');
    expect(dataPlane.request(client.namespace, { protocol: 'tcp', dst: neighbour.ip, dstPort: 80 })).toMatchObject({
      answer: 'hi',
    });
    expect(seen.slice(0, 3)).toEqual([
      'node/kind-worker PREROUTING in=cni0 out=-',
      'node/kind-worker FORWARD in=cni0 out=cni0',
      'node/kind-worker POSTROUTING in=cni0 out=cni0',
    ]);
  });
});
