import { describe, expect, it } from 'vitest';
import { decodeChannelMessage, encodeChannelMessage } from './channel-codec.ts';
import type { ChannelProtocol } from './channel-protocols.ts';

const v5: ChannelProtocol = { name: 'v5.channel.k8s.io', base64: false, closeSignal: true, jsonStatus: true };
const v4: ChannelProtocol = { name: 'v4.channel.k8s.io', base64: false, closeSignal: false, jsonStatus: true };
const base64: ChannelProtocol = { name: 'base64.channel.k8s.io', base64: true, closeSignal: false, jsonStatus: false };

describe('channel messages', () => {
  it('prefixes binary data with the channel byte', () => {
    expect(encodeChannelMessage(v5, 1, Buffer.from('hi'))).toEqual(Buffer.from([1, 0x68, 0x69]));
    expect(encodeChannelMessage(v5, 2, Buffer.alloc(0))).toEqual(Buffer.from([2]));
  });

  it('writes the base64 protocols as text: a channel digit and base64 data', () => {
    expect(encodeChannelMessage(base64, 1, Buffer.from('foo\n'))).toBe('1Zm9vCg==');
  });

  it.each([
    ['binary data', v4, Buffer.from([0, 0x66, 0x6f]), { kind: 'data', channel: 0, data: Buffer.from('fo') }],
    ['base64 text', base64, Buffer.from('0Zm9vCg=='), { kind: 'data', channel: 0, data: Buffer.from('foo\n') }],
    ['v5’s close signal for stdin', v5, Buffer.from([255, 0]), { kind: 'close', channel: 0 }],
    [
      '255 as a plain channel before v5',
      v4,
      Buffer.from([255, 0]),
      { kind: 'data', channel: 255, data: Buffer.from([0]) },
    ],
    ['an empty message', v5, Buffer.alloc(0), { kind: 'empty' }],
  ])('reads %s', (_, protocol, message, expected) => {
    expect(decodeChannelMessage(protocol, message)).toEqual(expected);
  });

  it('refuses a close signal that names no single channel', () => {
    expect(decodeChannelMessage(v5, Buffer.from([255, 0, 1]))).toEqual({
      kind: 'invalid',
      reason: 'single channel byte should follow stream close signal, got 2 bytes',
    });
  });
});
