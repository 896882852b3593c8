// A program's HttpResponse as the bytes an HTTP/1.1 server writes: the status line, the headers the program gives
// (Server, Date, Content-Type… as it says them), Content-Length when it gave none, and the body — none for HEAD.
// When the connection closes after it, `Connection: close` replaces whatever the program said.

import { STATUS_CODES } from 'node:http';
import type { HttpResponse } from '../../images/program.ts';

export interface ResponseFraming {
  /** The request was HEAD: headers only. */
  head: boolean;
  /** The connection closes after this response. */
  close: boolean;
}

export function httpResponseBytes(response: HttpResponse, framing: ResponseFraming): Buffer {
  const body = Buffer.from(response.body, 'utf8');
  const headers = Object.entries(response.headers ?? {}).filter(
    ([name]) => !framing.close || name.toLowerCase() !== 'connection',
  );
  if (!headers.some(([name]) => name.toLowerCase() === 'content-length')) {
    headers.push(['Content-Length', String(body.length)]);
  }
  if (framing.close) headers.push(['Connection', 'close']);
  const head =
    `HTTP/1.1 ${response.status} ${STATUS_CODES[response.status] ?? ''}\r\n` +
    headers.map(([name, value]) => `${name}: ${value}\r\n`).join('') +
    '\r\n';
  return framing.head ? Buffer.from(head, 'latin1') : Buffer.concat([Buffer.from(head, 'latin1'), body]);
}
