// The object the Electron preload exposes to the window as `window.kubelab`: one function per method of the contract
// (each answers with the result or the HostError, so errors cross IPC intact) and one way to receive stream messages.
// The browser transport offers the UI the same shape over a WebSocket.

import type { HostError, HostMethod, HostParams, HostResult } from './host-api.ts';
import type { StreamMessage } from './framing.ts';

export type BridgeAnswer<M extends HostMethod> = { result: HostResult<M> } | { error: HostError };

export type KubelabBridge = { [M in HostMethod]: (params: HostParams<M>) => Promise<BridgeAnswer<M>> } & {
  /** Calls `listener` with every stream message for this window; the returned function stops that. */
  onStream(listener: (message: StreamMessage) => void): () => void;
};
