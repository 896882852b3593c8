// SPDY/3 header compression: one zlib stream per direction for the whole connection, primed with the SPDY
// dictionary, each header block ending with a sync flush so the peer can read it at once. Blocks are (de)compressed
// strictly in order, since each depends on the ones before it.

import zlib from 'node:zlib';
import type { Deflate, Inflate } from 'node:zlib';
import { decodeHeaderBlock, encodeHeaderBlock } from './header-block.ts';
import type { SpdyHeaders } from './header-block.ts';
import { SPDY_DICTIONARY } from './spdy-dictionary.ts';
import { SpdyProtocolError } from './spdy-frames.ts';

/** Feeds one chunk through a zlib stream and resolves with everything it produced up to a sync flush. */
class SyncFlushingStream {
  private queue: Promise<unknown> = Promise.resolve();
  private output: Buffer[] = [];
  private failure: Error | undefined;
  /** The chunk being processed; a zlib error fails it, since the stream then calls no flush callback. */
  private pending: ((error?: Error | null) => void) | undefined;

  constructor(private readonly stream: Deflate | Inflate) {
    stream.on('data', (chunk: Buffer) => this.output.push(chunk));
    stream.on('error', (error: Error) => {
      this.failure = error;
      this.pending?.(error);
    });
  }

  process(input: Buffer): Promise<Buffer> {
    const run = this.queue.then(
      () =>
        new Promise<Buffer>((resolve, reject) => {
          if (this.failure) return reject(this.failure);
          this.pending = (error) => {
            this.pending = undefined;
            const out = Buffer.concat(this.output);
            this.output = [];
            const failure = error ?? this.failure;
            if (failure) reject(failure);
            else resolve(out);
          };
          this.stream.write(input);
          this.stream.flush(zlib.constants.Z_SYNC_FLUSH, this.pending as () => void);
        }),
    );
    this.queue = run.catch(() => undefined);
    return run;
  }

  close(): void {
    this.stream.destroy();
  }
}

/** Compresses the header blocks this side sends. */
export class HeaderCompressor {
  private readonly zlib = new SyncFlushingStream(zlib.createDeflate({ dictionary: SPDY_DICTIONARY }));

  compress(headers: SpdyHeaders): Promise<Buffer> {
    return this.zlib.process(encodeHeaderBlock(headers));
  }

  close(): void {
    this.zlib.close();
  }
}

/** Decompresses the header blocks the peer sends; a corrupt block rejects with a SpdyProtocolError. */
export class HeaderDecompressor {
  private readonly zlib = new SyncFlushingStream(zlib.createInflate({ dictionary: SPDY_DICTIONARY }));

  async decompress(block: Buffer): Promise<SpdyHeaders> {
    let raw: Buffer;
    try {
      raw = await this.zlib.process(block);
    } catch (error) {
      throw new SpdyProtocolError(`header block: ${(error as Error).message}`);
    }
    return decodeHeaderBlock(raw);
  }

  close(): void {
    this.zlib.close();
  }
}
