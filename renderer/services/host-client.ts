// The one interface the UI talks to the host through, whatever carries the messages (Electron IPC or a WebSocket):
// calls that answer a result or reject with a HostCallError, stream messages, and the connection's state.

import type { HostError, HostMethod, HostParams, HostResult } from '../../engine/protocol/host-api.ts';
import type { StreamMessage } from '../../engine/protocol/framing.ts';

/** Where the connection to the host stands. */
export type ConnectionState = 'connecting' | 'open' | 'closed';

/** A failed call, carrying the HostError the host answered (or the transport made up). */
export class HostCallError extends Error {
  constructor(readonly error: HostError) {
    super(error.message);
    this.name = 'HostCallError';
  }
}

export interface HostClient {
  call<M extends HostMethod>(method: M, params: HostParams<M>): Promise<HostResult<M>>;
  /** Calls `listener` with every stream message; the returned function stops that. */
  onStream(listener: (message: StreamMessage) => void): () => void;
  /**
   * Calls `listener` with each new connection state. After a reconnection ('open' again) the host has closed every
   * stream of the old connection, so watches must be opened again.
   */
  onState(listener: (state: ConnectionState) => void): () => void;
  readonly state: ConnectionState;
  close(): void;
}

/** The HostError inside a rejection, or one made from any other failure. */
export function hostErrorOf(failure: unknown): HostError {
  if (failure instanceof HostCallError) return failure.error;
  const message = failure instanceof Error ? failure.message : String(failure);
  return { code: 0, reason: 'InternalError', message };
}

/** A set of listeners that can be called together; each `add` returns its own removal. */
export class Listeners<T> {
  private readonly set = new Set<(value: T) => void>();

  add(listener: (value: T) => void): () => void {
    this.set.add(listener);
    return () => this.set.delete(listener);
  }

  emit(value: T): void {
    for (const listener of [...this.set]) listener(value);
  }
}
