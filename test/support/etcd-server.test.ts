import { describe, expect, it } from 'vitest';
import { etcdAvailable, etcdBinary, startEtcd } from './etcd-server.ts';

describe('startEtcd', () => {
  it('needs etcd installed (apt-get install -y etcd-server etcd-client)', () => {
    expect(etcdAvailable(), `no etcd at ${etcdBinary}`).toBe(true);
  });

  it('serves a healthy member on 127.0.0.1 that stop() shuts down', async () => {
    const server = await startEtcd();
    expect(server.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const health = (await (await fetch(`${server.endpoint}/health`)).json()) as { health: string };
    expect(health.health).toBe('true');
    expect(await server.leaderIndex()).toBe(0);
    await server.stop();
    await expect(fetch(`${server.endpoint}/health`)).rejects.toThrow();
  });
});
