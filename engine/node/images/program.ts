// The contract between the simulated container runtime and the simulated images: an image is data (name, tags,
// entrypoint, default command, environment, exposed ports, files, size, resource use) plus a program that runs as the
// container's main process — and as `kubectl exec` sessions — against streams, a filesystem, the lab clock and a stop
// signal. Adding an image is adding an ImageDefinition to the catalogue.

import type { Duplex, Readable, Writable } from 'node:stream';
import type { Clock } from '../../lab/clock.ts';
import type { DnsMessage } from '../../network/dns/message.ts';
import type { StopSignal } from './process/stop-signal.ts';
import type { NetworkNamespace } from '../../network/namespace.ts';
import type { NodeAccess } from './node-access.ts';

/** A container's filesystem: the image's files, overlaid with mounted volumes. Paths are absolute. */
export interface ContainerFilesystem {
  read(path: string): string | undefined;
  write(path: string, content: string): void;
  remove(path: string): boolean;
  /** Entries directly under a directory (names), or undefined if it is not a directory. */
  list(path: string): string[] | undefined;
  isDirectory(path: string): boolean;
  mkdir(path: string): void;
  /** Whether writes to the path are refused (it is on a read-only mount); absent means nothing is read-only. */
  isReadOnly?(path: string): boolean;
  /** The filesystem mounted exactly at the path, if one is (chroot finds a node's root mounted at /host). */
  mountedAt?(path: string): ContainerFilesystem | undefined;
}

/** An HTTP request reaching the program (probes now; Service traffic with the network lab). */
export interface HttpRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  port: number;
  /** The client's address, for access logs (the kubelet's node IP for probes). */
  remoteAddress?: string;
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
  signal: StopSignal;
  /** This process's PID in the container (1 for the main process; exec sessions get others). Default 1. */
  pid?: number;
  /** The container's processes, main process and exec sessions together (ps, kill); the program's own otherwise. */
  processes?: ProcessTable;
  /**
   * The pod's network as seen from the container. Without it the program reaches only its own ports, on loopback and
   * the pod IP; `loopbackNetwork` (process/loopback-network.ts) gives the containers of a pod each other's ports.
   */
  network?: NetworkAccess;
  /** What the cluster lets this program read through the API (CoreDNS's view of Services and Pods). */
  cluster?: ClusterServices;
  /** The node as its own namespaces show it, for programs of host-network pods (`kubectl debug node/`). */
  node?: NodeAccess;
}

/** Cluster state a program serves from, as a real one gets it by watching the API server. */
export interface ClusterServices {
  /** CoreDNS's answer to a query (the kubernetes plugin, then forward). */
  dns?(query: DnsMessage): DnsMessage;
}

/** Answers one UDP datagram arriving on a port (its payload); undefined sends nothing back. */
export type DatagramHandler = (payload: unknown) => unknown;

/** A process in a container, as ps shows it. */
export interface ProcessInfo {
  pid: number;
  user: string;
  /** argv joined by spaces. */
  command: string;
  /** Virtual time it started, in ms since the epoch. */
  startedAt: number;
}

export interface ProcessTable {
  list(): ProcessInfo[];
  /** Delivers a signal by number (15 SIGTERM, 9 SIGKILL, 2 SIGINT); false when no such process. */
  kill(pid: number, signal: number): boolean;
}

/** How a connection attempt ended. */
export type ConnectOutcome = 'connected' | 'refused' | 'timeout' | 'unreachable';

/**
 * How long a network call waits for an answer that does not come (-T, -w, --connect-timeout), and the signal that
 * ends the wait early (the process is stopped). Without a timeout the kernel's and resolver's own limits apply.
 */
export interface NetworkWait {
  timeoutMs?: number;
  signal?: StopSignal;
}

/** An ICMP echo reply, as ping prints it. */
export interface EchoReply {
  rttMs: number;
  ttl: number;
}

/** A name looked up through the container's resolver. */
export type LookupResult =
  | { status: 'found'; server?: string; name: string; addresses: string[] }
  | { status: 'nxdomain'; server?: string; name: string }
  | { status: 'timeout' };

export interface NetworkInterface {
  name: string;
  /** CIDR notation, e.g. 10.244.1.5/24. */
  addresses: string[];
  mac: string;
  mtu: number;
  /** The peer's interface index for veth pairs (eth0@if12). */
  peerIndex?: number;
}

export interface NetworkRoute {
  /** "default" or a CIDR. */
  destination: string;
  via?: string;
  device: string;
  source?: string;
}

/**
 * What the programs of a container (wget, curl, nc, ping, nslookup, ip) can do on the network. The network lab
 * implements it on its data plane; without it a container sees a loopback interface where nothing listens.
 */
export interface NetworkAccess {
  /** Resolves a name as the container's resolver does: /etc/hosts, then DNS with resolv.conf's search list. */
  lookup(name: string, wait?: NetworkWait): Promise<LookupResult>;
  /** Opens a TCP connection to address:port and closes it again. */
  connect(address: string, port: number, wait?: NetworkWait): Promise<ConnectOutcome>;
  /** Sends one HTTP request over a new TCP connection. */
  http(
    address: string,
    port: number,
    request: HttpRequest,
    wait?: NetworkWait,
  ): Promise<HttpResponse | Exclude<ConnectOutcome, 'connected'>>;
  /** One ICMP echo request: the round trip in ms and the reply's TTL, or undefined when no reply comes. */
  ping(address: string, wait?: NetworkWait): Promise<EchoReply | undefined>;
  interfaces(): NetworkInterface[];
  routes(): NetworkRoute[];
  /** The network namespace the program is in, when a data plane has one (ip renders it as iproute2 does). */
  namespace?(): NetworkNamespace | undefined;
  /** Sends one DNS query to a nameserver (UDP/53) and returns its reply, undefined on a timeout (nslookup, dig). */
  exchangeDns?(nameserver: string, query: DnsMessage): DnsMessage | undefined;
}

/** A running main process: its exit, and what it answers on its ports. */
export interface RunningProgram {
  /** Resolves with the exit code. */
  exited: Promise<number>;
  /** Answers HTTP on a port the program listens on; undefined when nothing listens there. */
  http?(request: HttpRequest): HttpResponse | undefined;
  /** Whether something accepts TCP connections on the port (tcpSocket probes). */
  listens?(port: number): boolean;
  /**
   * A new connection to a port where the program speaks a protocol of its own (redis): the server end, as a byte
   * stream. Undefined where it answers HTTP through `http`, or does not listen.
   */
  connect?(port: number): Duplex | undefined;
  /** The ports the program listens on now (ss -ltnu). */
  ports?(): { tcp: number[]; udp: number[] };
  /** The handler of the UDP socket bound to the port (DNS on 53); undefined when none is. */
  datagram?(port: number): DatagramHandler | undefined;
  /** CPU (millicores) and memory (bytes) in use now, for metrics. */
  usage(): { cpuMillis: number; memoryBytes: number };
  /** The processes this program runs (itself and its children), for the container's ProcessTable. */
  processes?(): ProcessInfo[];
  /** Delivers a signal to one of this program's processes; false when the pid is not one of them. */
  kill?(pid: number, signal: number): boolean;
}

export interface Program {
  start(context: ProgramContext): RunningProgram;
  /**
   * Whether the image can run this command (a name found on PATH, or a path to an executable); when not, the
   * runtime reports `exec: "<command>": executable file not found in $PATH` (StartError, exit code 128).
   */
  has?(command: string): boolean;
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
  /**
   * The manifest digest ("sha256:…") every tag of this image points to: `repository@digest` names it too, and it is
   * the imageID kubelet reports. Catalogue images have one; the runtime derives one for images without.
   */
  digest?: string;
  /** The files of the image. */
  files: Record<string, string>;
  /** Directories of the image that hold no files (/tmp, /root…); the others follow from the files' paths. */
  directories?: string[];
  /** Runs `argv` (the resolved command) in a container of this image. */
  program: Program;
}
