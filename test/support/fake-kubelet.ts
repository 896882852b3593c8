// Test support: a stand-in for a node's kubelet (KubeletApi) whose containers run a few canned commands — echo,
// true, false, `seq N`, broken (the runtime fails it), cat, `sh -c 'exit N'`, `stderr TEXT` — an interactive TTY shell that reports its terminal size, an
// attachable main process that echoes its input, and logs (current and previous instance) a test can append to
// while clients follow them. A stopped container refuses exec and attach as the kubelet does.

import { PassThrough } from 'node:stream';
import type { Readable } from 'node:stream';
import { StatusError, badRequest } from '../../engine/apiserver/errors/status-error.ts';
import type {
  ExecOptions,
  KubeletApi,
  LogOptions,
  PodPortForwarder,
  StreamSession,
  TerminalSize,
} from '../../engine/node/kubelet-api.ts';

export interface LogLine {
  time: string;
  text: string;
}

interface Process {
  session: StreamSession;
  exit(code: number): void;
  /** The runtime failed the process. */
  fail(error: Error): void;
  stdin?: PassThrough;
  stdout: PassThrough;
  stderr?: PassThrough;
}

/** A process with the streams the session asked for; `resize` is filled in by the kubelet. */
function startProcess(options: ExecOptions): Process {
  const stdin = options.stdin ? new PassThrough() : undefined;
  const stdout = new PassThrough();
  const stderr = options.stderr ? new PassThrough() : undefined;
  let exit!: (code: number) => void;
  let reject!: (error: Error) => void;
  const exited = new Promise<number>((resolve, fail) => ((exit = resolve), (reject = fail)));
  const session: StreamSession = {
    stdin,
    stdout: options.stdout ? stdout : undefined,
    stderr,
    resize: () => undefined,
    exited,
    close: () => end(() => exit(0)),
  };
  let ended = false;
  const end = (outcome: () => void) => {
    if (ended) return;
    ended = true;
    stdout.end();
    stderr?.end();
    outcome();
  };
  return {
    session,
    exit: (code) => end(() => exit(code)),
    fail: (error) => end(() => reject(error)),
    stdin,
    stdout,
    stderr,
  };
}

/** Runs one of the canned commands; `resizes` is what the shell reports. */
function run(command: string[], options: ExecOptions, resizes: TerminalSize[]): StreamSession {
  const proc = startProcess(options);
  const { stdout } = proc;
  const [program, ...args] = command;
  const out = (text: string) => stdout.write(text);
  const err = (text: string) => (proc.stderr ?? stdout).write(text);
  queueMicrotask(() => {
    switch (program) {
      case 'echo':
        out(`${args.join(' ')}\n`);
        return proc.exit(0);
      case 'true':
        return proc.exit(0);
      case 'seq': {
        const lines = Array.from({ length: Number(args[0]) }, (_, i) => `${i + 1}\n`).join('');
        stdout.write(lines);
        return proc.exit(0);
      }
      case 'false':
        return proc.exit(1);
      case 'broken':
        return proc.fail(new Error('OCI runtime exec failed'));
      case 'stderr':
        err(`${args.join(' ')}\n`);
        return proc.exit(0);
      case 'cat':
        if (!proc.stdin) return proc.exit(0);
        proc.stdin.pipe(stdout, { end: false });
        proc.stdin.on('end', () => proc.exit(0));
        return;
      case 'sh': {
        const script = args[0] === '-c' ? args[1] : undefined;
        const exitMatch = script && /^exit (\d+)$/.exec(script);
        if (exitMatch) return proc.exit(Number(exitMatch[1]));
        return shell(proc, resizes);
      }
      default:
        err(`exec: "${program}": executable file not found in $PATH\n`);
        return proc.exit(127);
    }
  });
  return proc.session;
}

/** An interactive shell: runs `echo`, `size` (the last terminal size) and `exit N`, line by line. */
function shell(proc: Process, resizes: TerminalSize[]): void {
  const { stdout, stdin } = proc;
  if (!stdin) return proc.exit(0);
  stdout.write('$ ');
  let buffer = '';
  stdin.setEncoding('utf8');
  stdin.on('data', (chunk: string) => {
    buffer += chunk.replace(/\r/g, '\n');
    let newline: number;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, newline).trim();
      buffer = buffer.slice(newline + 1);
      const [word, ...rest] = line.split(' ');
      if (word === 'exit') return proc.exit(Number(rest[0] ?? 0));
      if (word === 'echo') stdout.write(`${rest.join(' ')}\r\n`);
      if (word === 'size') {
        const size = resizes.at(-1);
        stdout.write(size ? `${size.width}x${size.height}\r\n` : 'no size\r\n');
      }
      stdout.write('$ ');
    }
  });
  stdin.on('end', () => proc.exit(0));
}

export class FakeKubelet implements KubeletApi {
  /** Every exec and attach asked for, with its options. */
  readonly calls: { operation: 'exec' | 'attach'; namespace: string; pod: string; options: ExecOptions }[] = [];
  /** Every log request, with its options. */
  readonly logCalls: { namespace: string; pod: string; options: LogOptions }[] = [];
  /** Terminal sizes the sessions were given. */
  readonly resizes: TerminalSize[] = [];
  private readonly stopped = new Set<string>();
  private readonly resizeWaiters = new Set<() => void>();
  private readonly current = new Map<string, LogLine[]>();
  private readonly previous = new Map<string, LogLine[]>();
  private readonly followers = new Map<string, Set<{ stream: PassThrough; timestamps: boolean }>>();

  /** Adds a line to a container's log, and to every client following it. */
  appendLog(namespace: string, pod: string, container: string, text: string, time: string): void {
    const key = `${namespace}/${pod}/${container}`;
    const line = { time, text };
    this.current.set(key, [...(this.current.get(key) ?? []), line]);
    for (const follower of this.followers.get(key) ?? []) follower.stream.write(this.format(line, follower.timestamps));
  }

  setPreviousLog(namespace: string, pod: string, container: string, lines: LogLine[]): void {
    this.previous.set(`${namespace}/${pod}/${container}`, lines);
  }

  /** Ends the logs of clients following a container (it stopped). */
  endLog(namespace: string, pod: string, container: string): void {
    for (const follower of this.followers.get(`${namespace}/${pod}/${container}`) ?? []) follower.stream.end();
  }

  /** Marks a container as not running: exec and attach into it are refused. */
  stopContainer(namespace: string, pod: string, container: string): void {
    this.stopped.add(`${namespace}/${pod}/${container}`);
  }

  /** Resolves once a session was given this terminal size. */
  resizedTo(size: TerminalSize): Promise<void> {
    return new Promise((resolve) => {
      const check = () => {
        if (!this.resizes.some((r) => r.width === size.width && r.height === size.height)) return;
        this.resizeWaiters.delete(check);
        resolve();
      };
      this.resizeWaiters.add(check);
      check();
    });
  }

  /** How many clients follow a container's log right now. */
  followerCount(namespace: string, pod: string, container: string): number {
    return this.followers.get(`${namespace}/${pod}/${container}`)?.size ?? 0;
  }

  async logs(namespace: string, pod: string, options: LogOptions): Promise<Readable> {
    this.logCalls.push({ namespace, pod, options });
    const key = `${namespace}/${pod}/${options.container}`;
    const source = options.previous ? this.previous.get(key) : this.current.get(key);
    if (!source) {
      const which = options.previous ? 'previous terminated container' : 'container';
      throw badRequest(`${which} "${options.container}" in pod "${pod}" not found`);
    }
    const lines =
      options.tailLines === undefined ? source : source.slice(Math.max(0, source.length - options.tailLines));
    const stream = new PassThrough();
    for (const line of lines) stream.write(this.format(line, options.timestamps ?? false));
    if (!options.follow || options.previous) {
      stream.end();
      return stream;
    }
    const follower = { stream, timestamps: options.timestamps ?? false };
    const set = this.followers.get(key) ?? new Set();
    set.add(follower);
    this.followers.set(key, set);
    stream.once('close', () => set.delete(follower));
    return stream;
  }

  async exec(namespace: string, pod: string, options: ExecOptions): Promise<StreamSession> {
    this.calls.push({ operation: 'exec', namespace, pod, options });
    this.refuseStopped(namespace, pod, options.container);
    const session = run(options.command ?? [], options, this.resizes);
    return { ...session, resize: (size) => this.resize(size) };
  }

  /** The main process of every container: prints a greeting, then echoes its input in capitals until it ends. */
  async attach(namespace: string, pod: string, options: ExecOptions): Promise<StreamSession> {
    this.calls.push({ operation: 'attach', namespace, pod, options });
    this.refuseStopped(namespace, pod, options.container);
    const proc = startProcess(options);
    proc.stdout.write(`attached to ${options.container}\n`);
    if (proc.stdin) {
      proc.stdin.setEncoding('utf8');
      proc.stdin.on('data', (chunk: string) => proc.stdout.write(chunk.toUpperCase()));
      proc.stdin.on('end', () => proc.exit(0));
    }
    return { ...proc.session, resize: (size) => this.resize(size) };
  }

  /** Forwards no ports: none of its pods has a network. */
  async portForward(): Promise<PodPortForwarder> {
    throw new StatusError(404, 'NotFound', 'pod does not exist');
  }

  private resize(size: TerminalSize): void {
    this.resizes.push(size);
    for (const wake of [...this.resizeWaiters]) wake();
  }

  /** As kubelet's GetExec and GetAttach find no running container. */
  private refuseStopped(namespace: string, pod: string, container: string): void {
    if (this.stopped.has(`${namespace}/${pod}/${container}`)) {
      throw new StatusError(500, 'InternalError', `container not found ("${container}")`);
    }
  }

  private format(line: LogLine, timestamps: boolean): string {
    return timestamps ? `${line.time} ${line.text}\n` : `${line.text}\n`;
  }
}
