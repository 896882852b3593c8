import { describe, expect, it } from 'vitest';
import { encodeFrame, SpdyFrameParser, SpdyProtocolError } from './spdy-frames.ts';
import type { SpdyFrame } from './spdy-frames.ts';
import { KUBECTL_EXEC_BYTES } from './test-frames.ts';

const block = Buffer.from([1, 2, 3]);

describe('SPDY frames', () => {
  const frames: [string, SpdyFrame][] = [
    ['a data frame', { type: 'data', streamId: 5, fin: false, data: Buffer.from('hello') }],
    ['a data frame that ends its stream', { type: 'data', streamId: 3, fin: true, data: Buffer.alloc(0) }],
    [
      'a SYN_STREAM',
      {
        type: 'syn_stream',
        streamId: 7,
        associatedStreamId: 1,
        priority: 3,
        fin: false,
        unidirectional: true,
        headerBlock: block,
      },
    ],
    ['a SYN_REPLY', { type: 'syn_reply', streamId: 7, fin: true, headerBlock: block }],
    ['a HEADERS frame', { type: 'headers', streamId: 9, fin: false, headerBlock: block }],
    ['a RST_STREAM', { type: 'rst_stream', streamId: 1, status: 5 }],
    ['a SETTINGS frame', { type: 'settings', clearSettings: true, entries: [{ flags: 1, id: 7, value: 65536 }] }],
    ['a PING', { type: 'ping', id: 1 }],
    ['a GOAWAY', { type: 'goaway', lastGoodStreamId: 7, status: 0 }],
    ['a WINDOW_UPDATE', { type: 'window_update', streamId: 5, deltaWindowSize: 4096 }],
  ];

  it.each(frames)('encodes and decodes %s', (_, frame) => {
    expect(new SpdyFrameParser().push(encodeFrame(frame))).toEqual([frame]);
  });

  it('writes control frames with the version, type, flags and length of the spec', () => {
    const bytes = encodeFrame({ type: 'syn_reply', streamId: 1, fin: true, headerBlock: block });
    expect(bytes.subarray(0, 8).toString('hex')).toBe('8003000201000007');
  });

  it('reads frames whatever the chunks they arrive in', () => {
    const parser = new SpdyFrameParser();
    const all = [...KUBECTL_EXEC_BYTES].flatMap((byte) => parser.push(Buffer.from([byte])));
    expect(all.map((f) => f.type)).toEqual([
      'syn_stream',
      'syn_stream',
      'syn_stream',
      'syn_stream',
      'data',
      'data',
      'rst_stream',
    ]);
  });

  it('reads what kubectl sends: four streams, stdin data and its FIN, then a reset of the error stream', () => {
    const frames = new SpdyFrameParser().push(KUBECTL_EXEC_BYTES);
    expect(frames.filter((f) => f.type === 'syn_stream').map((f) => f.streamId)).toEqual([1, 3, 5, 7]);
    expect(frames[4]).toEqual({ type: 'data', streamId: 3, fin: false, data: Buffer.from('x') });
    expect(frames[5]).toEqual({ type: 'data', streamId: 3, fin: true, data: Buffer.alloc(0) });
    expect(frames[6]).toEqual({ type: 'rst_stream', streamId: 1, status: 5 });
  });

  it('ignores control frames of unknown types', () => {
    const unknown = Buffer.from('8003000a0000000400000000', 'hex');
    const ping = encodeFrame({ type: 'ping', id: 3 });
    expect(new SpdyFrameParser().push(Buffer.concat([unknown, ping]))).toEqual([{ type: 'ping', id: 3 }]);
  });

  const broken: [string, string][] = [
    ['a data frame on stream 0', '0000000000000000'],
    ['a control frame of another SPDY version', '8002000600000004' + '00000001'],
    ['a RST_STREAM too short to hold its status', '8003000300000004' + '00000001'],
  ];

  it.each(broken)('refuses %s as a protocol error', (_, hex) => {
    expect(() => new SpdyFrameParser().push(Buffer.from(hex, 'hex'))).toThrow(SpdyProtocolError);
  });
});
