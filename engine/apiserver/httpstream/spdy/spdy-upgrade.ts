// The SPDY/3.1 upgrade as k8s.io/apimachinery's httpstream does it: the client lists the stream protocols it speaks
// in X-Stream-Protocol-Version, the server picks the first of them it supports (403 with the ones it accepts when
// none fits), checks the Upgrade headers, answers 101 and serves SPDY on the socket.

import type { UpgradedConnection } from '../../endpoints/api-request.ts';
import { writeSwitchingProtocols, writeTextError } from '../raw-http-response.ts';
import type { RawHeaders } from '../raw-http-response.ts';
import { SpdySession } from './spdy-session.ts';

export const STREAM_PROTOCOL_HEADER = 'X-Stream-Protocol-Version';
const ACCEPTED_PROTOCOLS_HEADER = 'X-Accepted-Stream-Protocol-Versions';

export type StreamProtocolNegotiation =
  { ok: true; protocol: string } | { ok: false; status: number; message: string; headers: RawHeaders };

/** Comma-separated values of a header, however many times it was sent. */
export function headerValues(value: string | readonly string[] | undefined): string[] {
  const all = typeof value === 'string' ? [value] : (value ?? []);
  return all.flatMap((v) => v.split(',').map((p) => p.trim())).filter((p) => p !== '');
}

function goList(values: readonly string[]): string {
  return `[${values.join(' ')}]`;
}

export function negotiateStreamProtocol(
  offered: readonly string[],
  supported: readonly string[],
): StreamProtocolNegotiation {
  if (offered.length === 0) {
    return { ok: false, status: 400, message: `unable to upgrade: ${STREAM_PROTOCOL_HEADER} is required`, headers: {} };
  }
  const protocol = offered.find((p) => supported.includes(p));
  if (protocol) return { ok: true, protocol };
  return {
    ok: false,
    status: 403,
    message: `unable to upgrade: unable to negotiate protocol: client supports ${goList(offered)}, server accepts ${goList(supported)}`,
    headers: { [ACCEPTED_PROTOCOLS_HEADER]: supported },
  };
}

/** A Go http.Header printed with %#v: canonical names, sorted, each with its values. */
function goHeaderDump(headers: Record<string, string[] | undefined>): string {
  const canonical = (name: string) =>
    name.toLowerCase().replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => dash + c.toUpperCase());
  const entries = Object.entries(headers)
    .filter(([name]) => name !== 'host')
    .map(([name, values]) => [canonical(name), values ?? []] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, values]) => `${JSON.stringify(name)}:[]string{${values.map((v) => JSON.stringify(v)).join(', ')}}`);
  return `http.Header{${entries.join(', ')}}`;
}

/**
 * Answers the upgrade with 101 and the negotiated protocol and returns the SPDY connection, or answers 400 when the
 * request does not ask for SPDY/3.1 and returns undefined.
 */
export function acceptSpdyUpgrade(connection: UpgradedConnection, protocol: string): SpdySession | undefined {
  const { request, socket, head } = connection;
  const connectionHeader = (request.headers.connection ?? '').toLowerCase();
  const upgradeHeader = (request.headers.upgrade ?? '').toLowerCase();
  if (!connectionHeader.includes('upgrade') || !upgradeHeader.includes('spdy/3.1')) {
    writeTextError(
      socket,
      400,
      `unable to upgrade: missing upgrade headers in request: ${goHeaderDump(request.headersDistinct)}`,
    );
    return undefined;
  }
  writeSwitchingProtocols(socket, { ...connection.headers, Upgrade: 'SPDY/3.1', [STREAM_PROTOCOL_HEADER]: protocol });
  if (head.length > 0) socket.unshift(head);
  return new SpdySession(socket);
}
