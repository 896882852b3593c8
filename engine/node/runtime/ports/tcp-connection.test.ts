import { describe, expect, it } from 'vitest';
import type { HttpRequest } from '../../images/program.ts';
import type { PortListener } from '../../images/process/loopback-network.ts';
import { TcpConnection } from './tcp-connection.ts';

/** A listener answering HTTP on port 80 with the method and path, recording the requests. */
function httpListener(requests: HttpRequest[] = []): PortListener {
  return {
    listens: (port) => port === 80,
    http: (request) => {
      requests.push(request);
      return { status: 200, headers: { Server: 'test' }, body: `${request.method} ${request.path}` };
    },
  };
}

/** Writes the chunks, ends the client's side when asked, and resolves with everything the server wrote. */
function converse(connection: TcpConnection, chunks: string[], end = true): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    connection.on('data', (chunk: Buffer) => (text += chunk.toString()));
    connection.on('end', () => resolve(text));
    for (const chunk of chunks) connection.write(chunk);
    if (end) connection.end();
  });
}

describe('TCP connection to a program', () => {
  it('answers each request of a kept-alive connection, then closes when the client does', async () => {
    const requests: HttpRequest[] = [];
    const answer = await converse(new TcpConnection(httpListener(requests), 80, '127.0.0.1'), [
      'GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\n',
      'Host: x\r\n\r\n',
    ]);
    expect(answer).toBe(
      'HTTP/1.1 200 OK\r\nServer: test\r\nContent-Length: 6\r\n\r\nGET /a' +
        'HTTP/1.1 200 OK\r\nServer: test\r\nContent-Length: 6\r\n\r\nGET /b',
    );
    expect(requests.map((r) => [r.path, r.port, r.remoteAddress, r.headers['host']])).toEqual([
      ['/a', 80, '127.0.0.1', 'x'],
      ['/b', 80, '127.0.0.1', 'x'],
    ]);
  });

  it('closes after a request that asks for it, without waiting for the client', async () => {
    const answer = await converse(
      new TcpConnection(httpListener(), 80, '127.0.0.1'),
      ['HEAD / HTTP/1.1\r\nConnection: close\r\n\r\n'],
      false,
    );
    expect(answer).toBe('HTTP/1.1 200 OK\r\nServer: test\r\nContent-Length: 6\r\nConnection: close\r\n\r\n');
  });

  it('answers a malformed request with 400 and closes', async () => {
    const answer = await converse(new TcpConnection(httpListener(), 80, '127.0.0.1'), ['GET /\r\n\r\n'], false);
    expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
  });

  it.each([
    ['another protocol’s bytes (redis)', httpListener(), '*1\r\n$4\r\nPING\r\n'],
    ['a request to a program that does not speak HTTP there', { listens: () => true }, 'GET / HTTP/1.1\r\n\r\n'],
  ])('holds a connection carrying %s, answering nothing until the client closes', async (_, listener, bytes) => {
    expect(await converse(new TcpConnection(listener, 6379, '127.0.0.1'), [bytes])).toBe('');
  });
});
