import { describe, expect, it } from 'vitest';
import { acceptAll } from './accept-all-filter.ts';
import { createVethPair, DummyDevice } from './device.ts';
import { DataPlane } from './data-plane.ts';
import { NetworkNamespace } from './namespace.ts';
import type { TraceHop } from './packet.ts';
import { REFUSE } from './socket-table.ts';

let macs = 0;
function mac(): string {
  macs += 1;
  return `02:00:00:00:00:${macs.toString(16).padStart(2, '0')}`;
}

/** Joins two namespaces with a veth pair, `a` and `b` being the ends' addresses (with their prefix). */
function link(left: NetworkNamespace, a: string, right: NetworkNamespace, b: string, names = ['eth0', 'eth0']): void {
  const [l, r] = createVethPair({ name: names[0]!, mac: mac() }, { name: names[1]!, mac: mac() }, 1500);
  left.addDevice(l);
  right.addDevice(r);
  left.addAddress(l.name, a);
  right.addAddress(r.name, b);
}

/** client (10.0.0.1) — veth — router r1 (10.0.0.254, 10.1.0.1) — veth — router r2 (10.1.0.2, 10.2.0.254) — server (10.2.0.1). */
function chain() {
  const client = new NetworkNamespace('client', acceptAll);
  const r1 = new NetworkNamespace('r1', acceptAll);
  const r2 = new NetworkNamespace('r2', acceptAll);
  const server = new NetworkNamespace('server', acceptAll);
  link(client, '10.0.0.1/24', r1, '10.0.0.254/24', ['eth0', 'left']);
  link(r1, '10.1.0.1/30', r2, '10.1.0.2/30', ['right', 'left']);
  link(r2, '10.2.0.254/24', server, '10.2.0.1/24', ['right', 'eth0']);
  client.addRoute({ dst: 'default', via: '10.0.0.254', dev: 'eth0' });
  r1.addRoute({ dst: '10.2.0.0/24', via: '10.1.0.2', dev: 'right' });
  r2.addRoute({ dst: '10.0.0.0/24', via: '10.1.0.1', dev: 'left' });
  server.addRoute({ dst: 'default', via: '10.2.0.254', dev: 'eth0' });
  r1.ipForward = true;
  r2.ipForward = true;
  server.listen(
    'tcp',
    '0.0.0.0',
    80,
    (payload, packet) => ({ echo: payload, from: packet.src, ttl: packet.ttl }),
    'httpd',
  );
  return { client, r1, r2, server };
}

const dataPlane = new DataPlane();

function kinds(trace: TraceHop[]): string[] {
  return trace.map((hop) => hop.kind);
}

describe('DataPlane', () => {
  it('delivers a request over a veth pair and brings the answer back', () => {
    const a = new NetworkNamespace('a', acceptAll);
    const b = new NetworkNamespace('b', acceptAll);
    link(a, '10.0.0.1/24', b, '10.0.0.2/24');
    b.listen('tcp', '0.0.0.0', 80, (payload) => `hello ${String(payload)}`, 'httpd');
    const trace: TraceHop[] = [];
    const result = dataPlane.request(a, { protocol: 'tcp', dst: '10.0.0.2', dstPort: 80, payload: 'you' }, trace);
    expect(result).toMatchObject({ ok: true, answer: 'hello you', server: b });
    expect(kinds(trace)).toEqual([
      'socket',
      'route',
      'device',
      'neighbour',
      'device',
      'deliver',
      'socket',
      'route',
      'device',
      'neighbour',
      'device',
      'socket',
    ]);
    expect(trace[1]).toMatchObject({ route: '10.0.0.0/24 dev eth0 proto kernel scope link src 10.0.0.1' });
  });

  it('routes through two forwarding namespaces, decrementing the TTL on each', () => {
    const { client } = chain();
    const result = dataPlane.request(client, { protocol: 'tcp', dst: '10.2.0.1', dstPort: 80, payload: 'x' });
    expect(result).toMatchObject({ ok: true, answer: { echo: 'x', from: '10.0.0.1', ttl: 62 } });
  });

  it('sends one packet and reports where it was delivered, after forwarding', () => {
    const { client, server } = chain();
    const result = dataPlane.send(client, { protocol: 'udp', dst: '10.2.0.1', dstPort: 514, payload: 'log line' });
    expect(result).toMatchObject({
      ok: true,
      namespace: server,
      packet: { src: '10.0.0.1', ttl: 62, payload: 'log line' },
    });
  });

  it('keeps a connection’s requests on one source port', () => {
    const { client, server } = chain();
    const ports: number[] = [];
    server.listen('tcp', '0.0.0.0', 8080, (_payload, packet) => ports.push(packet.srcPort), 'counter');
    const connection = dataPlane.connect(client, { protocol: 'tcp', dst: '10.2.0.1', dstPort: 8080 });
    if (!connection.ok) throw new Error(connection.message);
    expect(connection.src).toBe('10.0.0.1');
    expect([connection.request('a').ok, connection.request('b').ok]).toEqual([true, true]);
    expect(ports).toEqual([connection.srcPort, connection.srcPort]);
    client.deleteRoute('default');
    expect(dataPlane.connect(client, { protocol: 'tcp', dst: '10.2.0.1', dstPort: 8080 })).toMatchObject({
      ok: false,
      code: 'ENETUNREACH',
    });
  });

  it('runs a request without a trace the same way', () => {
    const { client } = chain();
    const result = dataPlane.request(client, { protocol: 'tcp', dst: '10.2.0.1', dstPort: 80 });
    expect(result.ok).toBe(true);
    expect(result.trace).toBeUndefined();
  });

  it.each([
    ['tcp', 'TCP RST'],
    ['udp', 'ICMP port unreachable'],
  ] as const)('refuses a %s request nobody listens for (%s)', (protocol, answer) => {
    const { client } = chain();
    const trace: TraceHop[] = [];
    const result = dataPlane.request(client, { protocol, dst: '10.2.0.1', dstPort: 81 }, trace);
    expect(result).toMatchObject({ ok: false, code: 'ECONNREFUSED', message: 'Connection refused' });
    expect(trace.at(-1)).toMatchObject({
      kind: 'reject',
      namespace: 'server',
      reason: `nothing listens on ${protocol} 10.2.0.1:81 (${answer})`,
    });
  });

  it('refuses when the program resets the connection', () => {
    const { client, server } = chain();
    server.listen('tcp', '10.2.0.1', 8080, () => REFUSE, 'picky');
    expect(dataPlane.request(client, { protocol: 'tcp', dst: '10.2.0.1', dstPort: 8080 })).toMatchObject({
      code: 'ECONNREFUSED',
    });
  });

  it('answers an ICMP echo request from the kernel', () => {
    const { client } = chain();
    expect(dataPlane.request(client, { protocol: 'icmp', dst: '10.2.0.1', dstPort: 0, payload: 'ping' })).toMatchObject(
      { ok: true, answer: 'ping' },
    );
  });

  it('reaches its own sockets through lo', () => {
    const { server } = chain();
    server.listen('tcp', '127.0.0.1', 9000, () => 'local', 'agent');
    const trace: TraceHop[] = [];
    expect(dataPlane.request(server, { protocol: 'tcp', dst: '127.0.0.1', dstPort: 9000 }, trace)).toMatchObject({
      answer: 'local',
    });
    expect(trace).toContainEqual(expect.objectContaining({ kind: 'device', device: 'lo', direction: 'ingress' }));
    expect(dataPlane.request(server, { protocol: 'tcp', dst: '10.2.0.1', dstPort: 80 })).toMatchObject({
      answer: { from: '10.2.0.1' },
    });
  });

  it.each([
    ['the sender has no route', 'client', '172.30.0.1', 'ENETUNREACH', 'Network is unreachable'],
    ['a router has no route', 'r1', '10.9.0.1', 'ENETUNREACH', 'Network is unreachable'],
    ['nobody answers ARP on the last link', 'r2', '10.2.0.77', 'EHOSTUNREACH', 'No route to host'],
  ])('fails when %s', (_case, from, dst, code, message) => {
    const namespaces = chain();
    if (from === 'client') namespaces.client.deleteRoute('default');
    const trace: TraceHop[] = [];
    const result = dataPlane.request(namespaces.client, { protocol: 'tcp', dst, dstPort: 80 }, trace);
    expect(result).toMatchObject({ ok: false, code, message });
    expect(trace.at(-1)).toMatchObject({ kind: 'reject', namespace: from });
  });

  it('leaves FAILED in the neighbour table after an unanswered ARP request', () => {
    const { client, r2 } = chain();
    dataPlane.request(client, { protocol: 'tcp', dst: '10.2.0.77', dstPort: 80 });
    expect([...r2.device('right')!.neighbours.values()]).toContainEqual({ mac: undefined, state: 'FAILED' });
  });

  it('drops silently where ip_forward is off, and the sender times out', () => {
    const { client, r1 } = chain();
    r1.ipForward = false;
    const trace: TraceHop[] = [];
    expect(dataPlane.request(client, { protocol: 'tcp', dst: '10.2.0.1', dstPort: 80 }, trace)).toMatchObject({
      code: 'ETIMEDOUT',
      message: 'Connection timed out',
    });
    expect(trace.at(-1)).toMatchObject({ kind: 'drop', reason: 'r1 does not forward (net.ipv4.ip_forward = 0)' });
  });

  it.each([
    [64, 'r2'],
    [5, 'r1'],
  ])('stops a routing loop when the TTL runs out (sent with TTL %d, expires in %s)', (ttl, where) => {
    const { client, r1, r2 } = chain();
    r1.addRoute({ dst: '10.9.0.0/16', via: '10.1.0.2', dev: 'right' });
    r2.addRoute({ dst: '10.9.0.0/16', via: '10.1.0.1', dev: 'left' });
    const trace: TraceHop[] = [];
    const result = dataPlane.request(client, { protocol: 'tcp', dst: '10.9.0.1', dstPort: 80, ttl }, trace);
    expect(result).toMatchObject({ ok: false, code: 'TTL_EXCEEDED', message: 'Time to live exceeded' });
    expect(trace.at(-1)).toMatchObject({
      kind: 'reject',
      namespace: where,
      reason: `TTL exceeded in ${where} (ICMP time exceeded)`,
    });
    expect(trace.filter((hop) => hop.kind === 'route' && hop.namespace !== 'client')).toHaveLength(ttl - 1);
  });

  it('gives dummy devices local addresses that carry no packets', () => {
    const node = new NetworkNamespace('node/kind-worker', acceptAll);
    const ipvs = new DummyDevice('kube-ipvs0', mac(), 1500);
    node.addDevice(ipvs);
    node.addAddress('kube-ipvs0', '10.96.0.10/32');
    node.listen('tcp', '0.0.0.0', 53, () => 'dns', 'coredns');
    expect(dataPlane.request(node, { protocol: 'tcp', dst: '10.96.0.10', dstPort: 53 })).toMatchObject({
      answer: 'dns',
    });
    node.addRoute({ dst: '10.97.0.0/16', dev: 'kube-ipvs0' });
    expect(dataPlane.request(node, { protocol: 'tcp', dst: '10.97.0.1', dstPort: 53 })).toMatchObject({
      code: 'ETIMEDOUT',
    });
  });
});
