// The log of one container instance, as containerd writes /var/log/pods/…/<n>.log: every line the process writes to
// stdout or stderr, stamped with the lab time it was written and the stream it came from. An unterminated last line
// waits for its newline (or the end of the container). Followers (`kubectl logs -f`) get lines as they come;
// attached sessions get the raw output. Old lines are dropped beyond a size cap, as log rotation would.

import { StringDecoder } from 'node:string_decoder';
import { Writable } from 'node:stream';
import type { Clock } from '../../lab/clock.ts';

export type LogStream = 'stdout' | 'stderr';

export interface LogLine {
  /** Lab time in ms when the line was written. */
  time: number;
  stream: LogStream;
  /** The text without its newline. */
  text: string;
  /** Whether the line ended with a newline (false only for a last line cut off by the end of the container). */
  newline: boolean;
}

export interface LogFollower {
  line(line: LogLine): void;
  /** The container ended: no more lines. */
  end(): void;
}

export type OutputListener = (stream: LogStream, text: string) => void;

/** What one instance keeps at most (kubelet rotates at 10 MiB; a lab needs less). */
const MAX_BYTES = 2 * 1024 * 1024;

export class ContainerLog {
  private readonly lines: LogLine[] = [];
  private head = 0;
  private bytes = 0;
  private pending: Partial<Record<LogStream, { text: string; decoder: StringDecoder }>> = {};
  private followers: LogFollower[] | undefined;
  private outputListeners: OutputListener[] | undefined;
  private closed = false;

  constructor(private readonly clock: Clock) {}

  get ended(): boolean {
    return this.closed;
  }

  /** The lines kept, oldest first. */
  all(): readonly LogLine[] {
    if (this.head > 0) {
      this.lines.splice(0, this.head);
      this.head = 0;
    }
    return this.lines;
  }

  /** A stream the container's process writes to. */
  writable(stream: LogStream): Writable {
    return new Writable({
      write: (chunk: Buffer | string, _encoding, callback) => {
        this.write(stream, chunk);
        callback();
      },
    });
  }

  write(stream: LogStream, chunk: Buffer | string): void {
    if (this.closed) return;
    let state = this.pending[stream];
    if (!state) state = this.pending[stream] = { text: '', decoder: new StringDecoder('utf8') };
    const text = typeof chunk === 'string' ? chunk : state.decoder.write(chunk);
    if (text === '') return;
    if (this.outputListeners) for (const listener of this.outputListeners) listener(stream, text);
    let rest = state.text + text;
    let newline = rest.indexOf('\n');
    while (newline >= 0) {
      this.append({ time: this.clock.now(), stream, text: rest.slice(0, newline), newline: true });
      rest = rest.slice(newline + 1);
      newline = rest.indexOf('\n');
    }
    state.text = rest;
  }

  /** Follows new lines until the container ends; returns a function that stops following. */
  follow(follower: LogFollower): () => void {
    if (this.closed) {
      follower.end();
      return () => undefined;
    }
    (this.followers ??= []).push(follower);
    return () => {
      this.followers = this.followers?.filter((f) => f !== follower);
    };
  }

  /** Receives the raw output as it is written (attach); returns a function that stops it. */
  onOutput(listener: OutputListener): () => void {
    (this.outputListeners ??= []).push(listener);
    return () => {
      this.outputListeners = this.outputListeners?.filter((l) => l !== listener);
    };
  }

  /** The container ended: unterminated lines are written as they are, followers are told. */
  close(): void {
    if (this.closed) return;
    for (const stream of ['stdout', 'stderr'] as const) {
      const state = this.pending[stream];
      const text = (state?.text ?? '') + (state?.decoder.end() ?? '');
      if (text !== '') this.append({ time: this.clock.now(), stream, text, newline: false });
    }
    this.pending = {};
    this.closed = true;
    const followers = this.followers ?? [];
    this.followers = undefined;
    this.outputListeners = undefined;
    for (const follower of followers) follower.end();
  }

  private append(line: LogLine): void {
    this.lines.push(line);
    this.bytes += line.text.length + 1;
    while (this.bytes > MAX_BYTES && this.head < this.lines.length - 1) {
      this.bytes -= this.lines[this.head]!.text.length + 1;
      this.head++;
    }
    if (this.head > 1024 && this.head * 2 > this.lines.length) {
      this.lines.splice(0, this.head);
      this.head = 0;
    }
    if (this.followers) for (const follower of this.followers) follower.line(line);
  }
}
