import { describe, expect, it } from 'vitest';
import { httpResponseBytes } from './http-response-bytes.ts';

describe('HTTP/1.1 response bytes', () => {
  it('writes the status line, the program’s headers as it says them, and the body', () => {
    const bytes = httpResponseBytes(
      { status: 200, headers: { Server: 'nginx/1.28.0', 'Content-Length': '2', Connection: 'keep-alive' }, body: 'ok' },
      { head: false, close: false },
    );
    expect(bytes.toString()).toBe(
      'HTTP/1.1 200 OK\r\nServer: nginx/1.28.0\r\nContent-Length: 2\r\nConnection: keep-alive\r\n\r\nok',
    );
  });

  it('adds Content-Length in bytes when the program gives none', () => {
    const bytes = httpResponseBytes({ status: 404, body: 'é' }, { head: false, close: false });
    expect(bytes.toString()).toBe('HTTP/1.1 404 Not Found\r\nContent-Length: 2\r\n\r\né');
  });

  it('says Connection: close when the connection closes after it, and leaves the body out for HEAD', () => {
    const bytes = httpResponseBytes(
      { status: 200, headers: { Connection: 'keep-alive' }, body: 'page' },
      { head: true, close: true },
    );
    expect(bytes.toString()).toBe('HTTP/1.1 200 OK\r\nContent-Length: 4\r\nConnection: close\r\n\r\n');
  });
});
