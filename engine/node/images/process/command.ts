// What a command of a simulated image is: an async function over a CommandContext (its argv, environment, working
// directory, streams and interrupt signal) and the System it runs in (the container's filesystem, clock, network,
// process list and listening ports). Shell applets, servers and entrypoint scripts are all Commands.

import type { Duplex } from 'node:stream';
import type { Clock } from '../../../lab/clock.ts';
import type {
  ClusterServices,
  ContainerFilesystem,
  DatagramHandler,
  HttpRequest,
  HttpResponse,
  NetworkAccess,
  ProcessInfo,
} from '../program.ts';
import type { NodeAccess } from '../node-access.ts';
import type { Terminal } from './line-discipline.ts';
import type { StopSignal } from './stop-signal.ts';
import type { OutputStream, TextInput } from './streams.ts';

export interface Usage {
  cpuMillis: number;
  memoryBytes: number;
}

/** Where the messages of file tools come from: busybox's applets or GNU coreutils (Debian-based images). */
export type Userland = 'busybox' | 'gnu';

export interface CommandContext {
  argv: string[];
  env: Record<string, string>;
  cwd: string;
  stdin: TextInput;
  stdout: OutputStream;
  stderr: OutputStream;
  /** Whether stdout is a terminal (ls prints columns, programs print prompts). */
  tty: boolean;
  /** The terminal, when the command runs in the foreground of one (Ctrl-C goes to it). */
  terminal?: Terminal;
  /** Aborted with reason "SIGINT", "SIGTERM" or "SIGKILL" when the command is to stop. */
  signal: StopSignal;
  system: System;
  /** The command's own process entry; servers report their resource use through it. */
  process: ProcessHandle;
}

export type Command = (context: CommandContext) => Promise<number>;

export interface ProcessHandle {
  readonly pid: number;
  /** Replaces the process's resource use (default: a few hundred KiB, no CPU). */
  setUsage(usage: () => Usage): void;
  /**
   * Runs another command in this process, as execve does (entrypoint scripts' `exec "$@"`): the same PID, streams and
   * signal; ps shows the new command. Resolves with its exit status, 127 when argv[0] is not found.
   */
  exec(argv: string[], env?: Record<string, string>): Promise<number>;
}

/** Answers HTTP on a port; undefined when the request gets no answer (connection reset). */
export type HttpHandler = (request: HttpRequest) => HttpResponse | undefined;

export interface RunOptions {
  env: Record<string, string>;
  cwd: string;
  stdin: TextInput;
  stdout: OutputStream;
  stderr: OutputStream;
  tty: boolean;
  terminal?: Terminal;
  signal: StopSignal;
}

/** The container a command runs in, shared by all of its processes. */
export interface System {
  readonly fs: ContainerFilesystem;
  readonly clock: Clock;
  readonly hostname: string;
  readonly network: NetworkAccess;
  /** Cluster state the program may serve from (CoreDNS's); absent outside a cluster. */
  readonly cluster: ClusterServices | undefined;
  /** The node, for programs in its own namespaces (ip netns, iptables-save, crictl); absent in a pod's own. */
  readonly node: NodeAccess | undefined;
  readonly userland: Userland;
  /** Finds the command a name or path runs, as PATH lookup would; undefined when there is none. */
  resolve(name: string): Command | undefined;
  /** Runs a command (argv[0] resolved by `resolve`) as a new process; 127 when it does not exist. */
  run(argv: string[], options: RunOptions): Promise<number>;
  /**
   * Opens a listening port — answering HTTP with `handler`, or each connection with the server end `connect` makes
   * (a protocol other than HTTP), and UDP datagrams with `datagram` — and returns the function that closes it.
   */
  listen(port: number, handler?: HttpHandler, connect?: () => Duplex, datagram?: DatagramHandler): () => void;
  /** The processes of the container (ps). */
  processes(): ProcessInfo[];
  /** Sends a signal by number to a process of the container; false when there is no such process. */
  kill(pid: number, signal: number): boolean;
  /**
   * The system as a process sees it after changing its root (chroot: another filesystem with its own commands) or
   * its network namespace (ip netns exec); the rest is shared. `killAll` ends what runs in it.
   */
  derive(changes: SystemChanges): System & { killAll(): void };
}

export interface SystemChanges {
  fs?: ContainerFilesystem;
  commands?: ReadonlyMap<string, Command>;
  userland?: Userland;
  network?: NetworkAccess;
}

/** The exit status of a process ended by a signal (128 + its number). */
export function signalStatus(signal: StopSignal): number {
  return 128 + signalNumber(String(signal.reason));
}

const signalNumbers: Record<string, number> = {
  SIGHUP: 1,
  SIGINT: 2,
  SIGQUIT: 3,
  SIGKILL: 9,
  SIGUSR1: 10,
  SIGUSR2: 12,
  SIGTERM: 15,
};

export function signalNumber(name: string): number {
  return signalNumbers[name] ?? 15;
}

export function signalName(number: number): string | undefined {
  return Object.keys(signalNumbers).find((name) => signalNumbers[name] === number);
}

/** Resolves once the signal is aborted (at once if it already is). */
export function whenAborted(signal: StopSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}

/** Waits `ms` of lab time (no time at all for 0); resolves false early when the signal aborts. */
export function sleepFor(clock: Clock, ms: number, signal: StopSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  if (ms <= 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    const onAbort = (): void => {
      timer.cancel();
      resolve(false);
    };
    const timer = clock.setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
