// The System of one program instance: resolves commands from the image's command table (or scripts in the
// filesystem), runs them as processes with PIDs and their own stop signals, keeps the listening ports, and adds up the
// processes' resource use.

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
  ProcessTable,
} from '../program.ts';
import type { NodeAccess } from '../node-access.ts';
import type {
  Command,
  CommandContext,
  HttpHandler,
  RunOptions,
  System,
  SystemChanges,
  Usage,
  Userland,
} from './command.ts';
import { signalName, signalStatus } from './command.ts';
import { basename } from './paths.ts';
import { StopController } from './stop-signal.ts';
import { abortableInput } from './streams.ts';

/** An image's commands by name (as on PATH) or by absolute path (/docker-entrypoint.sh). */
export type CommandTable = ReadonlyMap<string, Command>;

export interface SystemOptions {
  commands: CommandTable;
  userland: Userland;
  fs: ContainerFilesystem;
  clock: Clock;
  hostname: string;
  /** Made on first use: most containers never touch the network. */
  network: () => NetworkAccess;
  cluster?: ClusterServices;
  node?: NodeAccess;
  firstPid: number;
  /** The container's process table from the runtime, when it keeps one. */
  processTable?: ProcessTable;
}

interface Process {
  info: ProcessInfo;
  controller: StopController;
  usage: () => Usage;
}

const defaultUsage = (): Usage => ({ cpuMillis: 0, memoryBytes: 300 * 1024 });

export class ContainerSystem implements System {
  readonly fs: ContainerFilesystem;
  readonly clock: Clock;
  readonly hostname: string;
  readonly userland: Userland;
  readonly cluster: ClusterServices | undefined;
  readonly node: NodeAccess | undefined;
  private readonly commands: CommandTable;
  private readonly processTable: ProcessTable | undefined;
  private readonly running = new Map<number, Process>();
  private readonly tcpPorts = new Map<number, { http?: HttpHandler; connect?: () => Duplex }>();
  private readonly udpPorts = new Map<number, DatagramHandler>();
  private nextPid: number;
  private readonly makeNetwork: () => NetworkAccess;
  private ownNetwork: NetworkAccess | undefined;

  constructor(options: SystemOptions) {
    this.fs = options.fs;
    this.clock = options.clock;
    this.hostname = options.hostname;
    this.makeNetwork = options.network;
    this.userland = options.userland;
    this.cluster = options.cluster;
    this.node = options.node;
    this.commands = options.commands;
    this.processTable = options.processTable;
    this.nextPid = options.firstPid;
  }

  get network(): NetworkAccess {
    return (this.ownNetwork ??= this.makeNetwork());
  }

  resolve(name: string): Command | undefined {
    const own = this.commands.get(name);
    if (own) return own;
    if (!name.includes('/')) return undefined;
    const content = this.fs.read(name);
    const named = this.commands.get(basename(name));
    if (named && !content) return named;
    if (content === undefined || !this.commands.has('sh')) return undefined;
    return (context) => this.run(['sh', name, ...context.argv.slice(1)], context);
  }

  async run(argv: string[], options: RunOptions): Promise<number> {
    const command = argv[0] === undefined ? undefined : this.resolve(argv[0]);
    if (!command) return 127;
    const pid = this.nextPid++;
    const controller = new StopController();
    const forward = (): void => controller.abort(options.signal.reason);
    if (options.signal.aborted) forward();
    else options.signal.addEventListener('abort', forward, { once: true });
    const process: Process = {
      info: { pid, user: 'root', command: argv.join(' '), startedAt: this.clock.now() },
      controller,
      usage: defaultUsage,
    };
    this.running.set(pid, process);
    const context: CommandContext = {
      ...options,
      stdin: abortableInput(options.stdin, controller.signal),
      argv,
      signal: controller.signal,
      system: this,
      process: {
        pid,
        setUsage: (usage) => (process.usage = usage),
        exec: (next, env = context.env) => {
          const replacement = next[0] === undefined ? undefined : this.resolve(next[0]);
          if (!replacement) return Promise.resolve(127);
          process.info = { ...process.info, command: next.join(' ') };
          process.usage = defaultUsage;
          return replacement({ ...context, argv: next, env });
        },
      },
    };
    try {
      const status = await command(context);
      return controller.signal.reason === 'SIGKILL' ? signalStatus(controller.signal) : status;
    } catch (error) {
      await options.stderr.write(`${argv[0]}: ${error instanceof Error ? error.message : String(error)}\n`);
      return 1;
    } finally {
      options.signal.removeEventListener('abort', forward);
      this.running.delete(pid);
    }
  }

  listen(port: number, handler?: HttpHandler, connect?: () => Duplex, datagram?: DatagramHandler): () => void {
    const listener = { http: handler, connect };
    this.tcpPorts.set(port, listener);
    if (datagram) this.udpPorts.set(port, datagram);
    return () => {
      if (this.tcpPorts.get(port) === listener) this.tcpPorts.delete(port);
      if (datagram && this.udpPorts.get(port) === datagram) this.udpPorts.delete(port);
    };
  }

  openPorts(): { tcp: number[]; udp: number[] } {
    return { tcp: [...this.tcpPorts.keys()], udp: [...this.udpPorts.keys()] };
  }

  /** The handler of the UDP socket bound to the port. */
  datagram(port: number): DatagramHandler | undefined {
    return this.udpPorts.get(port);
  }

  listens(port: number): boolean {
    return this.tcpPorts.has(port);
  }

  http(request: HttpRequest): HttpResponse | undefined {
    return this.tcpPorts.get(request.port)?.http?.(request);
  }

  /** A connection to a port whose program speaks its own protocol there. */
  connect(port: number): Duplex | undefined {
    return this.tcpPorts.get(port)?.connect?.();
  }

  processes(): ProcessInfo[] {
    return this.processTable?.list() ?? this.ownProcesses();
  }

  ownProcesses(): ProcessInfo[] {
    return [...this.running.values()].map((process) => process.info);
  }

  kill(pid: number, signal: number): boolean {
    return this.killOwn(pid, signal) || (this.processTable?.kill(pid, signal) ?? false);
  }

  killOwn(pid: number, signal: number): boolean {
    const process = this.running.get(pid);
    if (!process) return false;
    if (signal !== 0) process.controller.abort(signalName(signal) ?? 'SIGTERM');
    return true;
  }

  derive(changes: SystemChanges): ContainerSystem {
    const { network } = changes;
    return new ContainerSystem({
      commands: changes.commands ?? this.commands,
      userland: changes.userland ?? this.userland,
      fs: changes.fs ?? this.fs,
      clock: this.clock,
      hostname: this.hostname,
      network: network ? () => network : () => this.network,
      cluster: this.cluster,
      node: this.node,
      firstPid: this.nextPid,
    });
  }

  /** Ends every process still running (the main process has exited: the container's PID namespace goes away). */
  killAll(): void {
    for (const process of this.running.values()) process.controller.abort('SIGKILL');
  }

  usage(): Usage {
    let cpuMillis = 0;
    let memoryBytes = 0;
    for (const process of this.running.values()) {
      const usage = process.usage();
      cpuMillis += usage.cpuMillis;
      memoryBytes += usage.memoryBytes;
    }
    return { cpuMillis, memoryBytes };
  }
}
