// One HTTP/1.1 request sent over a connection to a pod and its response read back, as the API server's proxy
// transport does it: the request line with the path and query, the client's headers less the hop-by-hop ones, the
// body with its Content-Length, `Connection: close`; the response's status, headers and body (by Content-Length, or
// up to the close).

import { Buffer } from 'node:buffer';
import type { Duplex } from 'node:stream';

export interface ProxiedRequest {
  method: string;
  /** Path and query, as they go on the request line. */
  target: string;
  host: string;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body?: Uint8Array;
}

export interface ProxiedResponse {
  status: number;
  /** Names as the server sent them, in its order. */
  headers: [string, string][];
  body: Buffer;
}

/** Headers that belong to one connection and are not passed on by a proxy (RFC 9110, net/http/httputil). */
export const HOP_BY_HOP_HEADERS = new Set([
  'connection',
  'proxy-connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

export function requestBytes(request: ProxiedRequest): Buffer {
  const body = Buffer.from(request.body ?? new Uint8Array());
  const lines = [`${request.method} ${request.target} HTTP/1.1`, `Host: ${request.host}`];
  for (const [name, value] of Object.entries(request.headers)) {
    if (HOP_BY_HOP_HEADERS.has(name) || name === 'host' || name === 'content-length') continue;
    lines.push(`${name}: ${value}`);
  }
  if (body.length > 0 || request.method === 'POST' || request.method === 'PUT') {
    lines.push(`Content-Length: ${body.length}`);
  }
  lines.push('Connection: close');
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), body]);
}

/** Reads a response from bytes received so far; undefined while more are needed (`ended`: no more will come). */
export function parseResponse(bytes: Buffer, ended: boolean, head: boolean): ProxiedResponse | undefined {
  const end = bytes.indexOf('\r\n\r\n');
  if (end < 0) {
    if (ended) throw new Error('malformed HTTP response');
    return undefined;
  }
  const [statusLine = '', ...lines] = bytes.subarray(0, end).toString('latin1').split('\r\n');
  const status = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine);
  if (!status) throw new Error(`malformed HTTP response ${JSON.stringify(statusLine)}`);
  const headers = lines.map((line): [string, string] => {
    const colon = line.indexOf(':');
    return [line.slice(0, colon).trim(), line.slice(colon + 1).trim()];
  });
  const length = headers.find(([name]) => name.toLowerCase() === 'content-length')?.[1];
  const rest = bytes.subarray(end + 4);
  if (head) return { status: Number(status[1]), headers, body: Buffer.alloc(0) };
  if (length !== undefined) {
    if (rest.length < Number(length)) {
      if (ended) throw new Error('unexpected EOF');
      return undefined;
    }
    return { status: Number(status[1]), headers, body: Buffer.from(rest.subarray(0, Number(length))) };
  }
  return ended ? { status: Number(status[1]), headers, body: Buffer.from(rest) } : undefined;
}

/** Sends the request on the connection and resolves with the response; the connection is closed after. */
export function exchange(connection: Duplex, request: ProxiedRequest): Promise<ProxiedResponse> {
  return new Promise((resolve, reject) => {
    let received = Buffer.alloc(0);
    let settled = false;
    const settle = (ended: boolean) => {
      if (settled) return;
      try {
        const response = parseResponse(received, ended, request.method === 'HEAD');
        if (!response) return;
        settled = true;
        connection.destroy();
        resolve(response);
      } catch (error) {
        settled = true;
        connection.destroy();
        reject(error as Error);
      }
    };
    connection.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      settle(false);
    });
    connection.once('end', () => settle(true));
    connection.once('error', (error) => {
      if (!settled) reject(error);
      settled = true;
    });
    connection.write(requestBytes(request));
  });
}
