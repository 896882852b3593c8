// One probe, as kubelet's prober runs it against a container: an HTTP GET to the pod's address (success for a
// status from 200 to 399), a TCP connect, or a command exec'd in the container (success for exit code 0, its output
// as the message, a failure when it outlives timeoutSeconds) — with the failure texts upstream reports.

import type { Clock } from '../../lab/clock.ts';
import type { HttpResponse } from '../images/program.ts';
import type { Container, ProbeHandler } from './pod-types.ts';

export type ProbeResult = 'Success' | 'Failure' | 'Unknown';

/** What a probe can reach: the pod's programs on its ports, and commands run in the probed container. */
export interface ProbeTarget {
  podIP: string;
  /** The answer of whatever listens on the port in the pod, undefined when nothing does. */
  http(port: number, path: string, headers: Record<string, string>): HttpResponse | undefined;
  listens(port: number): boolean;
  /** Runs a command in the container; undefined when the container does not run (the probe cannot run). */
  exec(command: string[]): { output: Promise<{ code: number; output: string }>; abort(): void } | undefined;
}

export interface ProbeOutcome {
  result: ProbeResult;
  output: string;
}

const KUBE_PROBE_USER_AGENT = 'kube-probe/1.32';
const MAX_OUTPUT = 10 * 1024;

/** Resolves a port given by number or by the name of one of the container's ports. */
export function resolvePort(port: number | string, container: Container): number | undefined {
  if (typeof port === 'number') return port;
  if (/^\d+$/.test(port)) return Number(port);
  return container.ports?.find((p) => p.name === port)?.containerPort;
}

export async function runProbe(
  handler: ProbeHandler,
  container: Container,
  target: ProbeTarget,
  timeoutMs: number,
  clock: Clock,
): Promise<ProbeOutcome> {
  if (handler.httpGet) {
    const action = handler.httpGet;
    const port = resolvePort(action.port, container);
    const scheme = (action.scheme ?? 'HTTP').toLowerCase();
    const host = action.host || target.podIP;
    const path = action.path || '/';
    const url = `${scheme}://${host}:${port ?? action.port}${path.startsWith('/') ? path : `/${path}`}`;
    if (port === undefined) return { result: 'Unknown', output: `unable to find port "${action.port}"` };
    const headers: Record<string, string> = {
      'user-agent': KUBE_PROBE_USER_AGENT,
      accept: '*/*',
      host: `${host}:${port}`,
    };
    for (const h of action.httpHeaders ?? []) headers[h.name.toLowerCase()] = h.value;
    const response = target.http(port, path, headers);
    if (!response) {
      return { result: 'Failure', output: `Get "${url}": dial tcp ${host}:${port}: connect: connection refused` };
    }
    if (response.status >= 200 && response.status < 400) return { result: 'Success', output: '' };
    return { result: 'Failure', output: `HTTP probe failed with statuscode: ${response.status}` };
  }
  if (handler.tcpSocket) {
    const port = resolvePort(handler.tcpSocket.port, container);
    const host = handler.tcpSocket.host || target.podIP;
    if (port === undefined) return { result: 'Unknown', output: `unable to find port "${handler.tcpSocket.port}"` };
    if (target.listens(port)) return { result: 'Success', output: '' };
    return { result: 'Failure', output: `dial tcp ${host}:${port}: connect: connection refused` };
  }
  if (handler.exec) {
    const command = handler.exec.command ?? [];
    const run = target.exec(command);
    if (!run) return { result: 'Unknown', output: '' };
    const timedOut = Symbol('timeout');
    let timer: { cancel(): void } | undefined;
    const deadline = new Promise<typeof timedOut>((resolve) => {
      timer = clock.setTimeout(() => resolve(timedOut), timeoutMs);
    });
    const outcome = await Promise.race([run.output, deadline]);
    timer?.cancel();
    if (outcome === timedOut) {
      run.abort();
      return { result: 'Failure', output: `command "${command.join(' ')}" timed out` };
    }
    const output = outcome.output.slice(0, MAX_OUTPUT);
    return { result: outcome.code === 0 ? 'Success' : 'Failure', output };
  }
  if (handler.grpc) {
    const port = handler.grpc.port;
    if (target.listens(port)) return { result: 'Success', output: '' };
    return {
      result: 'Failure',
      output: `timeout: failed to connect service "${target.podIP}:${port}" within ${timeoutMs / 1000}s: context deadline exceeded`,
    };
  }
  return { result: 'Unknown', output: 'missing probe handler' };
}
