// Which transport the page uses, chosen once at start: the Electron preload's bridge when `window.kubelab` exists,
// else a WebSocket to this page's own origin with the token from the URL fragment. Stores reach the host only
// through `host()` and `hostStreams()`.

import type { KubelabBridge } from '../../engine/protocol/bridge.ts';
import { WEBSOCKET_PATH } from '../../engine/protocol/framing.ts';
import { createBridgeClient } from './bridge-client.ts';
import type { HostClient } from './host-client.ts';
import { StreamRouter } from './streams.ts';
import { createWebSocketClient, hostSocketUrl, tokenFromHash } from './websocket-client.ts';

interface Page {
  kubelab?: KubelabBridge;
  location: { protocol: string; host: string; hash: string };
}

let client: HostClient | undefined;
let router: StreamRouter | undefined;

/** The client for this page's host (made on first use). */
export function host(): HostClient {
  client ??= connectToHost(window as unknown as Page);
  return client;
}

export function hostStreams(): StreamRouter {
  router ??= new StreamRouter(host());
  return router;
}

/** Replaces the client (tests, and a page that wants another host). */
export function setHostClient(next: HostClient | undefined): void {
  client = next;
  router = undefined;
}

export function connectToHost(page: Page): HostClient {
  if (page.kubelab) return createBridgeClient(page.kubelab);
  const token = tokenFromHash(page.location.hash);
  return createWebSocketClient({ url: hostSocketUrl(page.location, WEBSOCKET_PATH, token) });
}
