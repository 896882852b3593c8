import { describe, expect, it } from 'vitest';
import type { SpdyHeaders } from './header-block.ts';
import { HeaderCompressor, HeaderDecompressor } from './header-compression.ts';
import { SPDY_DICTIONARY } from './spdy-dictionary.ts';
import { SpdyFrameParser, SpdyProtocolError } from './spdy-frames.ts';
import { KUBECTL_EXEC_BYTES } from './test-frames.ts';

describe('SPDY header compression', () => {
  it('builds the 1423-byte dictionary of SPDY/3, from "options" to "enq=0."', () => {
    expect(SPDY_DICTIONARY.length).toBe(1423);
    expect(SPDY_DICTIONARY.subarray(0, 11).toString('latin1')).toBe('\0\0\0\x07options');
    expect(SPDY_DICTIONARY.subarray(-6).toString('latin1')).toBe('enq=0.');
  });

  it('reads the header blocks kubectl compressed with Go’s zlib, in order over one context', async () => {
    const decompressor = new HeaderDecompressor();
    const streams = new SpdyFrameParser().push(KUBECTL_EXEC_BYTES).filter((f) => f.type === 'syn_stream');
    const headers = [];
    for (const frame of streams) headers.push(await decompressor.decompress(frame.headerBlock));
    expect(headers).toEqual([
      { streamtype: ['error'] },
      { streamtype: ['stdin'] },
      { streamtype: ['stdout'] },
      { streamtype: ['stderr'] },
    ]);
    decompressor.close();
  });

  it('compresses blocks that a peer reads back in order, each ending with a sync flush', async () => {
    const compressor = new HeaderCompressor();
    const decompressor = new HeaderDecompressor();
    const blocks: SpdyHeaders[] = [
      {},
      { streamtype: ['data'], port: ['80'] },
      { big: ['x'.repeat(200_000)] },
      { streamtype: ['error'] },
    ];
    for (const headers of blocks) {
      const compressed = await compressor.compress(headers);
      expect(compressed.subarray(-4).toString('hex')).toBe('0000ffff');
      expect(await decompressor.decompress(compressed)).toEqual(headers);
    }
    compressor.close();
    decompressor.close();
  });

  it('refuses a block that is not zlib data as a protocol error', async () => {
    const decompressor = new HeaderDecompressor();
    await expect(decompressor.decompress(Buffer.from('not zlib at all'))).rejects.toThrow(SpdyProtocolError);
    decompressor.close();
  });
});
