import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/object.ts';
import { discoveryPrinters } from './discovery.ts';

const NOW = Date.parse('2025-03-01T12:00:00Z');

function slice(ports: object[], endpoints: object[]): KubeObject {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: 'web-abc12', namespace: 'default', creationTimestamp: '2025-03-01T11:59:00Z' },
    addressType: 'IPv4',
    ports,
    endpoints,
  };
}

const printer = discoveryPrinters.EndpointSlice;

describe('endpointSlicePrinter', () => {
  it('declares ADDRESSTYPE PORTS ENDPOINTS AGE', () => {
    expect(printer?.columns.map((c) => c.name)).toEqual(['Name', 'AddressType', 'Ports', 'Endpoints', 'Age']);
  });

  it.each([
    [
      'its ports and addresses',
      slice(
        [{ name: 'http', port: 80, protocol: 'TCP' }],
        [{ addresses: ['10.244.0.5'] }, { addresses: ['10.244.1.7'] }],
      ),
      ['web-abc12', 'IPv4', '80', '10.244.0.5,10.244.1.7', '60s'],
    ],
    ['<unset> without ports or endpoints', slice([], []), ['web-abc12', 'IPv4', '<unset>', '<unset>', '60s']],
    [
      'a port name when there is no number, and * for neither',
      slice([{ name: 'metrics' }, {}], [{ addresses: ['10.0.0.1'] }]),
      ['web-abc12', 'IPv4', 'metrics,*', '10.0.0.1', '60s'],
    ],
    [
      'the first three and how many more',
      slice(
        [{ port: 1 }, { port: 2 }, { port: 3 }, { port: 4 }],
        [{ addresses: ['10.0.0.1', '10.0.0.2'] }, { addresses: ['10.0.0.3', '10.0.0.4', '10.0.0.5'] }],
      ),
      ['web-abc12', 'IPv4', '1,2,3 + 1 more...', '10.0.0.1,10.0.0.2,10.0.0.3 + 2 more...', '60s'],
    ],
  ])('prints %s', (_name, obj, want) => {
    expect(printer?.row(obj, NOW)).toEqual(want);
  });
});
