// Text streams between simulated processes: an input with push-back (so `read` and `head` consume exactly what they
// use), outputs that report a gone reader (as SIGPIPE would), in-memory pipes with back-pressure, and adapters to the
// Node streams the runtime hands a program.

import { StringDecoder } from 'node:string_decoder';
import type { Readable, Writable } from 'node:stream';
import type { StopSignal } from './stop-signal.ts';

export interface OutputStream {
  /** Writes text; resolves false once nobody reads any more (the writer should stop, as on SIGPIPE). */
  write(text: string): Promise<boolean>;
}

/** An input stream of text read in chunks or lines; what a reader does not use can be pushed back. */
export class TextInput {
  private pending = '';

  /** `source` yields the next chunk, or null at the end of input (a terminal may yield more after an end). */
  constructor(private readonly source: () => Promise<string | null>) {}

  async read(): Promise<string | null> {
    if (this.pending !== '') {
      const text = this.pending;
      this.pending = '';
      return text;
    }
    return this.source();
  }

  /** The next line without its newline; an unterminated last line as it is; null at the end. */
  async readLine(): Promise<string | null> {
    let line = '';
    for (;;) {
      const chunk = await this.read();
      if (chunk === null) return line === '' ? null : line;
      const newline = chunk.indexOf('\n');
      if (newline < 0) {
        line += chunk;
        continue;
      }
      this.unread(chunk.slice(newline + 1));
      return line + chunk.slice(0, newline);
    }
  }

  /** Everything up to the end of input. */
  async readAll(): Promise<string> {
    let text = '';
    for (let chunk = await this.read(); chunk !== null; chunk = await this.read()) text += chunk;
    return text;
  }

  unread(text: string): void {
    this.pending = text + this.pending;
  }
}

/** An input holding one text. */
export function textInput(text: string): TextInput {
  let done = false;
  return new TextInput(async () => {
    if (done || text === '') return null;
    done = true;
    return text;
  });
}

export function emptyInput(): TextInput {
  return new TextInput(async () => null);
}

/** Discards what is written (/dev/null). */
export const nullOutput: OutputStream = { write: async () => true };

/** Collects what is written, for command substitution and tests. */
export class BufferOutput implements OutputStream {
  private readonly chunks: string[] = [];

  async write(text: string): Promise<boolean> {
    this.chunks.push(text);
    return true;
  }

  text(): string {
    return this.chunks.join('');
  }
}

const pipeCapacity = 64 * 1024;

/** A pipe: what is written to `output` is read from `input`; closing either end tells the other. */
export class Pipe {
  readonly input: TextInput;
  readonly output: OutputStream;
  private readonly chunks: string[] = [];
  private buffered = 0;
  private writerClosed = false;
  private readerClosed = false;
  private wakeReader: (() => void) | undefined;
  private wakeWriters: (() => void)[] = [];

  constructor() {
    this.input = new TextInput(() => this.take());
    this.output = { write: (text) => this.put(text) };
  }

  /** The writing side is done: the reader sees the end once it has read what is buffered. */
  closeWrite(): void {
    this.writerClosed = true;
    this.wakeReader?.();
  }

  /** The reading side is gone: writes fail from now on. */
  closeRead(): void {
    this.readerClosed = true;
    this.chunks.length = 0;
    this.buffered = 0;
    for (const wake of this.wakeWriters.splice(0)) wake();
  }

  private async put(text: string): Promise<boolean> {
    if (this.readerClosed) return false;
    if (text === '') return true;
    this.chunks.push(text);
    this.buffered += text.length;
    this.wakeReader?.();
    while (this.buffered > pipeCapacity && !this.readerClosed) {
      await new Promise<void>((resolve) => this.wakeWriters.push(resolve));
    }
    return !this.readerClosed;
  }

  private async take(): Promise<string | null> {
    while (this.chunks.length === 0) {
      if (this.writerClosed || this.readerClosed) return null;
      await new Promise<void>((resolve) => (this.wakeReader = resolve));
      this.wakeReader = undefined;
    }
    const text = this.chunks.join('');
    this.chunks.length = 0;
    this.buffered = 0;
    for (const wake of this.wakeWriters.splice(0)) wake();
    return text;
  }
}

/** Writes to a Node stream, waiting when it asks to; false once it is closed. */
export function writableOutput(stream: Writable): OutputStream {
  return {
    async write(text) {
      if (stream.destroyed || stream.writableEnded) return false;
      if (text === '') return true;
      if (stream.write(text)) return true;
      await new Promise<void>((resolve) => {
        const done = (): void => {
          stream.off('drain', done);
          stream.off('close', done);
          resolve();
        };
        stream.on('drain', done);
        stream.on('close', done);
      });
      return !stream.destroyed;
    },
  };
}

/** Reads a Node stream chunk by chunk, as text. Nothing is read until the first read. */
export function readableSource(stream: Readable): () => Promise<string | null> {
  const decoder = new StringDecoder('utf8');
  let ended = false;
  const onEnd = (): void => {
    ended = true;
  };
  stream.once('end', onEnd);
  stream.once('close', onEnd);
  return async () => {
    for (;;) {
      const chunk: unknown = stream.read();
      if (chunk !== null) {
        const text = typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer);
        if (text !== '') return text;
        continue;
      }
      if (ended || stream.readableEnded || stream.destroyed) {
        const rest = decoder.end();
        return rest === '' ? null : rest;
      }
      await new Promise<void>((resolve) => {
        const wake = (): void => {
          stream.off('readable', wake);
          stream.off('end', wake);
          stream.off('close', wake);
          resolve();
        };
        stream.on('readable', wake);
        stream.on('end', wake);
        stream.on('close', wake);
      });
    }
  };
}

/** An input that ends when the signal aborts (a process that is stopped stops reading). */
export function abortableInput(input: TextInput, signal: StopSignal): TextInput {
  let aborted: Promise<null> | undefined;
  return new TextInput(async () => {
    if (signal.aborted) return null;
    aborted ??= new Promise((resolve) => signal.addEventListener('abort', () => resolve(null), { once: true }));
    return Promise.race([input.read(), aborted]);
  });
}
