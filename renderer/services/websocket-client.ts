// The browser transport: one WebSocket to the host's WEBSOCKET_PATH, requests framed with increasing ids and matched
// to their responses, stream messages passed on. When the socket drops, calls in flight fail, and it reconnects with
// a growing delay; listeners of the state hear 'open' again and reopen their streams.

import type { HostMethod, HostParams, HostResult } from '../../engine/protocol/host-api.ts';
import type { RequestMessage, StreamMessage } from '../../engine/protocol/framing.ts';
import { decodeFrame, encodeFrame, parseHostMessage } from '../../engine/protocol/framing.ts';
import type { ConnectionState, HostClient } from './host-client.ts';
import { HostCallError, Listeners } from './host-client.ts';

/** The part of the DOM WebSocket this client uses (a fake one in tests). */
export interface SocketLike {
  readonly readyState: number;
  onopen: ((event: unknown) => void) | null;
  onclose: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  send(data: string): void;
  close(): void;
}

export interface WebSocketClientOptions {
  url: string;
  createSocket?: (url: string) => SocketLike;
  /** Delays before each reconnection attempt in ms; the last one repeats. */
  reconnectDelays?: readonly number[];
}

const OPEN = 1;
const DEFAULT_DELAYS = [100, 250, 500, 1000, 2000];

interface Pending {
  resolve(result: unknown): void;
  reject(error: HostCallError): void;
}

/** The WebSocket address for a page at `location`: its own origin, WEBSOCKET_PATH, the token as a query parameter. */
export function hostSocketUrl(location: { protocol: string; host: string }, path: string, token: string): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${path}?token=${encodeURIComponent(token)}`;
}

/** The token in a page's URL fragment (`#token=...`), or '' when there is none. */
export function tokenFromHash(hash: string): string {
  return new URLSearchParams(hash.replace(/^#/, '')).get('token') ?? '';
}

export function createWebSocketClient(options: WebSocketClientOptions): HostClient {
  const createSocket = options.createSocket ?? ((url: string) => new WebSocket(url) as unknown as SocketLike);
  const delays = options.reconnectDelays ?? DEFAULT_DELAYS;
  const streams = new Listeners<StreamMessage>();
  const states = new Listeners<ConnectionState>();
  const pending = new Map<number, Pending>();
  let queued: string[] = [];
  let nextId = 1;
  let failures = 0;
  let closed = false;
  let state: ConnectionState = 'connecting';
  let socket: SocketLike;
  let timer: ReturnType<typeof setTimeout> | undefined;

  function setState(next: ConnectionState): void {
    if (state === next) return;
    state = next;
    states.emit(next);
  }

  function connect(): void {
    socket = createSocket(options.url);
    socket.onopen = () => {
      failures = 0;
      const frames = queued;
      queued = [];
      for (const frame of frames) socket.send(frame);
      setState('open');
    };
    socket.onmessage = (event) => {
      if (typeof event.data !== 'string') return;
      const message = parseHostMessage(decodeFrame(event.data));
      if (!message) return;
      if (message.type === 'stream') {
        streams.emit(message);
        return;
      }
      const call = pending.get(message.id);
      if (!call) return;
      pending.delete(message.id);
      if ('error' in message) call.reject(new HostCallError(message.error));
      else call.resolve(message.result);
    };
    socket.onerror = () => {};
    socket.onclose = () => dropped();
  }

  function dropped(): void {
    const calls = [...pending.values()];
    pending.clear();
    queued = [];
    for (const call of calls) {
      call.reject(
        new HostCallError({ code: 0, reason: 'Disconnected', message: 'the connection to the host dropped' }),
      );
    }
    if (closed) return;
    setState('connecting');
    const delay = delays[Math.min(failures, delays.length - 1)] ?? 1000;
    failures++;
    timer = setTimeout(connect, delay);
  }

  connect();

  return {
    get state() {
      return state;
    },
    call<M extends HostMethod>(method: M, params: HostParams<M>): Promise<HostResult<M>> {
      if (closed) {
        return Promise.reject(new HostCallError({ code: 0, reason: 'Closed', message: 'the client is closed' }));
      }
      const id = nextId++;
      const request: RequestMessage<M> = { type: 'request', id, method, params };
      const frame = encodeFrame(request as unknown as RequestMessage);
      return new Promise<HostResult<M>>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (result: unknown) => void, reject });
        if (socket.readyState === OPEN) socket.send(frame);
        else queued.push(frame);
      });
    },
    onStream: (listener) => streams.add(listener),
    onState: (listener) => states.add(listener),
    close() {
      closed = true;
      clearTimeout(timer);
      socket.close();
      setState('closed');
    },
  };
}
