import { describe, expect, it } from 'vitest';
import type { HttpRequest } from '../program.ts';
import { loopbackNetwork } from './loopback-network.ts';
import { MemoryFilesystem } from './memory-filesystem.ts';

const fs = new MemoryFilesystem({
  '/etc/hostname': 'web-0\n',
  '/etc/hosts': '# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n10.244.1.5\tweb-0\n',
});
const listener = {
  listens: (port: number) => port === 80,
  http: (request: HttpRequest) => ({ status: 200, body: `from ${request.remoteAddress}` }),
};
const network = loopbackNetwork(fs, () => [listener]);
const request: HttpRequest = { method: 'GET', path: '/', headers: {}, port: 80 };

describe('loopbackNetwork', () => {
  it.each([
    ['localhost', { status: 'found', name: 'localhost', addresses: ['127.0.0.1'] }],
    ['web-0', { status: 'found', name: 'web-0', addresses: ['10.244.1.5'] }],
    ['10.0.0.1', { status: 'found', name: '10.0.0.1', addresses: ['10.0.0.1'] }],
    ['kubernetes.default', { status: 'timeout' }],
  ])('looks up %s', async (name, result) => {
    expect(await network.lookup(name)).toEqual(result);
  });

  it.each([
    ['127.0.0.1', 80, 'connected'],
    ['10.244.1.5', 80, 'connected'],
    ['127.0.0.1', 8080, 'refused'],
    ['10.244.2.9', 80, 'unreachable'],
  ])('connects to %s:%d: %s', async (address, port, outcome) => {
    expect(await network.connect(address, port)).toBe(outcome);
  });

  it('hands HTTP to the program listening on the port, from the address used', async () => {
    expect(await network.http('127.0.0.1', 80, request)).toEqual({ status: 200, body: 'from 127.0.0.1' });
    expect(await network.http('10.244.1.5', 80, request)).toEqual({ status: 200, body: 'from 10.244.1.5' });
    expect(await network.http('127.0.0.1', 81, { ...request, port: 81 })).toBe('refused');
  });

  it('has lo and an eth0 with the pod IP and the MAC a CNI bridge gives it', () => {
    expect(network.interfaces()).toEqual([
      { name: 'lo', addresses: ['127.0.0.1/8'], mac: '00:00:00:00:00:00', mtu: 65536 },
      { name: 'eth0', addresses: ['10.244.1.5/24'], mac: '0a:58:0a:f4:01:05', mtu: 1500 },
    ]);
  });
});
