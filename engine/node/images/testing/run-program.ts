// Test support: starts an image's program on a lab clock that moves only when a test steps it, with an in-memory
// filesystem, and collects what it writes, so tests can step time and read stdout/stderr.

import { PassThrough } from 'node:stream';
import { VirtualClock } from '../../../lab/clock.ts';
import type { NodeAccess } from '../node-access.ts';
import { MemoryFilesystem } from '../process/memory-filesystem.ts';
import type { NetworkAccess, Program, ProgramContext, RunningProgram } from '../program.ts';

export interface ProgramRun {
  running: RunningProgram;
  clock: VirtualClock;
  fs: MemoryFilesystem;
  stdin: PassThrough;
  stdout(): string;
  stderr(): string;
  stop(): void;
  /** Lets pending promises settle (the program's async steps between clock events). */
  settle(): Promise<void>;
}

const labStart = Date.UTC(2026, 10, 23, 10, 0, 0);

export function runProgram(
  program: Program,
  argv: string[],
  options: {
    files?: Record<string, string>;
    directories?: string[];
    env?: Record<string, string>;
    tty?: boolean;
    stdin?: boolean;
    fs?: MemoryFilesystem;
    clock?: VirtualClock;
    network?: NetworkAccess;
    node?: NodeAccess;
  } = {},
): ProgramRun {
  const clock = options.clock ?? new VirtualClock(labStart, () => 0);
  clock.setPaused(true);
  const fs = options.fs ?? new MemoryFilesystem(options.files ?? {}, options.directories ?? []);
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const controller = new AbortController();
  const context: ProgramContext = {
    argv,
    env: { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', HOSTNAME: 'lab-pod', ...options.env },
    workingDir: '/',
    hostname: 'lab-pod',
    fs,
    stdin: options.stdin || options.tty ? stdin : undefined,
    stdout,
    // A terminal is one stream, as the runtime gives it.
    stderr: options.tty ? stdout : stderr,
    tty: options.tty ?? false,
    clock,
    signal: controller.signal,
    network: options.network,
    node: options.node,
  };
  const running = program.start(context);
  return {
    running,
    clock,
    fs,
    stdin,
    stdout: () => out,
    stderr: () => err,
    stop: () => controller.abort(),
    settle: async () => {
      for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
    },
  };
}
