import { describe, expect, it } from 'vitest';
import { decodeHeaderBlock, encodeHeaderBlock } from './header-block.ts';
import { SpdyProtocolError } from './spdy-frames.ts';

describe('SPDY header blocks', () => {
  it('writes a count, then each name and value with their lengths', () => {
    expect(encodeHeaderBlock({ streamtype: ['error'] }).toString('hex')).toBe(
      '00000001' +
        '0000000a' +
        Buffer.from('streamtype').toString('hex') +
        '00000005' +
        Buffer.from('error').toString('hex'),
    );
  });

  const cases: [string, Record<string, string[]>, Record<string, string[]>][] = [
    ['an empty block', {}, {}],
    ['one header', { streamtype: ['stdout'] }, { streamtype: ['stdout'] }],
    ['several values of one name, joined by NUL', { port: ['80', '443'] }, { port: ['80', '443'] }],
    ['names in lower case', { StreamType: ['error'] }, { streamtype: ['error'] }],
  ];

  it.each(cases)('reads back %s', (_, headers, expected) => {
    expect(decodeHeaderBlock(encodeHeaderBlock(headers))).toEqual(expected);
  });

  it('refuses a block cut short', () => {
    const block = encodeHeaderBlock({ streamtype: ['error'] });
    expect(() => decodeHeaderBlock(block.subarray(0, block.length - 2))).toThrow(SpdyProtocolError);
  });
});
