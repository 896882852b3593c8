import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../lab/clock.ts';
import { seededRandom } from '../../scheduler/seeded-random.ts';
import { DataPlane } from '../data-plane.ts';
import type { DnsMessage } from '../dns/message.ts';
import { replyTo } from '../dns/message.ts';
import { kindCluster } from '../topology/kind-cluster.ts';
import { overlayMode } from '../topology/overlay.ts';
import { dataPlaneAccess } from './data-plane-access.ts';
import { TraceLog } from './trace-log.ts';

const RESOLV_CONF =
  'search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver DNS\noptions ndots:5\n';

function setUp(files: Record<string, string> = {}) {
  const network = kindCluster(overlayMode, seededRandom(3));
  const client = network.addPod('kind-worker', { namespace: 'default', name: 'client' });
  const dns = network.addPod('kind-worker2', { namespace: 'kube-system', name: 'coredns' });
  const web = network.addPod('kind-worker2', { namespace: 'default', name: 'web' });
  dns.namespace.listen(
    'udp',
    '0.0.0.0',
    53,
    (payload) => {
      const query = payload as DnsMessage;
      if (query.question[0]?.name !== 'web.default.svc.cluster.local.') return replyTo(query, 'NXDOMAIN');
      const reply = replyTo(query, 'NOERROR');
      reply.answer = [{ name: query.question[0].name, class: 'IN', ttl: 30, type: 'A', address: web.ip }];
      return reply;
    },
    'coredns',
  );
  web.namespace.listen('tcp', '0.0.0.0', 80, () => ({ status: 200, body: 'ok' }), 'nginx');
  const traces = new TraceLog();
  const clock = new VirtualClock(0, () => 0);
  const conf = RESOLV_CONF.replace('DNS', dns.ip);
  const access = dataPlaneAccess({
    dataPlane: new DataPlane(),
    namespace: () => client.namespace,
    fs: { read: (path) => ({ '/etc/resolv.conf': conf, ...files })[path] },
    traces,
    clock,
    program: 'client',
  });
  return { access, traces, client, web, dns, clock };
}

/** Whether the call has ended after `ms` more of lab time. */
async function endedAfter(clock: VirtualClock, call: Promise<unknown>, ms: number): Promise<boolean> {
  let ended = false;
  void call.then(() => (ended = true));
  clock.step(ms);
  await new Promise((resolve) => setImmediate(resolve));
  return ended;
}

describe('the network a program sees over the data plane', () => {
  it('resolves names down the search list through DNS over UDP/53, and from /etc/hosts first', async () => {
    const { access, web, dns } = setUp({ '/etc/hosts': '10.0.0.9\tdb\n' });
    expect(await access.lookup('web')).toEqual({
      status: 'found',
      server: dns.ip,
      name: 'web.default.svc.cluster.local',
      addresses: [web.ip],
    });
    expect(await access.lookup('db')).toMatchObject({ status: 'found', addresses: ['10.0.0.9'] });
    expect(await access.lookup('nope')).toEqual({ status: 'nxdomain', server: dns.ip, name: 'nope' });
    expect(await access.lookup('10.1.2.3')).toEqual({ status: 'found', name: '10.1.2.3', addresses: ['10.1.2.3'] });
  });

  it('times out when no nameserver answers, after the resolver has waited for it', async () => {
    const { access, clock } = setUp({ '/etc/resolv.conf': 'nameserver 10.244.9.9\n' });
    const lookup = access.lookup('web');
    expect(await endedAfter(clock, lookup, 4_999)).toBe(false);
    expect(await endedAfter(clock, lookup, 1)).toBe(true);
    expect(await lookup).toEqual({ status: 'timeout' });
  });

  it("gives up an unanswered connection after the kernel's time, or the caller's timeout", async () => {
    const { access, clock } = setUp();
    const arp = access.connect('10.250.0.1', 80);
    expect(await endedAfter(clock, arp, 2_999)).toBe(false);
    expect(await endedAfter(clock, arp, 1)).toBe(true);
    expect(await arp).toBe('unreachable');
    const bounded = access.connect('10.250.0.1', 80, { timeoutMs: 1_000 });
    expect(await endedAfter(clock, bounded, 1_000)).toBe(true);
    const controller = new AbortController();
    const stopped = access.connect('10.250.0.1', 80, { signal: controller.signal });
    controller.abort();
    expect(await endedAfter(clock, stopped, 0)).toBe(true);
  });

  it('sends HTTP and connects over TCP, refused where nothing listens', async () => {
    const { access, web } = setUp();
    const request = { method: 'GET', path: '/', headers: {}, port: 80 };
    expect(await access.http(web.ip, 80, request)).toEqual({ status: 200, body: 'ok' });
    expect(await access.http(web.ip, 8080, request)).toBe('refused');
    expect(await access.connect(web.ip, 80)).toBe('connected');
  });

  it('pings, and lists its interfaces and routes as ip does', async () => {
    const { access, web, client } = setUp();
    const reply = await access.ping(web.ip);
    expect(reply?.rttMs).toBeGreaterThan(0);
    expect(reply?.ttl).toBe(62);
    const eth0 = access.interfaces().find((i) => i.name === 'eth0')!;
    expect(eth0).toMatchObject({ addresses: [`${client.ip}/24`], peerIndex: client.hostVeth.index, mtu: 1450 });
    expect(access.routes()).toEqual([
      { destination: 'default', via: '10.244.1.1', device: 'eth0' },
      { destination: '10.244.1.0/24', device: 'eth0', source: client.ip },
    ]);
  });

  it('keeps the trace of every exchange, with how it ended', async () => {
    const { access, traces, web } = setUp();
    await access.connect(web.ip, 81);
    const [kept] = traces.list('pod/default/client');
    expect(kept).toMatchObject({
      program: 'client',
      protocol: 'tcp',
      dst: web.ip,
      dstPort: 81,
      outcome: 'ECONNREFUSED',
    });
    expect(kept!.hops.at(-1)).toMatchObject({ kind: 'reject', namespace: 'pod/default/web' });
  });
});
