import { describe, expect, it } from 'vitest';
import { HttpRequestParser, keepsAlive } from './http-request-parser.ts';

function parser(...chunks: string[]): HttpRequestParser {
  const p = new HttpRequestParser();
  for (const chunk of chunks) p.push(Buffer.from(chunk, 'latin1'));
  return p;
}

describe('HTTP/1.1 request parser', () => {
  it('reads the request line, headers in lower case and a Content-Length body', () => {
    const result = parser(
      'POST /form?x=1 HTTP/1.1\r\nHost: web\r\nContent-Length: 5\r\nX-A: 1\r\nx-a: 2\r\n\r\nhello',
    ).next();
    expect(result).toEqual({
      kind: 'request',
      request: {
        method: 'POST',
        target: '/form?x=1',
        version: 'HTTP/1.1',
        headers: { host: 'web', 'content-length': '5', 'x-a': '1, 2' },
        body: Buffer.from('hello'),
      },
    });
  });

  it('waits for the rest of a head or body split across chunks', () => {
    const p = parser('GET / HTTP/1.1\r\nHo');
    expect(p.next()).toEqual({ kind: 'incomplete' });
    p.push(Buffer.from('st: a\r\nContent-Length: 3\r\n\r\nab'));
    expect(p.next()).toEqual({ kind: 'incomplete' });
    p.push(Buffer.from('c'));
    expect(p.next()).toMatchObject({ kind: 'request', request: { body: Buffer.from('abc') } });
    expect(p.pending).toBe(false);
  });

  it('reads several requests sent one after another on a connection', () => {
    const p = parser('GET /a HTTP/1.1\r\n\r\nGET /b HTTP/1.1\r\n\r\n');
    expect(p.next()).toMatchObject({ request: { target: '/a' } });
    expect(p.next()).toMatchObject({ request: { target: '/b' } });
    expect(p.next()).toEqual({ kind: 'incomplete' });
  });

  it.each([
    ['a request line without a version', 'GET /\r\n\r\n'],
    ['a header line without a colon', 'GET / HTTP/1.1\r\nbroken\r\n\r\n'],
    ['a body of negative length', 'GET / HTTP/1.1\r\nContent-Length: -1\r\n\r\n'],
    ['a chunked body (not read here)', 'POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n'],
  ])('refuses %s', (_, text) => {
    expect(parser(text).next()).toEqual({ kind: 'invalid' });
  });

  it.each([
    ['HTTP/1.1 by default', 'HTTP/1.1', {}, true],
    ['not HTTP/1.1 with Connection: close', 'HTTP/1.1', { connection: 'close' }, false],
    ['not HTTP/1.0 by default', 'HTTP/1.0', {}, false],
    ['HTTP/1.0 with Connection: keep-alive', 'HTTP/1.0', { connection: 'Keep-Alive' }, true],
  ])('keeps the connection alive for %s', (_, version, headers, expected) => {
    expect(keepsAlive({ version, headers })).toBe(expected);
  });
});
