// PacketTrace on a two-node lab with the data plane, through real kubectl: a trace from a pod to a Service's URL
// resolves the name through CoreDNS, is DNATed by kube-proxy's rules to an endpoint, crosses the VXLAN tunnel and
// reaches nginx; a Service without endpoints refuses, an unknown name is NXDOMAIN, a NetworkPolicy's drop times out,
// a node can be the sender, and specs that cannot be traced are Invalid. `kubectl get ptrace` prints the columns.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/eventually.ts';
import type { Lab } from '../support/lab-server.ts';
import { removeLab, startLab } from '../support/lab-server.ts';

interface Hop {
  namespace: string;
  kind: string;
  summary: string;
  [field: string]: unknown;
}

interface TraceStatus {
  phase?: string;
  result?: string;
  address?: string;
  message?: string;
  observedGeneration?: number;
  hops?: Hop[];
  lookups?: { nameserver: string; outcome: string; hops: Hop[] }[];
}

describe('PacketTrace', () => {
  let lab: Lab;

  async function ok(args: string[], stdin?: string): Promise<string> {
    const result = await lab.kubectl(args, { timeoutMs: 100_000, ...(stdin !== undefined && { stdin }) });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    return result.stdout;
  }

  /** Applies a PacketTrace and waits for its status. */
  async function trace(name: string, from: Record<string, string>, to: string): Promise<TraceStatus> {
    const manifest = {
      apiVersion: 'lab.kubelab.io/v1alpha1',
      kind: 'PacketTrace',
      metadata: { name },
      spec: { from, to },
    };
    await ok(['apply', '-f', '-'], JSON.stringify(manifest));
    const read = async () => {
      const got = JSON.parse(await ok(['get', 'packettrace', name, '-o', 'json']));
      return { generation: got.metadata.generation as number, status: (got.status ?? {}) as TraceStatus };
    };
    const done = await eventually(read, ({ generation, status }) => status.observedGeneration === generation);
    return done.status;
  }

  beforeAll(async () => {
    lab = await startLab({ args: ['--nodes', '2'], readyTimeoutMs: 90_000 });
    await ok(['patch', 'clock', 'cluster', '--type=merge', '-p', '{"spec":{"speed":10}}']);
    const onNode2 = '{"apiVersion":"v1","spec":{"nodeName":"node-2"}}';
    await ok(['run', 'web', '--image=nginx', '--labels=app=web', '--port=80', `--overrides=${onNode2}`]);
    await ok(['expose', 'pod', 'web', '--port=80']);
    await ok(['create', 'service', 'clusterip', 'empty', '--tcp=80:80']);
    const onNode1 = '{"apiVersion":"v1","spec":{"nodeName":"node-1"}}';
    await ok(['run', 'client', '--image=busybox', `--overrides=${onNode1}`, '--', 'sleep', '3600']);
    await ok(['wait', '--for=condition=Ready', 'pod/web', 'pod/client', '--timeout=90s']);
  }, 150_000);

  afterAll(async () => {
    expect(await lab.stop()).toBe(0);
    await removeLab(lab);
  });

  it('walks a request to a Service from DNS through DNAT and the tunnel to nginx and back', async () => {
    const webIP = await ok(['get', 'pod', 'web', '-o', 'jsonpath={.status.podIP}']);
    const clusterIP = await ok(['get', 'svc', 'web', '-o', 'jsonpath={.spec.clusterIP}']);
    const status = await trace('to-web', { pod: 'client' }, 'http://web/');
    expect(status).toMatchObject({ phase: 'Succeeded', result: 'HTTP/1.1 200 OK', address: clusterIP });
    expect(status.lookups?.[0]).toMatchObject({ nameserver: '10.96.0.10', outcome: 'ok' });
    const kinds = status.hops!.map((hop) => hop.kind);
    expect(kinds[0]).toBe('socket');
    const dnat = status.hops!.find((hop) => hop.kind === 'nat' && hop['type'] === 'DNAT');
    expect(dnat).toMatchObject({ namespace: 'node/node-1', from: `${clusterIP}:80`, to: `${webIP}:80` });
    expect(status.hops!.some((hop) => hop.kind === 'encapsulation' && hop['device'] === 'flannel.1')).toBe(true);
    const delivered = status.hops!.find((hop) => hop.kind === 'deliver');
    expect(delivered?.namespace).toBe('pod/default/web');
    expect(status.hops!.at(-1)).toMatchObject({ kind: 'socket', namespace: 'pod/default/client' });
  });

  it('lists traces with their target, phase and result', async () => {
    const table = await ok(['get', 'ptrace', 'to-web']);
    expect(table.split('\n')[0]).toMatch(/^NAME\s+FROM-POD\s+TO\s+PHASE\s+RESULT\s+AGE$/);
    expect(table).toMatch(/to-web\s+client\s+http:\/\/web\/\s+Succeeded\s+HTTP\/1\.1 200 OK/);
  });

  it('reports what the network answers: refused without endpoints, NXDOMAIN for an unknown name', async () => {
    expect(await trace('to-empty', { pod: 'client' }, 'empty:80')).toMatchObject({
      phase: 'Failed',
      result: 'Connection refused',
    });
    const unknown = await trace('to-nowhere', { pod: 'client' }, 'http://nowhere/');
    expect(unknown).toMatchObject({ phase: 'Failed', result: 'nowhere: NXDOMAIN' });
    expect(unknown.lookups!.length).toBeGreaterThan(1);
  });

  it('traces from a node, and again when the spec changes', async () => {
    const webIP = await ok(['get', 'pod', 'web', '-o', 'jsonpath={.status.podIP}']);
    const fromNode = await trace('from-node', { node: 'node-1' }, webIP);
    expect(fromNode).toMatchObject({ phase: 'Succeeded', address: webIP });
    expect(fromNode.hops![0]!.namespace).toBe('node/node-1');
    const changed = await trace('from-node', { node: 'node-1' }, `${webIP}:81`);
    expect(changed).toMatchObject({ phase: 'Failed', result: 'Connection refused' });
  });

  it('marks specs it cannot trace Invalid', async () => {
    expect(await trace('ghost', { pod: 'ghost' }, 'web:80')).toMatchObject({
      phase: 'Invalid',
      message: 'pod/ghost has no network namespace',
    });
    expect(await trace('bad-target', { pod: 'client' }, 'http://web:99999/')).toMatchObject({ phase: 'Invalid' });
    expect(await trace('two-senders', { pod: 'client', node: 'node-1' }, 'web:80')).toMatchObject({
      phase: 'Invalid',
      message: 'spec.from must name exactly one of pod and node',
    });
  });

  it("shows where a NetworkPolicy drops the packet: the sender's request times out", async () => {
    const policy = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'deny-web' },
      spec: { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Ingress'] },
    };
    await ok(['apply', '-f', '-'], JSON.stringify(policy));
    let attempt = 0;
    const status = await eventually(
      () => trace(`denied-${attempt++}`, { pod: 'client' }, 'http://web/'),
      (s) => s.phase === 'Failed',
    );
    expect(status).toMatchObject({ phase: 'Failed', result: 'Connection timed out' });
    const drop = status.hops!.find((hop) => hop.kind === 'netfilter' && hop['target'] === 'DROP');
    expect(drop?.namespace).toBe('node/node-2');
  });
});
