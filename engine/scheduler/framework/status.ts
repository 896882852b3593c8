// The result of running a plugin (framework.Status): a code, the reasons, and the plugin that produced it. A
// `null` status means Success, as a nil *Status does upstream, so the hot paths (Filter on every node) allocate
// nothing when a node passes.

import type { FitError } from './fit-error.ts';

/** framework.Code, by upstream's names. */
export type Code = 'Success' | 'Error' | 'Unschedulable' | 'UnschedulableAndUnresolvable' | 'Wait' | 'Skip' | 'Pending';

export class Status {
  plugin = '';
  /** The FitError behind an Unschedulable status of a whole scheduling cycle. */
  fitError: FitError | undefined;

  constructor(
    readonly code: Code,
    readonly reasons: readonly string[] = [],
  ) {}

  /** framework.AsStatus: an Error status carrying the error's message. */
  static asStatus(error: unknown): Status {
    return new Status('Error', [error instanceof Error ? error.message : String(error)]);
  }

  /** Status.WithError(fitError): a status with `code` whose message is the FitError's. */
  static ofFitError(code: Code, fitError: FitError): Status {
    const status = new Status(code, [fitError.error()]);
    status.fitError = fitError;
    return status;
  }

  /** The reasons joined by ", ", as Status.Message(). */
  message(): string {
    return this.reasons.join(', ');
  }

  withPlugin(plugin: string): this {
    this.plugin = plugin;
    return this;
  }

  /** Unschedulable, UnschedulableAndUnresolvable or Pending (Status.IsRejected). */
  isRejected(): boolean {
    return this.code === 'Unschedulable' || this.code === 'UnschedulableAndUnresolvable' || this.code === 'Pending';
  }
}

export function isSuccess(status: Status | null): boolean {
  return status === null || status.code === 'Success';
}

export function codeOf(status: Status | null): Code {
  return status === null ? 'Success' : status.code;
}

export function isRejected(status: Status | null): boolean {
  return status !== null && status.isRejected();
}

export function isSkip(status: Status | null): boolean {
  return status !== null && status.code === 'Skip';
}

/** framework.NewStatus(code, reasons...), for plugin code that reads like upstream. */
export function newStatus(code: Code, ...reasons: string[]): Status {
  return new Status(code, reasons);
}
