// One container instance in the runtime: created from an image with its command, environment, filesystem and
// streams, started as the image's program (PID 1), and ended by its own exit, a stop (SIGTERM, then SIGKILL after
// the grace period), the OOM killer or the node going down. Its log, its state and timestamps are what the kubelet
// reports; exec sessions run further programs in it.

import { PassThrough } from 'node:stream';
import type { Readable, Writable } from 'node:stream';
import type { Clock } from '../../lab/clock.ts';
import type {
  ClusterServices,
  ContainerFilesystem,
  NetworkAccess,
  ProcessInfo,
  ProcessTable,
  RunningProgram,
} from '../images/program.ts';
import type { NodeAccess } from '../images/node-access.ts';
import { signalName } from '../images/process/command.ts';
import { StopController } from '../images/process/stop-signal.ts';
import { ContainerLog } from './container-log.ts';
import { MainProcessContext } from './main-process-context.ts';
import type { StoredImage } from './image-store.ts';

export type ContainerState = 'created' | 'running' | 'exited';

export interface ContainerConfig {
  name: string;
  /** The restart count this instance was created with. */
  attempt: number;
  image: StoredImage;
  argv: string[];
  env: Record<string, string>;
  workingDir: string;
  hostname: string;
  tty: boolean;
  /** Keep stdin open for attach (the container's `stdin: true`). */
  stdin: boolean;
  fs: ContainerFilesystem;
  /** The sandbox's network as this container sees it. */
  network: NetworkAccess;
  cluster?: ClusterServices;
  /** The node, for containers of host-network pods. */
  node?: NodeAccess;
  memoryLimitBytes?: number;
  cpuLimitMillis?: number;
}

/** An exec'd process: its streams and its end. */
export interface ExecProcess {
  stdin?: Writable;
  stdout: Readable;
  /** Absent with a TTY. */
  stderr?: Readable;
  exited: Promise<number>;
  /** Ends it from outside (the session went away). */
  abort(): void;
}

export class ExecError extends Error {}

interface ExecSession {
  pid: number;
  program: RunningProgram;
  argv: string[];
  startedAt: number;
  controller: StopController;
}

const START_ERROR_PREFIX =
  'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process:';

export class RuntimeContainer implements ProcessTable {
  state: ContainerState = 'created';
  readonly createdAt: number;
  startedAt?: number;
  finishedAt?: number;
  exitCode?: number;
  reason?: string;
  message?: string;
  readonly log: ContainerLog;
  private program: RunningProgram | undefined;
  private stopController: StopController | undefined;
  private stdinStream: PassThrough | undefined;
  /** Exec sessions running now (made with the first). */
  private execs: Set<ExecSession> | undefined;
  /** Who waits for the end of a stop (made with the first). */
  private exitWaiters: (() => void)[] | undefined;
  private oomKilled = false;

  constructor(
    readonly id: string,
    readonly config: ContainerConfig,
    private readonly clock: Clock,
    private readonly onExit: (container: RuntimeContainer) => void,
  ) {
    this.createdAt = clock.now();
    this.log = new ContainerLog(clock);
  }

  get name(): string {
    return this.config.name;
  }

  /** The stdin of the main process, when the container keeps it open. */
  get stdin(): Writable | undefined {
    return this.stdinStream;
  }

  /** Starts the main process; a command the image cannot run ends the container at once with StartError. */
  start(): void {
    const { argv, image } = this.config;
    const program = image.definition.program;
    const command = argv[0];
    if (command === undefined) return this.failStart('no command specified: unknown');
    if (program.has && !program.has(command)) {
      return this.failStart(`exec: "${command}": executable file not found in $PATH: unknown`);
    }
    this.stopController = new StopController();
    if (this.config.stdin) this.stdinStream = new PassThrough();
    this.startedAt = this.clock.now();
    this.state = 'running';
    try {
      this.program = program.start(
        new MainProcessContext(this.config, this.log, this.clock, this.stopController.signal, this.stdinStream, this),
      );
    } catch (error) {
      this.log.write('stderr', `${error instanceof Error ? error.message : String(error)}\n`);
      this.finish(1, 'Error');
      return;
    }
    this.program.exited.then(
      (code) => this.finish(code),
      () => this.finish(1),
    );
  }

  /** Resource use of the main process and exec sessions now. */
  usage(): { cpuMillis: number; memoryBytes: number } {
    if (this.state !== 'running' || !this.program) return { cpuMillis: 0, memoryBytes: 0 };
    const own = this.program.usage();
    let cpuMillis = own.cpuMillis;
    let memoryBytes = own.memoryBytes;
    for (const exec of this.execs ?? []) {
      const u = exec.program.usage();
      cpuMillis += u.cpuMillis;
      memoryBytes += u.memoryBytes;
    }
    return { cpuMillis, memoryBytes };
  }

  /** What the main process answers on a port (HTTP probes). */
  get running(): RunningProgram | undefined {
    return this.state === 'running' ? this.program : undefined;
  }

  /** Stops the container: SIGTERM now, SIGKILL (exit 137) once `graceMs` have passed without an exit. */
  stop(graceMs: number): Promise<void> {
    if (this.state !== 'running') return Promise.resolve();
    return new Promise((resolve) => {
      const timer = this.clock.setTimeout(() => this.finish(137, 'Error'), graceMs);
      (this.exitWaiters ??= []).push(() => {
        timer.cancel();
        resolve();
      });
      this.stopController?.abort('SIGTERM');
    });
  }

  /** The memory cgroup ran out: the kernel kills the process (exit 137, OOMKilled). */
  oomKill(): void {
    if (this.state !== 'running') return;
    this.oomKilled = true;
    this.stopController?.abort('SIGKILL');
    this.finish(137);
  }

  /** The node went away under the container: it is gone without an exit of its own. */
  lose(): void {
    if (this.state !== 'running') return;
    this.stopController?.abort('SIGKILL');
    this.finish(255, 'Unknown');
  }

  /** Runs a command in the container (kubectl exec, exec probes, exec hooks). */
  exec(argv: string[], options: { stdin: boolean; tty: boolean }): ExecProcess {
    if (this.state !== 'running') throw new ExecError(`container not running (${this.id})`);
    const program = this.config.image.definition.program;
    const command = argv[0];
    if (command === undefined || (program.has && !program.has(command))) {
      throw new ExecError(
        `failed to exec in container: failed to start exec "${this.id}": OCI runtime exec failed: exec failed: unable to start container process: exec: "${command ?? ''}": executable file not found in $PATH: unknown`,
      );
    }
    const stdin = options.stdin ? new PassThrough() : undefined;
    const stdout = new PassThrough();
    const stderr = options.tty ? undefined : new PassThrough();
    const controller = new StopController();
    const pid = Math.max(1, ...this.list().map((p) => p.pid)) + 1;
    const running = program.start({
      argv,
      env: this.config.env,
      workingDir: this.config.workingDir,
      hostname: this.config.hostname,
      fs: this.config.fs,
      network: this.config.network,
      cluster: this.config.cluster,
      node: this.config.node,
      stdin,
      stdout,
      stderr: stderr ?? stdout,
      tty: options.tty,
      clock: this.clock,
      signal: controller.signal,
      pid,
      processes: this,
    });
    const entry = { pid, program: running, argv, startedAt: this.clock.now(), controller };
    (this.execs ??= new Set()).add(entry);
    const exited = running.exited.then(
      (code) => code,
      () => 1,
    );
    void exited.then(() => {
      this.execs?.delete(entry);
      stdout.end();
      stderr?.end();
    });
    return { stdin, stdout, stderr, exited, abort: () => controller.abort('SIGHUP') };
  }

  list(): ProcessInfo[] {
    if (this.state !== 'running') return [];
    const main = this.program?.processes?.() ?? [
      { pid: 1, user: 'root', command: this.config.argv.join(' '), startedAt: this.startedAt ?? this.createdAt },
    ];
    const execs = [...(this.execs ?? [])].flatMap(
      (e) =>
        e.program.processes?.() ?? [{ pid: e.pid, user: 'root', command: e.argv.join(' '), startedAt: e.startedAt }],
    );
    return [...main, ...execs];
  }

  kill(pid: number, signal: number): boolean {
    if (this.state !== 'running') return false;
    if (this.program?.kill?.(pid, signal)) return true;
    for (const exec of this.execs ?? []) if (exec.program.kill?.(pid, signal)) return true;
    if (pid !== 1) return false;
    if (signal === 9) this.finish(137);
    else this.stopController?.abort(signalName(signal) ?? 'SIGTERM');
    return true;
  }

  private failStart(detail: string): void {
    this.state = 'exited';
    this.startedAt = 0;
    this.finishedAt = this.clock.now();
    this.exitCode = 128;
    this.reason = 'StartError';
    this.message = `${START_ERROR_PREFIX} ${detail}`;
    this.log.close();
    this.onExit(this);
  }

  private finish(code: number, reason?: string): void {
    if (this.state === 'exited') return;
    this.state = 'exited';
    this.finishedAt = this.clock.now();
    this.exitCode = code;
    this.reason = reason ?? (this.oomKilled ? 'OOMKilled' : code === 0 ? 'Completed' : 'Error');
    this.program = undefined;
    this.stdinStream?.end();
    this.stdinStream = undefined;
    for (const exec of this.execs ?? []) exec.controller.abort('SIGKILL');
    this.execs = undefined;
    this.stopController = undefined;
    this.log.close();
    const waiters = this.exitWaiters ?? [];
    this.exitWaiters = undefined;
    for (const waiter of waiters) waiter();
    this.onExit(this);
  }
}
