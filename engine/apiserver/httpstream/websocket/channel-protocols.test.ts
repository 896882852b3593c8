import { describe, expect, it } from 'vitest';
import { negotiateChannelProtocol, offeredSubprotocols, REMOTE_COMMAND_PROTOCOLS } from './channel-protocols.ts';

describe('channel subprotocol negotiation', () => {
  it.each([
    ['kubectl’s v5 alone', ['v5.channel.k8s.io'], 'v5.channel.k8s.io'],
    [
      'v5 when offered after others (kube-apiserver serves it itself)',
      ['v4.channel.k8s.io', 'v5.channel.k8s.io'],
      'v5.channel.k8s.io',
    ],
    [
      'client-node’s list',
      ['v5.channel.k8s.io', 'v4.channel.k8s.io', 'v3.channel.k8s.io', 'channel.k8s.io'],
      'v5.channel.k8s.io',
    ],
    ['v4 alone', ['v4.channel.k8s.io'], 'v4.channel.k8s.io'],
    [
      'the client’s first known one, skipping SPDY-only versions',
      ['v3.channel.k8s.io', 'base64.channel.k8s.io', 'channel.k8s.io'],
      'base64.channel.k8s.io',
    ],
    ['v4 base64', ['v4.base64.channel.k8s.io'], 'v4.base64.channel.k8s.io'],
    ['nothing at all (the unnamed protocol)', [], ''],
  ])('picks %s', (_, offered, name) => {
    expect(negotiateChannelProtocol(offered, REMOTE_COMMAND_PROTOCOLS)?.name).toBe(name);
  });

  it('finds nothing when no offered protocol is known', () => {
    expect(negotiateChannelProtocol(['v2.channel.k8s.io', 'chat'], REMOTE_COMMAND_PROTOCOLS)).toBeUndefined();
  });

  it('does not let a client name the unnamed protocol', () => {
    expect(negotiateChannelProtocol([''], REMOTE_COMMAND_PROTOCOLS)).toBeUndefined();
  });

  it('reads Sec-WebSocket-Protocol as a comma-separated list', () => {
    expect(offeredSubprotocols(' v4.channel.k8s.io,channel.k8s.io , ')).toEqual([
      'v4.channel.k8s.io',
      'channel.k8s.io',
    ]);
    expect(offeredSubprotocols(undefined)).toEqual([]);
  });

  it('gives JSON statuses from v4 on and the close signal only in v5', () => {
    const byName = Object.fromEntries(REMOTE_COMMAND_PROTOCOLS.map((p) => [p.name, p]));
    expect(byName['v5.channel.k8s.io']).toMatchObject({ jsonStatus: true, closeSignal: true, base64: false });
    expect(byName['v4.base64.channel.k8s.io']).toMatchObject({ jsonStatus: true, closeSignal: false, base64: true });
    expect(byName['channel.k8s.io']).toMatchObject({ jsonStatus: false, closeSignal: false });
  });
});
