import { describe, expect, it } from 'vitest';
import { TcpConnection } from '../../node/runtime/ports/tcp-connection.ts';
import { exchange, parseResponse, requestBytes } from './http-exchange.ts';

describe('proxied HTTP exchange', () => {
  it('writes the request line, the client’s end-to-end headers, the body and Connection: close', () => {
    const bytes = requestBytes({
      method: 'POST',
      target: '/form?x=1',
      host: '10.244.1.5:80',
      headers: { accept: '*/*', connection: 'keep-alive', host: 'apiserver', 'content-length': '99' },
      body: Buffer.from('abc'),
    });
    expect(bytes.toString()).toBe(
      'POST /form?x=1 HTTP/1.1\r\nHost: 10.244.1.5:80\r\naccept: */*\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc',
    );
  });

  it('reads a response by its Content-Length, or up to the close without one', () => {
    const full = Buffer.from('HTTP/1.1 404 Not Found\r\nServer: x\r\nContent-Length: 2\r\n\r\nno');
    expect(parseResponse(full.subarray(0, full.length - 1), false, false)).toBeUndefined();
    expect(parseResponse(full, false, false)).toEqual({
      status: 404,
      headers: [
        ['Server', 'x'],
        ['Content-Length', '2'],
      ],
      body: Buffer.from('no'),
    });
    expect(parseResponse(Buffer.from('HTTP/1.0 200 OK\r\n\r\nall'), true, false)?.body).toEqual(Buffer.from('all'));
    expect(() => parseResponse(Buffer.from('SSH-2.0\r\n\r\n'), true, false)).toThrow('malformed HTTP response');
  });

  it('sends a request to a program over its connection and reads its answer', async () => {
    const listener = { listens: () => true, http: () => ({ status: 201, headers: { 'X-Id': '7' }, body: 'made' }) };
    const response = await exchange(new TcpConnection(listener, 80, '10.0.0.1'), {
      method: 'GET',
      target: '/',
      host: '10.244.1.5:80',
      headers: {},
    });
    expect(response).toEqual({
      status: 201,
      headers: [
        ['X-Id', '7'],
        ['Content-Length', '4'],
        ['Connection', 'close'],
      ],
      body: Buffer.from('made'),
    });
  });
});
