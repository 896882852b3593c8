import { describe, expect, it } from 'vitest';
import { StatusError } from '../errors/status-error.ts';
import { kubeletEndpointOf } from './kubelet-connection.ts';
import { node } from './test-pod-streams.ts';

describe('the kubelet endpoint of a node', () => {
  it.each([
    [
      'the internal IP before the others',
      node('n', [
        { type: 'Hostname', address: 'n' },
        { type: 'ExternalIP', address: '1.2.3.4' },
        { type: 'InternalIP', address: '10.0.0.1' },
      ]),
      '10.0.0.1:10250',
    ],
    [
      'the external IP before the host name',
      node('n', [
        { type: 'Hostname', address: 'n' },
        { type: 'ExternalIP', address: '1.2.3.4' },
      ]),
      '1.2.3.4:10250',
    ],
    [
      'the host name last',
      node('n', [
        { type: 'InternalDNS', address: 'n.local' },
        { type: 'Hostname', address: 'n' },
      ]),
      'n:10250',
    ],
    ['the port the kubelet reports', node('n', [{ type: 'InternalIP', address: '10.0.0.1' }], 10350), '10.0.0.1:10350'],
    ['an IPv6 address in brackets', node('n', [{ type: 'InternalIP', address: 'fd00::1' }]), '[fd00::1]:10250'],
  ])('uses %s', (_, n, hostPort) => {
    expect(kubeletEndpointOf(n)).toEqual({ hostPort });
  });

  it('fails without a preferred address, listing the ones known', () => {
    let error: unknown;
    try {
      kubeletEndpointOf(node('n', [{ type: 'InternalDNS', address: 'n.local' }]));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StatusError);
    expect((error as StatusError).status).toMatchObject({
      code: 500,
      message: 'no preferred addresses found; known addresses: [{InternalDNS n.local}]',
    });
  });
});
