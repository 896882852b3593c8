// What `curl -v` writes to stderr, as curl 7.88.1 does: `*` lines about the connection, `>` the request headers as
// sent and `<` the response headers as received (both with their CR LF), `{ [N bytes data]` for a body that does not
// go to a terminal, and how the connection ended.

import type { HttpResponse } from '../program.ts';

/** The header names curl sends, as it writes them. */
const REQUEST_NAMES: Record<string, string> = { host: 'Host', 'user-agent': 'User-Agent', accept: 'Accept' };

const CONNECT_ERRORS = { refused: 'Connection refused', unreachable: 'No route to host' } as const;

export function verboseTrying(address: string, port: number): string {
  return `*   Trying ${address}:${port}...\n`;
}

/** The lines of a connection that was not made, before curl's own error line. */
export function verboseFailed(
  outcome: 'refused' | 'unreachable' | 'timeout',
  address: string,
  port: number,
  failure: string,
): string {
  const connect =
    outcome === 'timeout' ? '' : `* connect to ${address} port ${port} failed: ${CONNECT_ERRORS[outcome]}\n`;
  return `${connect}* ${failure}\n* Closing connection 0\n`;
}

/** Connected, the request sent, and the response's status line and headers. */
export function verboseExchange(
  host: string,
  address: string,
  port: number,
  request: { method: string; path: string; headers: Record<string, string> },
  response: HttpResponse,
  statusLine: string,
): string {
  const sent = Object.entries(request.headers).map(([name, value]) => `> ${REQUEST_NAMES[name] ?? name}: ${value}\r\n`);
  const received = Object.entries(response.headers ?? {}).map(([name, value]) => `< ${name}: ${value}\r\n`);
  return (
    `* Connected to ${host} (${address}) port ${port} (#0)\n` +
    `> ${request.method} ${request.path} HTTP/1.1\r\n${sent.join('')}> \r\n` +
    `< ${statusLine}\r\n${received.join('')}< \r\n`
  );
}

/** The body's size when it goes to a pipe or a file. */
export function verboseData(body: string): string {
  return `{ [${Buffer.byteLength(body)} bytes data]\n`;
}

export function verboseDone(host: string): string {
  return `* Connection #0 to host ${host} left intact\n`;
}
