// What the API server asks of a node's kubelet (the kubelet's own HTTPS API in a real cluster: /containerLogs, /exec,
// /attach, /portForward): the pods/log, pods/exec and pods/attach sub-resources are served by finding the pod's node
// and calling its kubelet through this interface.

import type { Readable, Writable } from 'node:stream';

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

export interface KubeletApi {
  /** The container's log as text, ended unless `follow`; throws a StatusError (400/404) as the API server reports it. */
  logs(namespace: string, pod: string, options: LogOptions): Promise<Readable>;
  exec(namespace: string, pod: string, options: ExecOptions): Promise<StreamSession>;
  attach(namespace: string, pod: string, options: ExecOptions): Promise<StreamSession>;
}

/** Finds the kubelet of a node (undefined when the node has none running). */
export type KubeletDirectory = (nodeName: string) => KubeletApi | undefined;
