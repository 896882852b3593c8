// A process's stop signal: what AbortController gives, without its EventTarget — a container's processes each hold
// one, and an idle container should cost little memory. AbortSignal fits the StopSignal interface, so the runtime's
// signal can be handed on as it is.

export interface StopSignal {
  readonly aborted: boolean;
  /** The signal's name ("SIGTERM", "SIGINT", "SIGKILL") once aborted. */
  readonly reason: unknown;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

class Signal implements StopSignal {
  aborted = false;
  reason: unknown = undefined;
  /** One listener, or several; most signals have at most one at a time. */
  private listeners: (() => void) | (() => void)[] | undefined;

  addEventListener(_type: 'abort', listener: () => void): void {
    if (this.aborted) return;
    if (this.listeners === undefined) this.listeners = listener;
    else if (typeof this.listeners === 'function') this.listeners = [this.listeners, listener];
    else this.listeners.push(listener);
  }

  removeEventListener(_type: 'abort', listener: () => void): void {
    if (this.listeners === listener) this.listeners = undefined;
    else if (Array.isArray(this.listeners)) {
      const index = this.listeners.indexOf(listener);
      if (index >= 0) this.listeners.splice(index, 1);
    }
  }

  fire(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    const listeners = this.listeners;
    this.listeners = undefined;
    if (typeof listeners === 'function') listeners();
    else for (const listener of listeners ?? []) listener();
  }
}

/** Listeners run once, when the signal is aborted (as with `{ once: true }` on an AbortSignal). */
export class StopController {
  private readonly own = new Signal();

  get signal(): StopSignal {
    return this.own;
  }

  abort(reason: unknown): void {
    this.own.fire(reason);
  }
}
