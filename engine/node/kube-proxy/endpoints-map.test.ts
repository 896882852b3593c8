import { describe, expect, it } from 'vitest';
import { buildEndpointsMap } from './endpoints-map.ts';
import { makeSlice } from './test-objects.ts';

describe('buildEndpointsMap', () => {
  it('merges the slices of a service port, one endpoint per ip:port, sorted as strings', () => {
    const map = buildEndpointsMap(
      [
        makeSlice('ns', 'web', [{ addresses: ['10.0.0.9'] }, { addresses: ['10.0.0.10'], nodeName: 'node-1' }]),
        makeSlice('ns', 'web', [{ addresses: ['10.0.0.9'] }, { addresses: ['10.0.0.2'] }], undefined, '2'),
      ],
      'node-1',
    );
    const endpoints = map.get('ns/web:p80/TCP') ?? [];
    expect(endpoints.map((ep) => ep.endpoint)).toEqual(['10.0.0.10:80', '10.0.0.2:80', '10.0.0.9:80']);
    expect(endpoints.map((ep) => ep.isLocal)).toEqual([true, false, false]);
  });

  it('reads missing ready and serving conditions as true and a missing terminating as false', () => {
    const [ep] =
      buildEndpointsMap([makeSlice('ns', 'web', [{ addresses: ['10.0.0.9'] }])], 'n').get('ns/web:p80/TCP') ?? [];
    expect(ep).toMatchObject({ ready: true, serving: true, terminating: false });
  });

  it('keeps a running endpoint over a terminating one with the same address', () => {
    const map = buildEndpointsMap(
      [
        makeSlice('ns', 'web', [{ addresses: ['10.0.0.9'], conditions: { ready: true } }]),
        makeSlice(
          'ns',
          'web',
          [{ addresses: ['10.0.0.9'], conditions: { ready: false, terminating: true } }],
          undefined,
          '2',
        ),
      ],
      'n',
    );
    expect(map.get('ns/web:p80/TCP')?.[0]?.ready).toBe(true);
  });

  it.each([
    ['IPv6 slices', { addressType: 'IPv6' }],
    ['slices without the service-name label', { metadata: { namespace: 'ns', name: 'x' } }],
    ['ports without a number', { ports: [{ name: 'p80', protocol: 'TCP' }] }],
  ])('ignores %s', (_, override) => {
    expect(
      buildEndpointsMap([{ ...makeSlice('ns', 'web', [{ addresses: ['10.0.0.9'] }]), ...override }], 'n').size,
    ).toBe(0);
  });
});
