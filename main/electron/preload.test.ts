import { beforeEach, describe, expect, it, vi } from 'vitest';
import { HOST_METHOD_NAMES } from '../../engine/protocol/host-api.ts';
import { IPC_CHANNEL } from '../../engine/protocol/framing.ts';
import type { StreamMessage } from '../../engine/protocol/framing.ts';
import type { KubelabBridge } from '../../engine/protocol/bridge.ts';

type Listener = (event: unknown, message: unknown) => void;

const fake = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  listeners: new Set<(event: unknown, message: unknown) => void>(),
  invoke: undefined as unknown as (channel: string, payload: unknown) => Promise<unknown>,
}));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => void fake.exposed.set(key, api) },
  ipcRenderer: {
    invoke: (channel: string, payload: unknown) => fake.invoke(channel, payload),
    on: (_channel: string, listener: Listener) => void fake.listeners.add(listener),
    removeListener: (_channel: string, listener: Listener) => void fake.listeners.delete(listener),
  },
}));

await import('./preload.ts');
const bridge = fake.exposed.get('kubelab') as KubelabBridge;

function deliver(message: unknown): void {
  const event = { sender: { send: () => undefined }, senderId: 0 };
  for (const listener of fake.listeners) listener(event, message);
}

describe('the preload', () => {
  beforeEach(() => {
    fake.invoke = () => Promise.resolve({ result: {} });
  });

  it('exposes exactly one object, window.kubelab, with one function per method and onStream', () => {
    expect([...fake.exposed.keys()]).toEqual(['kubelab']);
    expect(Object.keys(bridge).sort()).toEqual([...HOST_METHOD_NAMES, 'onStream'].sort());
    for (const value of Object.values(bridge)) expect(typeof value).toBe('function');
  });

  it('sends {method, params} on the contract’s channel and answers {result}', async () => {
    const invoke = vi.fn(() => Promise.resolve({ result: { yaml: 'kind: Pod' } }));
    fake.invoke = invoke;
    const ref = { group: '', version: 'v1', resource: 'pods', namespace: 'default', name: 'web' };
    expect(await bridge['objects.yaml']({ ref })).toEqual({ result: { yaml: 'kind: Pod' } });
    expect(invoke).toHaveBeenCalledWith(IPC_CHANNEL, { method: 'objects.yaml', params: { ref } });
  });

  it('keeps a HostError answer intact', async () => {
    const error = { code: 422, reason: 'Invalid', message: 'spec.replicas: Invalid value', document: 0, line: 7 };
    fake.invoke = () => Promise.resolve({ error });
    expect(await bridge['objects.apply']({ yaml: 'x' })).toEqual({ error });
  });

  it('answers a failed invoke with a HostError instead of throwing Electron’s error', async () => {
    fake.invoke = () => Promise.reject(new Error("Error invoking remote method 'kubelab:host': reply was never sent"));
    expect(await bridge['lab.info']({})).toEqual({
      error: { code: 503, reason: 'ServiceUnavailable', message: 'the kubelab host did not answer' },
    });
  });

  it('answers a malformed answer with a HostError', async () => {
    fake.invoke = () => Promise.resolve({ error: 'text' });
    expect(await bridge['lab.info']({})).toMatchObject({ error: { code: 500, reason: 'InternalError' } });
  });

  it('passes on well-formed stream messages only, never the IPC event, until unsubscribed', () => {
    const received: unknown[][] = [];
    const stop = bridge.onStream((...args) => received.push(args));
    const message: StreamMessage = { type: 'stream', stream: 'w1', event: { kind: 'terminal', data: '$ ' } };
    deliver(message);
    deliver({ type: 'stream', stream: 'w1' });
    deliver({ type: 'response', id: 1, result: {} });
    deliver('text');
    stop();
    deliver(message);
    expect(received).toEqual([[message]]);
    expect(fake.listeners.size).toBe(0);
  });
});
