// PodExecOptions and PodAttachOptions from the query of …/pods/<name>/exec and /attach (command repeated, container,
// stdin, stdout, stderr, tty), and what the kubelet makes of them: with a TTY there is no separate stderr, and at
// least one stream must be asked for.

import type { ExecOptions } from '../../node/kubelet-api.ts';
import { queryBool, queryString } from './query-params.ts';

export interface PodExecOptions {
  container: string;
  /** Empty for attach. */
  command: string[];
  stdin: boolean;
  stdout: boolean;
  stderr: boolean;
  tty: boolean;
}

/** The kubelet's refusal (400) when no stream is asked for. */
export const NO_STREAMS_MESSAGE = 'you must specify at least 1 of stdin, stdout, stderr';

export function parsePodExecOptions(query: URLSearchParams, operation: 'exec' | 'attach'): PodExecOptions {
  return {
    container: queryString(query, 'container'),
    command: operation === 'exec' ? query.getAll('command') : [],
    stdin: queryBool(query, 'stdin'),
    stdout: queryBool(query, 'stdout'),
    stderr: queryBool(query, 'stderr'),
    tty: queryBool(query, 'tty'),
  };
}

/** The options the kubelet runs the session with: with a TTY, stderr goes to stdout. */
export function kubeletExecOptions(
  options: PodExecOptions,
  container: string,
  operation: 'exec' | 'attach',
): ExecOptions {
  const exec: ExecOptions = {
    container,
    stdin: options.stdin,
    stdout: options.stdout,
    stderr: options.stderr && !options.tty,
    tty: options.tty,
  };
  if (operation === 'exec') exec.command = options.command;
  return exec;
}

/** Whether the session has a stream at all; the kubelet refuses one without. */
export function requestsAnyStream(options: ExecOptions): boolean {
  return options.stdin || options.stdout || options.stderr;
}
