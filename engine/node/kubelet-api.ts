// What the API server asks of a node's kubelet (the kubelet's own HTTPS API in a real cluster: /containerLogs, /exec,
// /attach, /portForward): the pods/log, pods/exec, pods/attach and pods/portforward sub-resources are served by
// finding the pod's node and calling its kubelet through this interface.

import type { Duplex, Readable, Writable } from 'node:stream';

export interface LogOptions {
  container: string;
  follow?: boolean;
  /** The previous (terminated) instance of the container. */
  previous?: boolean;
  tailLines?: number;
  sinceSeconds?: number;
  /** RFC 3339. */
  sinceTime?: string;
  timestamps?: boolean;
  limitBytes?: number;
}

export interface TerminalSize {
  width: number;
  height: number;
}

export interface ExecOptions {
  container: string;
  /** For exec: the command to run; attach joins the container's main process instead. */
  command?: string[];
  stdin: boolean;
  stdout: boolean;
  stderr: boolean;
  tty: boolean;
}

/** A running exec or attach: the streams of the process, and how it ended. */
export interface StreamSession {
  stdin?: Writable;
  stdout?: Readable;
  /** Absent with a TTY (stderr goes to stdout). */
  stderr?: Readable;
  resize(size: TerminalSize): void;
  /**
   * Resolves with the exit code once the process ends (attach: once detached, code 0); rejects when the command could
   * not start after the stream was accepted. (exec() and attach() themselves reject when refused before it.)
   */
  exited: Promise<number>;
  /** Ends the session from the client's side (the connection went away). */
  close(): void;
}

/** Connections into a running pod's network namespace: the CRI PortForward of its sandbox. */
export interface PodPortForwarder {
  /** The pod's sandbox ID: the runtime names the pod by it in its errors. */
  readonly sandboxId: string;
  /** The sandbox's network namespace ("/var/run/netns/cni-…"; "host" for a host-network pod). */
  readonly netnsPath: string;
  /** Connects to localhost:port inside the pod; rejects with a DialError (runtime/ports) when nothing listens. */
  dial(port: number): Promise<Duplex>;
}

export interface KubeletApi {
  /** The container's log as text, ended unless `follow`; throws a StatusError (400/404) as the API server reports it. */
  logs(namespace: string, pod: string, options: LogOptions): Promise<Readable>;
  exec(namespace: string, pod: string, options: ExecOptions): Promise<StreamSession>;
  attach(namespace: string, pod: string, options: ExecOptions): Promise<StreamSession>;
  /** Port forwarding into a pod of this node; throws a StatusError (404) when the kubelet does not run the pod. */
  portForward(namespace: string, pod: string): Promise<PodPortForwarder>;
}

/** Finds the kubelet of a node (undefined when the node has none running). */
export type KubeletDirectory = (nodeName: string) => KubeletApi | undefined;
