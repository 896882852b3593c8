import type { IncomingMessage } from 'node:http';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { acceptSpdyUpgrade, headerValues, negotiateStreamProtocol } from './spdy-upgrade.ts';

const SERVER = ['v4.channel.k8s.io', 'v3.channel.k8s.io', 'v2.channel.k8s.io', 'channel.k8s.io'];

describe('SPDY stream protocol negotiation', () => {
  it.each([
    ['kubectl’s list, v5 first', ['v5.channel.k8s.io', 'v4.channel.k8s.io', 'v3.channel.k8s.io'], 'v4.channel.k8s.io'],
    ['a client that prefers an older version', ['v2.channel.k8s.io', 'v4.channel.k8s.io'], 'v2.channel.k8s.io'],
    ['the unversioned protocol alone', ['channel.k8s.io'], 'channel.k8s.io'],
  ])('picks the client’s first supported protocol from %s', (_, offered, protocol) => {
    expect(negotiateStreamProtocol(offered, SERVER)).toEqual({ ok: true, protocol });
  });

  it('answers 400 when the client names no protocol', () => {
    expect(negotiateStreamProtocol([], SERVER)).toEqual({
      ok: false,
      status: 400,
      message: 'unable to upgrade: X-Stream-Protocol-Version is required',
      headers: {},
    });
  });

  it('answers 403 with the protocols it accepts when none fits', () => {
    expect(negotiateStreamProtocol(['v9.channel.k8s.io', 'other'], SERVER)).toEqual({
      ok: false,
      status: 403,
      message:
        'unable to upgrade: unable to negotiate protocol: client supports [v9.channel.k8s.io other], server accepts ' +
        '[v4.channel.k8s.io v3.channel.k8s.io v2.channel.k8s.io channel.k8s.io]',
      headers: { 'X-Accepted-Stream-Protocol-Versions': SERVER },
    });
  });

  it('reads protocols sent in several headers or comma-separated in one', () => {
    expect(headerValues('v5.channel.k8s.io, v4.channel.k8s.io,,channel.k8s.io')).toEqual([
      'v5.channel.k8s.io',
      'v4.channel.k8s.io',
      'channel.k8s.io',
    ]);
    expect(headerValues(['a', 'b, c'])).toEqual(['a', 'b', 'c']);
    expect(headerValues(undefined)).toEqual([]);
  });
});

function upgrade(headers: Record<string, string>) {
  const socket = new PassThrough();
  let written = '';
  socket.on('data', (chunk: Buffer) => (written += chunk.toString('latin1')));
  const request = {
    headers,
    headersDistinct: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
  } as unknown as IncomingMessage;
  const session = acceptSpdyUpgrade(
    { request, socket, head: Buffer.alloc(0), headers: { warning: '299 - "x"' } },
    'v4.channel.k8s.io',
  );
  return { session, written: () => written };
}

describe('SPDY upgrade', () => {
  it('switches protocols with the negotiated stream protocol and the pipeline’s headers', async () => {
    const { session, written } = upgrade({ host: 'h', connection: 'Upgrade', upgrade: 'SPDY/3.1' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(session).toBeDefined();
    expect(written()).toBe(
      'HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nwarning: 299 - "x"\r\nUpgrade: SPDY/3.1\r\n' +
        'X-Stream-Protocol-Version: v4.channel.k8s.io\r\n\r\n',
    );
    session!.destroy();
  });

  it('answers 400 when the request does not ask for SPDY/3.1, naming its headers as Go prints them', async () => {
    const { session, written } = upgrade({
      host: 'h',
      connection: 'Upgrade',
      upgrade: 'h2c',
      'x-stream-protocol-version': 'v4.channel.k8s.io',
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(session).toBeUndefined();
    expect(written()).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(written()).toContain(
      'unable to upgrade: missing upgrade headers in request: http.Header{"Connection":[]string{"Upgrade"}, ' +
        '"Upgrade":[]string{"h2c"}, "X-Stream-Protocol-Version":[]string{"v4.channel.k8s.io"}}\n',
    );
  });
});
