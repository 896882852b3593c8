// Streams by id: one listener on the client routes each stream message to the handler of its stream. A message that
// arrives before its handler (the event can overtake the response that names the stream) waits for it.

import type { HostError, HostMethod, HostParams, HostResult, StreamEvent } from '../../engine/protocol/host-api.ts';
import type { StreamMessage } from '../../engine/protocol/framing.ts';
import type { HostClient } from './host-client.ts';

type StreamMethod = { [M in HostMethod]: HostResult<M> extends { stream: string } ? M : never }[HostMethod];

/** An open stream; `close` tells the host to stop it. */
export interface StreamHandle<M extends StreamMethod = StreamMethod> {
  readonly stream: string;
  readonly result: HostResult<M>;
  close(): void;
}

const MAX_WAITING = 5000;

/** The end a stream hears when the connection it came over drops. */
export const DISCONNECTED: HostError = {
  code: 0,
  reason: 'Disconnected',
  message: 'the connection to the host was lost',
};

export class StreamRouter {
  private readonly handlers = new Map<string, (event: StreamEvent) => void>();
  private readonly waiting = new Map<string, StreamEvent[]>();
  private readonly closed = new Set<string>();
  private waitingCount = 0;

  constructor(private readonly client: HostClient) {
    client.onStream((message) => this.route(message));
    client.onState((state) => {
      if (state === 'connecting') this.dropAll();
    });
  }

  /** Opens a stream with `method` and hands each of its events to `onEvent`. */
  async open<M extends StreamMethod>(
    method: M,
    params: HostParams<M>,
    onEvent: (event: StreamEvent) => void,
  ): Promise<StreamHandle<M>> {
    const result = await this.client.call(method, params);
    const { stream } = result as { stream: string };
    this.handlers.set(stream, onEvent);
    const early = this.waiting.get(stream);
    if (early) {
      this.waiting.delete(stream);
      this.waitingCount -= early.length;
      for (const event of early) onEvent(event);
    }
    return {
      stream,
      result,
      close: () => {
        if (!this.handlers.delete(stream)) return;
        this.closed.add(stream);
        this.client.call('stream.close', { stream }).catch(() => {});
      },
    };
  }

  /** The host closes every stream of a dropped connection: each handler hears its end, nothing waits any more. */
  private dropAll(): void {
    const handlers = [...this.handlers.values()];
    this.handlers.clear();
    this.waiting.clear();
    this.waitingCount = 0;
    this.closed.clear();
    const end: StreamEvent = { kind: 'end', error: DISCONNECTED };
    for (const handler of handlers) handler(end);
  }

  private route(message: StreamMessage): void {
    const handler = this.handlers.get(message.stream);
    if (handler) {
      if (message.event.kind === 'end') {
        this.handlers.delete(message.stream);
        this.closed.add(message.stream);
      }
      handler(message.event);
      return;
    }
    if (this.closed.has(message.stream) || this.waitingCount >= MAX_WAITING) return;
    const list = this.waiting.get(message.stream) ?? [];
    list.push(message.event);
    this.waiting.set(message.stream, list);
    this.waitingCount++;
  }
}
