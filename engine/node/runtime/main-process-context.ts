// What a container's main process starts with: the container's command, environment, filesystem and network as a
// program sees them, and its stdout and stderr — the container log's streams, made when the program first asks for
// them (the idle programs of a large lab never do). One object per container, its getters on the prototype.

import type { Readable, Writable } from 'node:stream';
import type { Clock } from '../../lab/clock.ts';
import type { NodeAccess } from '../images/node-access.ts';
import type {
  ClusterServices,
  ContainerFilesystem,
  NetworkAccess,
  ProcessTable,
  ProgramContext,
} from '../images/program.ts';
import type { StopSignal } from '../images/process/stop-signal.ts';
import type { ContainerLog } from './container-log.ts';
import type { ContainerConfig } from './runtime-container.ts';

export class MainProcessContext implements ProgramContext {
  readonly argv: string[];
  readonly env: Record<string, string>;
  readonly workingDir: string;
  readonly hostname: string;
  readonly fs: ContainerFilesystem;
  readonly network: NetworkAccess;
  readonly cluster: ClusterServices | undefined;
  readonly node: NodeAccess | undefined;
  readonly tty: boolean;
  readonly pid = 1;
  private out: Writable | undefined;
  private err: Writable | undefined;

  constructor(
    config: ContainerConfig,
    private readonly log: ContainerLog,
    readonly clock: Clock,
    readonly signal: StopSignal,
    readonly stdin: Readable | undefined,
    readonly processes: ProcessTable,
  ) {
    this.argv = config.argv;
    this.env = config.env;
    this.workingDir = config.workingDir;
    this.hostname = config.hostname;
    this.fs = config.fs;
    this.network = config.network;
    this.cluster = config.cluster;
    this.node = config.node;
    this.tty = config.tty;
  }

  get stdout(): Writable {
    return (this.out ??= this.log.writable('stdout'));
  }

  /** The same stream as stdout with a TTY. */
  get stderr(): Writable {
    return this.tty ? this.stdout : (this.err ??= this.log.writable('stderr'));
  }
}
