// The kubelet's own API as the API server uses it (what kubelet's server.go serves on :10250): container logs —
// current or previous instance, follow, tail, since, timestamps, limitBytes — exec and attach sessions on a
// running container, with the errors kubelet answers ("container \"x\" in pod \"y\" is waiting to start: …"), and
// port forwarding into a pod's sandbox through the node's PodPortDialer.

import { PassThrough, Readable } from 'node:stream';
import { StatusError, internalError } from '../../apiserver/errors/status-error.ts';
import type { Clock } from '../../lab/clock.ts';
import type { ExecOptions, KubeletApi, LogOptions, PodPortForwarder, StreamSession } from '../kubelet-api.ts';
import type { PortListener } from '../images/process/loopback-network.ts';
import type { PodPortDialer } from '../runtime/ports/pod-port-dialer.ts';
import { netnsPathOf } from '../runtime/netns-path.ts';
import type { RuntimeContainer } from '../runtime/runtime-container.ts';
import { ExecError } from '../runtime/runtime-container.ts';
import { CONTAINER_ID_PREFIX } from './container-statuses.ts';
import { formatLine, selectLines, selected, truncateBytes } from './log-selection.ts';
import type { LogSelection } from './log-selection.ts';
import type { PodWorker } from './pod-worker.ts';
import type { ContainerStatus } from './pod-types.ts';

export interface KubeletServerHost {
  clock: Clock;
  nodeIP: string;
  running(): boolean;
  /** The pod's worker, by namespace and name. */
  pod(namespace: string, name: string): PodWorker | undefined;
  /** How connections reach the ports of a pod. */
  dialer: PodPortDialer;
}

const badRequest = (message: string) => new StatusError(400, 'BadRequest', message);
const notFound = (message: string) => new StatusError(404, 'NotFound', message);

/**
 * Which container instance's log the pod's status points at, as kubelet's validateContainerLogStatus decides — or
 * the error it answers.
 */
export function logContainerID(
  pod: string,
  name: string,
  status: ContainerStatus | undefined,
  previous: boolean,
): string {
  if (!status) throw badRequest(`container "${name}" in pod "${pod}" is not available`);
  const last = status.lastState.terminated;
  const { waiting, running, terminated } = status.state;
  if (previous) {
    if (!last?.containerID) throw badRequest(`previous terminated container "${name}" in pod "${pod}" not found`);
    return last.containerID;
  }
  if (running) return status.containerID ?? '';
  if (terminated) {
    if (terminated.containerID) return terminated.containerID;
    if (last?.containerID) return last.containerID;
    throw badRequest(`container "${name}" in pod "${pod}" is terminated`);
  }
  if (last) {
    if (!last.containerID) throw badRequest(`container "${name}" in pod "${pod}" is terminated`);
    return last.containerID;
  }
  if (waiting) {
    if (waiting.reason === 'ErrImagePull') {
      throw badRequest(`container "${name}" in pod "${pod}" is waiting to start: image can't be pulled`);
    }
    if (waiting.reason === 'ImagePullBackOff') {
      throw badRequest(`container "${name}" in pod "${pod}" is waiting to start: trying and failing to pull image`);
    }
    throw badRequest(`container "${name}" in pod "${pod}" is waiting to start: ${waiting.reason ?? ''}`);
  }
  throw badRequest(`container "${name}" in pod "${pod}" is waiting to start - no logs yet`);
}

export class KubeletServer implements KubeletApi {
  constructor(private readonly host: KubeletServerHost) {}

  async logs(namespace: string, pod: string, options: LogOptions): Promise<Readable> {
    const worker = this.podOf(namespace, pod);
    const container = worker.container(options.container);
    if (!container) throw notFound(`container "${options.container}" not found in pod "${pod}"`);
    const statuses = [...(worker.status.initContainerStatuses ?? []), ...(worker.status.containerStatuses ?? [])];
    const id = logContainerID(
      pod,
      options.container,
      statuses.find((s) => s.name === options.container),
      options.previous === true,
    );
    const instance = [container.current, container.previous].find((c) => c && CONTAINER_ID_PREFIX + c.id === id);
    const selection: LogSelection = {
      tailLines: options.tailLines,
      timestamps: options.timestamps,
      limitBytes: options.limitBytes,
      since: this.since(options),
    };
    if (!instance) return Readable.from([]);
    const text = selectLines(instance.log.all(), selection);
    if (!options.follow || instance.log.ended || options.previous) return Readable.from(text ? [text] : []);
    return this.follow(instance, text, selection);
  }

  async exec(namespace: string, pod: string, options: ExecOptions): Promise<StreamSession> {
    const instance = this.runningContainer(namespace, pod, options.container);
    let process;
    try {
      process = instance.exec(options.command ?? [], { stdin: options.stdin, tty: options.tty });
    } catch (error) {
      if (error instanceof ExecError) {
        // As a real kubelet: the stream is accepted first, and the failure to start comes back as its status.
        return failedSession(internalError(new Error(`error executing command in container: ${error.message}`)));
      }
      throw error;
    }
    return {
      stdin: options.stdin ? process.stdin : undefined,
      stdout: options.stdout ? process.stdout : drain(process.stdout),
      stderr: options.stderr && process.stderr ? process.stderr : drain(process.stderr),
      resize: () => undefined,
      exited: process.exited,
      close: () => process.abort(),
    };
  }

  async attach(namespace: string, pod: string, options: ExecOptions): Promise<StreamSession> {
    const instance = this.runningContainer(namespace, pod, options.container);
    const stdout = options.stdout ? new PassThrough() : undefined;
    const stderr = options.stderr && !options.tty ? new PassThrough() : undefined;
    let done: (code: number) => void = () => undefined;
    const exited = new Promise<number>((resolve) => (done = resolve));
    const stopOutput = instance.log.onOutput((stream, text) => {
      if (stream === 'stderr' && stderr) stderr.write(text);
      else if (stream === 'stdout' || !stderr) stdout?.write(text);
    });
    const finish = (code: number) => {
      stopOutput();
      stdout?.end();
      stderr?.end();
      done(code);
    };
    const unfollow = instance.log.follow({ line: () => undefined, end: () => finish(instance.exitCode ?? 0) });
    let stdin: PassThrough | undefined;
    if (options.stdin && instance.stdin) {
      const target = instance.stdin;
      stdin = new PassThrough();
      stdin.on('data', (chunk: Buffer) => target.write(chunk));
    }
    return {
      stdin,
      stdout,
      stderr,
      resize: () => undefined,
      exited,
      close: () => {
        unfollow();
        finish(0);
      },
    };
  }

  async portForward(namespace: string, pod: string): Promise<PodPortForwarder> {
    const worker = this.host.running() ? this.host.pod(namespace, pod) : undefined;
    if (!worker) throw notFound('pod does not exist');
    const sandbox = worker.podSandbox;
    if (!sandbox?.ready) {
      throw new StatusError(500, 'InternalError', `pod not found ("${pod}_${namespace}(${worker.uid})")`);
    }
    const { dialer, nodeIP } = this.host;
    const target = { namespace, name: pod, uid: worker.uid, ip: sandbox.ip, listeners: () => podListeners(worker) };
    return {
      sandboxId: sandbox.id,
      netnsPath: netnsPathOf(sandbox),
      // The runtime dials from inside the pod's namespace: the program sees a loopback client.
      dial: (port) => dialer.dial(target, port, { address: sandbox.hostNetwork ? nodeIP : '127.0.0.1' }),
    };
  }

  private since(options: LogOptions): number | undefined {
    if (options.sinceTime) return Date.parse(options.sinceTime);
    if (options.sinceSeconds !== undefined) return this.host.clock.now() - options.sinceSeconds * 1000;
    return undefined;
  }

  private follow(instance: RuntimeContainer, initial: string, selection: LogSelection): Readable {
    const out = new PassThrough();
    let written = Buffer.byteLength(initial, 'utf8');
    if (initial) out.write(initial);
    const limit = selection.limitBytes;
    if (limit !== undefined && written >= limit) {
      out.end();
      return out;
    }
    const stop = instance.log.follow({
      line: (line) => {
        if (!selected(line, selection)) return;
        let text = formatLine(line, selection.timestamps === true);
        if (limit !== undefined) text = truncateBytes(text, limit - written);
        written += Buffer.byteLength(text, 'utf8');
        out.write(text);
        if (limit !== undefined && written >= limit) {
          stop();
          out.end();
        }
      },
      end: () => out.end(),
    });
    out.on('close', stop);
    return out;
  }

  private podOf(namespace: string, pod: string): PodWorker {
    if (!this.host.running()) {
      throw new StatusError(
        500,
        'InternalError',
        `Get "https://${this.host.nodeIP}:10250/containerLogs/${namespace}/${pod}": dial tcp ${this.host.nodeIP}:10250: connect: no route to host`,
      );
    }
    const worker = this.host.pod(namespace, pod);
    if (!worker) throw notFound(`pod "${pod}" does not exist`);
    return worker;
  }

  private runningContainer(namespace: string, pod: string, name: string): RuntimeContainer {
    const container = this.podOf(namespace, pod).container(name);
    const instance = container?.current;
    if (!instance || instance.state !== 'running') {
      throw new StatusError(500, 'InternalError', `container not found ("${name}")`);
    }
    return instance;
  }
}

/** The running programs of a pod's containers, which share its network namespace. */
function* podListeners(worker: PodWorker): Iterable<PortListener> {
  for (const name of worker.containerNames()) {
    const program = worker.container(name)?.current?.running;
    if (program) yield program;
  }
}

/** Reads a stream nobody asked for, so the process writing it never blocks. */
function drain(stream: Readable | undefined): undefined {
  stream?.resume();
  return undefined;
}

/** A session whose command could not start: no output, and `exited` rejects with why. */
function failedSession(error: Error): StreamSession {
  const exited = Promise.reject(error);
  exited.catch(() => undefined);
  return {
    stdout: Readable.from([]),
    stderr: Readable.from([]),
    resize: () => undefined,
    exited,
    close: () => undefined,
  };
}
