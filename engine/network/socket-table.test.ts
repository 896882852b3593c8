import { describe, expect, it } from 'vitest';
import { SocketTable } from './socket-table.ts';

describe('SocketTable', () => {
  const table = new SocketTable();
  const wildcard = table.listen({
    protocol: 'tcp',
    address: '0.0.0.0',
    port: 80,
    handler: () => 'any',
    program: 'nginx',
  });
  const loopback = table.listen({
    protocol: 'tcp',
    address: '127.0.0.1',
    port: 9090,
    handler: () => 'lo',
    program: 'metrics',
  });

  it.each([
    ['tcp', '10.244.1.5', 80, 'nginx'],
    ['tcp', '127.0.0.1', 9090, 'metrics'],
    ['tcp', '10.244.1.5', 9090, undefined],
    ['udp', '10.244.1.5', 80, undefined],
  ] as const)('finds the %s listener for %s:%d: %s', (protocol, address, port, program) => {
    expect(table.find(protocol, address, port)?.program).toBe(program);
  });

  it('stops finding a closed listener', () => {
    const local = new SocketTable();
    const listener = local.listen({ ...wildcard });
    local.close(listener);
    expect(local.find('tcp', '10.244.1.5', 80)).toBeUndefined();
    expect(table.list()).toEqual([wildcard, loopback]);
  });
});
