import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HostCallError } from './host-client.ts';
import type { SocketLike } from './websocket-client.ts';
import { createWebSocketClient, hostSocketUrl, tokenFromHash } from './websocket-client.ts';

class FakeSocket implements SocketLike {
  readyState = 0;
  onopen: ((event: unknown) => void) | null = null;
  onclose: ((event: unknown) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  readonly sent: Record<string, unknown>[] = [];
  constructor(readonly url: string) {}
  send(data: string): void {
    this.sent.push(JSON.parse(data) as Record<string, unknown>);
  }
  close(): void {
    this.drop();
  }
  open(): void {
    this.readyState = 1;
    this.onopen?.({});
  }
  drop(): void {
    this.readyState = 3;
    this.onclose?.({});
  }
  receive(message: unknown): void {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
}

function setup() {
  const sockets: FakeSocket[] = [];
  const client = createWebSocketClient({
    url: 'ws://127.0.0.1:1/api/host?token=t',
    reconnectDelays: [10, 50],
    createSocket: (url) => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      return socket;
    },
  });
  const last = () => sockets[sockets.length - 1]!;
  return { client, sockets, last };
}

describe('the WebSocket transport', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends requests with increasing ids once the socket opens, and resolves each with its own response', async () => {
    const { client, last } = setup();
    const info = client.call('lab.info', {});
    const resources = client.call('api.resources', {});
    expect(last().sent).toEqual([]);
    last().open();
    expect(last().sent).toEqual([
      { type: 'request', id: 1, method: 'lab.info', params: {} },
      { type: 'request', id: 2, method: 'api.resources', params: {} },
    ]);
    last().receive({ type: 'response', id: 2, result: [] });
    last().receive({ type: 'response', id: 1, result: { name: 'lab' } });
    await expect(info).resolves.toEqual({ name: 'lab' });
    await expect(resources).resolves.toEqual([]);
  });

  it('rejects a call answered with an error with a HostCallError carrying the HostError', async () => {
    const { client, last } = setup();
    last().open();
    const call = client.call('objects.get', { ref: { group: '', version: 'v1', resource: 'pods', name: 'x' } });
    last().receive({
      type: 'response',
      id: 1,
      error: { code: 404, reason: 'NotFound', message: 'pods "x" not found' },
    });
    const failure = await call.catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(HostCallError);
    expect((failure as HostCallError).error).toEqual({ code: 404, reason: 'NotFound', message: 'pods "x" not found' });
  });

  it('passes stream messages to stream listeners and ignores malformed frames', () => {
    const { client, last } = setup();
    const seen: unknown[] = [];
    client.onStream((m) => seen.push(m));
    last().open();
    last().onmessage?.({ data: 'not json' });
    last().receive({ type: 'stream', stream: 's1' });
    last().receive({ type: 'stream', stream: 's1', event: { kind: 'logs', text: 'hello' } });
    expect(seen).toEqual([{ type: 'stream', stream: 's1', event: { kind: 'logs', text: 'hello' } }]);
  });

  it('fails calls in flight when the socket drops, reconnects after a delay and reports the states', async () => {
    const { client, sockets, last } = setup();
    const states: string[] = [];
    client.onState((s) => states.push(s));
    last().open();
    const call = client.call('lab.info', {});
    last().drop();
    await expect(call).rejects.toMatchObject({ error: { reason: 'Disconnected' } });
    expect(sockets).toHaveLength(1);
    vi.advanceTimersByTime(10);
    expect(sockets).toHaveLength(2);
    last().drop();
    vi.advanceTimersByTime(49);
    expect(sockets).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(3);
    last().open();
    expect(states).toEqual(['open', 'connecting', 'open']);
    expect(client.state).toBe('open');
    const next = client.call('lab.info', {});
    expect(last().sent[0]).toMatchObject({ id: 2, method: 'lab.info' });
    last().receive({ type: 'response', id: 2, result: { name: 'again' } });
    await expect(next).resolves.toEqual({ name: 'again' });
  });

  it('stops reconnecting once closed', () => {
    const { client, sockets } = setup();
    client.close();
    vi.advanceTimersByTime(1000);
    expect(sockets).toHaveLength(1);
    expect(client.state).toBe('closed');
  });
});

describe('the page address', () => {
  it('takes the token from the URL fragment', () => {
    expect(tokenFromHash('#token=XYZ')).toBe('XYZ');
    expect(tokenFromHash('')).toBe('');
  });

  it('puts the token in the WebSocket address of the same origin', () => {
    expect(hostSocketUrl({ protocol: 'http:', host: '127.0.0.1:8080' }, '/api/host', 'a b')).toBe(
      'ws://127.0.0.1:8080/api/host?token=a%20b',
    );
    expect(hostSocketUrl({ protocol: 'https:', host: 'x' }, '/api/host', 't')).toBe('wss://x/api/host?token=t');
  });
});
