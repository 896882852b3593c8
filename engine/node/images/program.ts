// The contract between the simulated container runtime and the simulated images: an image is data (name, tags,
// entrypoint, default command, environment, exposed ports, files, size, resource use) plus a program that runs as the
// container's main process — and as `kubectl exec` sessions — against streams, a filesystem, the lab clock and a stop
// signal. Adding an image is adding an ImageDefinition to the catalogue.

import type { Readable, Writable } from 'node:stream';
import type { Clock } from '../../lab/clock.ts';

/** A container's filesystem: the image's files, overlaid with mounted volumes. Paths are absolute. */
export interface ContainerFilesystem {
  read(path: string): string | undefined;
  write(path: string, content: string): void;
  remove(path: string): boolean;
  /** Entries directly under a directory (names), or undefined if it is not a directory. */
  list(path: string): string[] | undefined;
  isDirectory(path: string): boolean;
  mkdir(path: string): void;
}

/** An HTTP request reaching the program (probes now; Service traffic with the network lab). */
export interface HttpRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  port: number;
}

export interface HttpResponse {
  status: number;
  headers?: Record<string, string>;
  body: string;
}

export interface ProgramContext {
  /** argv[0] is the program path, as the container's command resolved it. */
  argv: string[];
  env: Record<string, string>;
  workingDir: string;
  hostname: string;
  fs: ContainerFilesystem;
  stdin?: Readable;
  stdout: Writable;
  stderr: Writable;
  tty: boolean;
  clock: Clock;
  /** Aborted when the runtime stops the container (SIGTERM); the program should exit soon after. */
  signal: AbortSignal;
}

/** A running main process: its exit, and what it answers on its ports. */
export interface RunningProgram {
  /** Resolves with the exit code. */
  exited: Promise<number>;
  /** Answers HTTP on a port the program listens on; undefined when nothing listens there. */
  http?(request: HttpRequest): HttpResponse | undefined;
  /** Whether something accepts TCP connections on the port (tcpSocket probes). */
  listens?(port: number): boolean;
  /** CPU (millicores) and memory (bytes) in use now, for metrics. */
  usage(): { cpuMillis: number; memoryBytes: number };
}

export interface Program {
  start(context: ProgramContext): RunningProgram;
}

export interface ImageDefinition {
  /** Repository, e.g. "nginx", "busybox", "registry.k8s.io/pause". */
  repository: string;
  /** Tags that exist; "latest" included where the real image has it. */
  tags: string[];
  /** The image's ENTRYPOINT and CMD, as a container without command/args runs them. */
  entrypoint: string[];
  cmd: string[];
  env: Record<string, string>;
  workingDir: string;
  /** Ports the image EXPOSEs (informational, as in docker inspect). */
  exposedPorts: number[];
  /** Compressed size in bytes: pulls take time in proportion. */
  sizeBytes: number;
  /** The files of the image. */
  files: Record<string, string>;
  /** Runs `argv` (the resolved command) in a container of this image. */
  program: Program;
}
