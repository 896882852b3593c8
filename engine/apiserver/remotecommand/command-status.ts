// How an exec or attach ended, as the last message on the error channel: a metav1.Status as Go's encoding/json writes
// it (no kind or apiVersion) — Success, NonZeroExitCode with an ExitCode cause, or an internal error. The v4 and v5
// protocols send it as JSON; earlier ones send only a failure's message, and nothing on success.

import { isStatusError } from '../errors/status-error.ts';

export interface CommandStatus {
  metadata: Record<string, never>;
  status: 'Success' | 'Failure';
  message?: string;
  reason?: string;
  details?: { causes: { reason?: string; message: string }[] };
  code?: number;
}

/** The process exited with a code, or the session failed. */
export type CommandOutcome = { exitCode: number } | { error: unknown };

export interface CommandStatusStyle {
  operation: 'exec' | 'attach';
  /** The command of an exec (its error messages name it). */
  command: readonly string[];
  /**
   * Whether kube-apiserver itself serves the session (WebSocket v5, which it translates to SPDY for the kubelet), so
   * messages read as its translator words them; otherwise they read as the kubelet's (with containerd) do.
   */
  translated: boolean;
}

function internalError(message: string): CommandStatus {
  return {
    metadata: {},
    status: 'Failure',
    message: `Internal error occurred: ${message}`,
    reason: 'InternalError',
    details: { causes: [{ message }] },
    code: 500,
  };
}

/** kube-apiserver's translator (v5) could not open the session at the kubelet, which answered `text` instead. */
export function translatorUpgradeFailure(text: string): CommandStatus {
  return internalError(`unable to upgrade connection: ${text}`);
}

/** How the kubelet reports a session that failed: the failure's own Status, or an internal error. */
function kubeletFailure(error: unknown, operation: CommandStatusStyle['operation']): CommandStatus {
  if (isStatusError(error)) {
    const { kind: _kind, apiVersion: _apiVersion, ...status } = error.status;
    return status as CommandStatus;
  }
  const message = error instanceof Error ? error.message : String(error);
  const doing = operation === 'exec' ? 'error executing command in container' : 'error attaching to container';
  return internalError(`${doing}: ${message}`);
}

export function commandStatus(outcome: CommandOutcome, style: CommandStatusStyle): CommandStatus {
  if ('error' in outcome) {
    const failure = kubeletFailure(outcome.error, style.operation);
    // The translator reads the kubelet's status as a plain error (its message) and reports it as an internal error.
    return style.translated ? internalError(failure.message ?? '') : failure;
  }
  // An attach ends when its streams do; the exit code of the container's process is not part of it.
  if (outcome.exitCode === 0 || style.operation === 'attach') return { metadata: {}, status: 'Success' };
  const code = outcome.exitCode;
  const cause = style.translated
    ? `command terminated with exit code ${code}`
    : `error executing command [${style.command.join(' ')}], exit code ${code}`;
  return {
    metadata: {},
    status: 'Failure',
    message: `command terminated with non-zero exit code: ${cause}`,
    reason: 'NonZeroExitCode',
    details: { causes: [{ reason: 'ExitCode', message: String(code) }] },
  };
}

/** The error channel's bytes for a status; undefined when nothing is sent (success in the protocols before v4). */
export function encodeCommandStatus(status: CommandStatus, json: boolean): Buffer | undefined {
  if (json) return Buffer.from(JSON.stringify(status));
  if (status.status === 'Success') return undefined;
  return Buffer.from(status.message ?? '');
}
