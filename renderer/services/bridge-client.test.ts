import { describe, expect, it } from 'vitest';
import type { KubelabBridge } from '../../engine/protocol/bridge.ts';
import type { StreamMessage } from '../../engine/protocol/framing.ts';
import { createBridgeClient } from './bridge-client.ts';
import { HostCallError } from './host-client.ts';

function fakeBridge(): { bridge: KubelabBridge; emit(message: StreamMessage): void } {
  let listener: ((message: StreamMessage) => void) | undefined;
  const bridge = {
    'lab.info': async () => ({ result: { name: 'lab', server: 's', kubeconfigPath: 'k', kubernetesVersion: 'v' } }),
    'objects.delete': async () => ({ error: { code: 403, reason: 'Forbidden', message: 'no' } }),
    onStream(l: (message: StreamMessage) => void) {
      listener = l;
      return () => (listener = undefined);
    },
  } as unknown as KubelabBridge;
  return { bridge, emit: (m) => listener?.(m) };
}

describe('the Electron transport', () => {
  it('answers the result of the bridge', async () => {
    const client = createBridgeClient(fakeBridge().bridge);
    await expect(client.call('lab.info', {})).resolves.toMatchObject({ name: 'lab' });
  });

  it('rejects with the HostError the bridge answered', async () => {
    const client = createBridgeClient(fakeBridge().bridge);
    const failure = await client
      .call('objects.delete', { ref: { group: '', version: 'v1', resource: 'pods', name: 'p' } })
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(HostCallError);
    expect((failure as HostCallError).error.reason).toBe('Forbidden');
  });

  it('rejects a method the bridge lacks', async () => {
    const client = createBridgeClient(fakeBridge().bridge);
    await expect(client.call('api.schemas', {})).rejects.toMatchObject({ error: { reason: 'NotSupported' } });
  });

  it('passes stream messages on until the listener is removed', () => {
    const { bridge, emit } = fakeBridge();
    const client = createBridgeClient(bridge);
    const seen: StreamMessage[] = [];
    const stop = client.onStream((m) => seen.push(m));
    emit({ type: 'stream', stream: 's', event: { kind: 'terminal', data: 'a' } });
    stop();
    emit({ type: 'stream', stream: 's', event: { kind: 'terminal', data: 'b' } });
    expect(seen.map((m) => m.event)).toEqual([{ kind: 'terminal', data: 'a' }]);
  });
});
