// The network as a program in a namespace sees it (NetworkAccess), over the data plane: names resolved by the
// container's resolver (its /etc/hosts, then DNS through resolv.conf's nameservers, each query a UDP/53 exchange),
// TCP connections and HTTP requests, ICMP echoes, and the namespace's interfaces and routes as `ip` lists them.
// Every exchange is traced and the trace kept. An exchange the network does not answer fails after the time a real
// one takes to give up, in lab time: the caller's timeout, else the kernel's (SYN retries, ARP) or the resolver's.

import type {
  ConnectOutcome,
  ContainerFilesystem,
  HttpRequest,
  HttpResponse,
  LookupResult,
  NetworkAccess,
  NetworkInterface,
  NetworkRoute,
  NetworkWait,
} from '../../node/images/program.ts';
import type { Clock } from '../../lab/clock.ts';
import type { DataPlane, Exchange } from '../data-plane.ts';
import { VethDevice } from '../device.ts';
import type { DnsMessage } from '../dns/message.ts';
import { parseHostsFile } from '../dns/hosts-file.ts';
import { parseResolvConf } from '../dns/resolv-conf.ts';
import { StubResolver } from '../dns/stub-resolver.ts';
import { formatCidr, formatIPv4, parseIPv4 } from '../ip.ts';
import type { NetworkNamespace } from '../namespace.ts';
import type { Protocol, TraceHop } from '../packet.ts';
import type { TcpPayload } from './program-sockets.ts';
import type { TraceLog } from './trace-log.ts';

/** What one hop adds to a ping's round trip, in ms (a veth or a bridge is a few microseconds; a tunnel more). */
const MS_PER_HOP = 0.009;
/** Linux gives up a connection after 6 SYN retransmissions: 1+2+4+8+16+32+64 s. */
const TCP_CONNECT_GIVE_UP_MS = 127_000;
/** A neighbour that does not answer ARP: 3 probes a second apart, then "No route to host". */
const ARP_GIVE_UP_MS = 3_000;
/** musl's resolver waits 5 s (resolv.conf's `timeout:`) for a nameserver. */
const DNS_TIMEOUT_MS = 5_000;
/** ping waits for each echo reply up to -W, 10 s by default in busybox. */
const ECHO_WAIT_MS = 10_000;

/** Lab time passes while nothing answers: up to the caller's timeout, or ends early with its signal. */
function waitOut(clock: Clock, ms: number, wait: NetworkWait | undefined): Promise<void> {
  const signal = wait?.signal;
  const duration = Math.min(ms, wait?.timeoutMs ?? ms);
  if (duration <= 0 || signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      timer.cancel();
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = clock.setTimeout(done, duration);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** How long the sender waits before it sees the exchange fail. */
function giveUpAfter(exchange: Exchange, unanswered: number): number {
  if (exchange.ok || exchange.code === 'ECONNREFUSED' || exchange.code === 'ENETUNREACH') return 0;
  return exchange.code === 'EHOSTUNREACH' ? ARP_GIVE_UP_MS : unanswered;
}

export interface DataPlaneAccessOptions {
  dataPlane: DataPlane;
  namespace: () => NetworkNamespace | undefined;
  /** Where the resolver reads /etc/resolv.conf and /etc/hosts. */
  fs: Pick<ContainerFilesystem, 'read'>;
  traces: TraceLog;
  clock: Clock;
  /** The program name traces give the sender. */
  program: string;
}

function outcomeOf(exchange: Exchange): Exclude<ConnectOutcome, 'connected'> | undefined {
  if (exchange.ok) return undefined;
  if (exchange.code === 'ECONNREFUSED') return 'refused';
  if (exchange.code === 'EHOSTUNREACH' || exchange.code === 'ENETUNREACH') return 'unreachable';
  return 'timeout';
}

export function dataPlaneAccess(options: DataPlaneAccessOptions): NetworkAccess {
  const { dataPlane, fs, traces, clock, program } = options;
  const send = (protocol: Protocol, dst: string, dstPort: number, payload: unknown): Exchange => {
    const from = options.namespace();
    if (from === undefined) {
      return { ok: false, code: 'ENETUNREACH', message: 'Network is unreachable', trace: undefined };
    }
    const hops: TraceHop[] = [];
    const exchange = dataPlane.request(from, { protocol, dst, dstPort, payload, program }, hops);
    traces.add({
      time: clock.now(),
      from: from.name,
      program,
      protocol,
      dst,
      dstPort,
      outcome: exchange.ok ? 'ok' : exchange.code,
      hops,
    });
    return exchange;
  };
  const exchangeDns = (nameserver: string, query: DnsMessage): DnsMessage | undefined => {
    if (parseIPv4(nameserver) === undefined) return undefined;
    const exchange = send('udp', nameserver, 53, query);
    return exchange.ok ? (exchange.answer as DnsMessage | undefined) : undefined;
  };
  return {
    exchangeDns,
    async lookup(name, wait): Promise<LookupResult> {
      if (parseIPv4(name) !== undefined) return { status: 'found', name, addresses: [name] };
      const conf = parseResolvConf(fs.read('/etc/resolv.conf') ?? '');
      const hosts = parseHostsFile(fs.read('/etc/hosts') ?? '');
      const resolution = new StubResolver(conf, exchangeDns, { hosts }).lookup(name);
      const unanswered = resolution.queries.filter((query) => query.reply === undefined).length;
      await waitOut(clock, unanswered * DNS_TIMEOUT_MS, wait);
      const server = resolution.queries.find((q) => q.reply)?.nameserver ?? conf.nameservers[0];
      const canonical = resolution.canonicalName.replace(/\.$/, '');
      if (resolution.addresses.length > 0) {
        return { status: 'found', server, name: canonical, addresses: resolution.addresses };
      }
      if (resolution.error === 'TIMEOUT' || resolution.error === 'REFUSED') return { status: 'timeout' };
      return { status: 'nxdomain', server, name };
    },
    async connect(address, port, wait) {
      const exchange = send('tcp', address, port, { kind: 'connect' } satisfies TcpPayload);
      await waitOut(clock, giveUpAfter(exchange, TCP_CONNECT_GIVE_UP_MS), wait);
      return outcomeOf(exchange) ?? 'connected';
    },
    async http(address, port, request: HttpRequest, wait) {
      const exchange = send('tcp', address, port, { kind: 'http', request } satisfies TcpPayload);
      await waitOut(clock, giveUpAfter(exchange, TCP_CONNECT_GIVE_UP_MS), wait);
      return outcomeOf(exchange) ?? (exchange.ok ? (exchange.answer as HttpResponse) : 'timeout');
    },
    async ping(address, wait) {
      const exchange = send('icmp', address, 0, 'echo');
      await waitOut(clock, giveUpAfter(exchange, ECHO_WAIT_MS), wait);
      if (!exchange.ok) return undefined;
      return { rttMs: Number((0.03 + (exchange.trace?.length ?? 0) * MS_PER_HOP).toFixed(3)), ttl: exchange.ttl };
    },
    namespace: () => options.namespace(),
    interfaces() {
      const namespace = options.namespace();
      if (namespace === undefined) return [];
      return [...namespace.devices.values()].map((device): NetworkInterface => ({
        name: device.name,
        addresses: device.addresses.map((a) => `${a.text}/${a.prefix}`),
        mac: device.mac,
        mtu: device.mtu,
        ...(device instanceof VethDevice && { peerIndex: device.peer.index }),
      }));
    },
    routes() {
      const namespace = options.namespace();
      if (namespace === undefined) return [];
      return namespace.routes.list().map((route): NetworkRoute => ({
        destination: route.dst.prefix === 0 ? 'default' : formatCidr(route.dst),
        device: route.dev.name,
        ...(route.via !== undefined && { via: formatIPv4(route.via) }),
        ...(route.src !== undefined && { source: formatIPv4(route.src) }),
      }));
    },
  };
}
