import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { DialError, programPortDialer } from './pod-port-dialer.ts';
import type { PodNetworkTarget } from './pod-port-dialer.ts';
import { TcpConnection } from './tcp-connection.ts';

const pod: PodNetworkTarget = {
  namespace: 'default',
  name: 'web',
  uid: 'u',
  ip: '10.244.1.5',
  listeners: () => [{ listens: (port) => port === 6379 }, { listens: (port) => port === 80 }],
};

describe('program port dialer', () => {
  it('connects to the program of the pod listening on the port', async () => {
    expect(await programPortDialer.dial(pod, 80, { address: '127.0.0.1' })).toBeInstanceOf(TcpConnection);
  });

  it('takes the connection a program gives for a protocol of its own', async () => {
    const own = new PassThrough();
    const redis: PodNetworkTarget = { ...pod, listeners: () => [{ listens: () => true, connect: () => own }] };
    expect(await programPortDialer.dial(redis, 6379, { address: '127.0.0.1' })).toBe(own);
  });

  it('refuses a port nothing listens on, as connect(2) does', async () => {
    const dial = programPortDialer.dial(pod, 81, { address: '127.0.0.1' });
    await expect(dial).rejects.toBeInstanceOf(DialError);
    await expect(dial).rejects.toThrow('connect: connection refused');
  });
});
