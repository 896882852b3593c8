// A packet trace on demand (PacketTrace, the network panel): from a pod's or node's namespace to a URL (an HTTP GET),
// a host:port (a TCP connection) or a host (an ICMP echo), sent through the same network access the programs there
// use — the name resolved by the namespace's resolver, each DNS query a traced exchange of its own — and every hop
// of the way returned with how it ended.

import { STATUS_CODES } from 'node:http';
import { parseIPv4 } from '../ip.ts';
import type { TraceHop } from '../packet.ts';
import type { KeptTrace } from './trace-log.ts';
import type { NetworkLab } from './network-lab.ts';

export interface TraceTarget {
  protocol: 'tcp' | 'icmp';
  host: string;
  port: number;
  /** Set for a URL: the request's path. */
  path?: string;
}

export interface PacketTraceResult {
  phase: 'Succeeded' | 'Failed';
  /** The address the host resolved to. */
  address?: string;
  protocol: 'tcp' | 'icmp';
  port: number;
  /** What the sender saw: "HTTP/1.1 200 OK", "connected", "Connection refused", "NXDOMAIN"… */
  result: string;
  /** The DNS exchanges that resolved the host, in order. */
  lookups: KeptTrace[];
  /** The hops of the request and its answer. */
  hops: TraceHop[];
}

const URL_TARGET = /^(https?):\/\/([^/:?#\s]+)(?::(\d{1,5}))?([/?][^\s]*)?$/;
const HOST_PORT = /^([^/:\s]+):(\d{1,5})$/;
const HOST = /^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?\.?$/;

/** Reads `spec.to`; a string says what is wrong with it. */
export function parseTraceTarget(to: string): TraceTarget | string {
  const url = URL_TARGET.exec(to);
  if (url) {
    const port = url[3] === undefined ? (url[1] === 'https' ? 443 : 80) : Number(url[3]);
    if (port < 1 || port > 65535) return `port ${port} is out of range`;
    const path = url[4] === undefined ? '/' : url[4].startsWith('?') ? `/${url[4]}` : url[4];
    return { protocol: 'tcp', host: url[2]!, port, path };
  }
  const hostPort = HOST_PORT.exec(to);
  if (hostPort) {
    const port = Number(hostPort[2]);
    if (port < 1 || port > 65535) return `port ${port} is out of range`;
    return { protocol: 'tcp', host: hostPort[1]!, port };
  }
  if (HOST.test(to)) return { protocol: 'icmp', host: to, port: 0 };
  return 'must be a URL (http://web/), a host:port (10.96.0.10:53) or a host name';
}

const OUTCOMES: Record<string, string> = {
  refused: 'Connection refused',
  unreachable: 'No route to host',
  timeout: 'Connection timed out',
};

/** Sends the trace's request from `from` (`pod/<namespace>/<name>` or `node/<name>`). */
export async function tracePacket(lab: NetworkLab, from: string, target: TraceTarget): Promise<PacketTraceResult> {
  const access = lab.accessFor(from);
  const base = { protocol: target.protocol, port: target.port, lookups: [] as KeptTrace[], hops: [] as TraceHop[] };
  if (access === undefined) return { ...base, phase: 'Failed', result: `${from} has no network namespace` };
  const firstId = lab.traces.nextTraceId;
  const sent = () => lab.traces.list(from).filter((trace) => trace.id >= firstId);
  let address = target.host;
  // A trace shows the way at once: where a real sender would wait out a drop, the trace just says it timed out.
  const noWait = { timeoutMs: 0 };
  if (parseIPv4(target.host) === undefined) {
    const lookup = await access.lookup(target.host, noWait);
    base.lookups = sent();
    if (lookup.status !== 'found') {
      const result = lookup.status === 'nxdomain' ? `${target.host}: NXDOMAIN` : `${target.host}: DNS timed out`;
      return { ...base, phase: 'Failed', result };
    }
    address = lookup.addresses[0]!;
  }
  const mark = lab.traces.nextTraceId;
  let result: string;
  let ok: boolean;
  if (target.protocol === 'icmp') {
    const reply = await access.ping(address, noWait);
    ok = reply !== undefined;
    result = reply ? `64 bytes from ${address}: ttl=${reply.ttl} time=${reply.rttMs} ms` : 'no echo reply';
  } else if (target.path !== undefined) {
    const headers = { host: target.host, 'user-agent': 'kubelab-packettrace', accept: '*/*' };
    const request = { method: 'GET', path: target.path, headers, port: target.port };
    const response = await access.http(address, target.port, request, noWait);
    ok = typeof response !== 'string';
    result =
      typeof response === 'string'
        ? OUTCOMES[response]!
        : `HTTP/1.1 ${response.status} ${STATUS_CODES[response.status] ?? ''}`.trim();
  } else {
    const outcome = await access.connect(address, target.port, noWait);
    ok = outcome === 'connected';
    result = ok ? 'connected' : OUTCOMES[outcome]!;
  }
  const exchange = lab.traces.list(from).find((trace) => trace.id >= mark);
  return { ...base, phase: ok ? 'Succeeded' : 'Failed', address, result, hops: exchange?.hops ?? [] };
}
