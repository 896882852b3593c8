import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { writeRawResponse, writeStreamingHead, writeSwitchingProtocols, writeTextError } from './raw-http-response.ts';

function socket() {
  const s = new PassThrough();
  let text = '';
  s.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const ended = new Promise((resolve) => s.once('end', resolve));
  return { s, text: () => text, ended };
}

describe('raw HTTP responses', () => {
  it('writes a whole response with its length and closes the connection', async () => {
    const { s, text, ended } = socket();
    writeRawResponse(s, 404, { 'Content-Type': 'application/json' }, '{}');
    await ended;
    expect(text()).toBe(
      'HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}',
    );
  });

  it('writes errors as Go’s http.Error does, repeating headers with several values', async () => {
    const { s, text, ended } = socket();
    writeTextError(s, 403, 'unable to upgrade', { 'X-Accepted-Stream-Protocol-Versions': ['a', 'b'] });
    await ended;
    expect(text()).toBe(
      'HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain; charset=utf-8\r\nX-Content-Type-Options: nosniff\r\n' +
        'X-Accepted-Stream-Protocol-Versions: a\r\nX-Accepted-Stream-Protocol-Versions: b\r\n' +
        'Content-Length: 18\r\nConnection: close\r\n\r\nunable to upgrade\n',
    );
  });

  it('writes the head of a streamed response without a length, and of a protocol switch', () => {
    const { s, text } = socket();
    writeStreamingHead(s, 200, { 'Content-Type': 'text/plain' });
    writeSwitchingProtocols(s, { Upgrade: 'SPDY/3.1' });
    expect(text()).toBe(
      'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n' +
        'HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\n\r\n',
    );
  });
});
