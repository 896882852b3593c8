import { afterEach, describe, expect, it, vi } from 'vitest';
import type { KubelabBridge } from '../../engine/protocol/bridge.ts';
import { connectToHost } from './host.ts';

const location = { protocol: 'http:', host: '127.0.0.1:5173', hash: '#token=XYZ' };

describe('choosing the transport', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('uses the Electron bridge when the preload exposed one, and opens no socket', async () => {
    const sockets: string[] = [];
    vi.stubGlobal('WebSocket', function (url: string) {
      sockets.push(url);
    });
    const bridge = { 'lab.info': async () => ({ result: { name: 'from-bridge' } }) } as unknown as KubelabBridge;
    const client = connectToHost({ kubelab: bridge, location });
    await expect(client.call('lab.info', {})).resolves.toEqual({ name: 'from-bridge' });
    expect(sockets).toEqual([]);
  });

  it("otherwise opens a WebSocket to the page's origin with the token from its fragment", () => {
    const sockets: string[] = [];
    vi.stubGlobal('WebSocket', function (this: { readyState: number; close(): void }, url: string) {
      sockets.push(url);
      this.readyState = 0;
      this.close = () => {};
    });
    connectToHost({ location }).close();
    expect(sockets).toEqual(['ws://127.0.0.1:5173/api/host?token=XYZ']);
  });
});
