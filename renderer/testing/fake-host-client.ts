// A HostClient for tests: answers calls from per-method handlers, records them, and pushes stream messages and
// connection states on demand.

import type { HostMethod, HostParams, HostResult, StreamEvent } from '../../engine/protocol/host-api.ts';
import type { StreamMessage } from '../../engine/protocol/framing.ts';
import type { ConnectionState, HostClient } from '../services/host-client.ts';
import { Listeners } from '../services/host-client.ts';

type Handler = (params: never) => unknown;

export class FakeHostClient implements HostClient {
  state: ConnectionState = 'open';
  readonly calls: { method: HostMethod; params: unknown }[] = [];
  private readonly handlers = new Map<HostMethod, Handler>();
  private readonly streams = new Listeners<StreamMessage>();
  private readonly states = new Listeners<ConnectionState>();
  private nextStream = 1;

  /** Answers `method` with what `handler` returns (or throws). */
  on<M extends HostMethod>(
    method: M,
    handler: (params: HostParams<M>) => HostResult<M> | Promise<HostResult<M>>,
  ): this {
    this.handlers.set(method, handler as Handler);
    return this;
  }

  /** Answers every stream-opening method with a new stream id ('s1', 's2', …). */
  openStreams(): this {
    const open = () => ({ stream: `s${this.nextStream++}`, shell: '/bin/bash' });
    for (const method of ['watch.open', 'logs.open', 'terminal.open'] as const) this.on(method, open);
    return this.on('stream.close', () => ({}));
  }

  async call<M extends HostMethod>(method: M, params: HostParams<M>): Promise<HostResult<M>> {
    this.calls.push({ method, params });
    const handler = this.handlers.get(method);
    if (!handler) throw new Error(`no fake answer for ${method}`);
    return (await handler(params as never)) as HostResult<M>;
  }

  callsOf(method: HostMethod): unknown[] {
    return this.calls.filter((c) => c.method === method).map((c) => c.params);
  }

  push(stream: string, event: StreamEvent): void {
    this.streams.emit({ type: 'stream', stream, event });
  }

  setState(state: ConnectionState): void {
    this.state = state;
    this.states.emit(state);
  }

  onStream(listener: (message: StreamMessage) => void): () => void {
    return this.streams.add(listener);
  }

  onState(listener: (state: ConnectionState) => void): () => void {
    return this.states.add(listener);
  }

  close(): void {}
}

/** Lets pending promise callbacks run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}
