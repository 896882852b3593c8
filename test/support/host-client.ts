// Test support: a client of the host contract over the browser host's WebSocket, as the UI's transport is — call()
// answers requests, stream events are collected per stream — for the host's tests, the e2e suite and the ui bench.

import { WebSocket } from 'ws';
import { WEBSOCKET_PATH, encodeFrame, parseHostMessage } from '../../engine/protocol/framing.ts';
import type { ResponseMessage, StreamMessage } from '../../engine/protocol/framing.ts';
import type { HostMethod, HostParams, HostResult } from '../../engine/protocol/host-api.ts';

export class HostClient {
  private nextId = 1;
  private readonly waiting = new Map<number, (message: ResponseMessage) => void>();
  readonly streams = new Map<string, StreamMessage['event'][]>();

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const message = parseHostMessage(JSON.parse(String(data)));
      if (message?.type === 'response') this.waiting.get(message.id)?.(message);
      else if (message?.type === 'stream') {
        const events = this.streams.get(message.stream) ?? [];
        events.push(message.event);
        this.streams.set(message.stream, events);
      }
    });
  }

  /** Connects to the host on `port`; rejects with `HTTP <status>` when the upgrade is refused. */
  static connect(port: number, token: string, origin?: string): Promise<HostClient> {
    const ws = new WebSocket(`ws://127.0.0.1:${port}${WEBSOCKET_PATH}?token=${token}`, origin ? { origin } : {});
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new HostClient(ws)));
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
      ws.once('error', reject);
    });
  }

  call<M extends HostMethod>(method: M, params: HostParams<M>): Promise<ResponseMessage> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.ws.send(encodeFrame({ type: 'request', id, method, params }));
    });
  }

  /** Calls and resolves with the result; rejects with the HostError's message. */
  async result<M extends HostMethod>(method: M, params: HostParams<M>): Promise<HostResult<M>> {
    const response = await this.call(method, params);
    if ('error' in response) throw new Error(response.error.message);
    return response.result as HostResult<M>;
  }

  close(): void {
    this.ws.close();
  }
}

/** Waits (in real time) until `read` gives a value. */
export async function until<T>(read: () => T | undefined, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}
