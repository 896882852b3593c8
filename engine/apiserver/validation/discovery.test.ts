import { describe, expect, it } from 'vitest';

import type { Json } from './access.ts';
import { validateEndpointSlice, validateEndpointSliceUpdate } from './discovery.ts';

const slice = (fields: Json): Json => ({
  metadata: { name: 'web-abc', namespace: 'default' },
  addressType: 'IPv4',
  endpoints: [],
  ports: [],
  ...fields,
});

describe('validateEndpointSlice', () => {
  const cases: [string, Json, string[]][] = [
    [
      'accepts ready IPv4 endpoints with a named port',
      slice({
        endpoints: [{ addresses: ['10.1.0.5'], conditions: { ready: true }, nodeName: 'node-1' }],
        ports: [{ name: 'http', port: 80, protocol: 'TCP' }],
      }),
      [],
    ],
    ['requires an address type', slice({ addressType: '' }), ['addressType: Required value']],
    [
      'rejects the deprecated IP type on create',
      slice({ addressType: 'IP' }),
      ['addressType: Unsupported value: "IP": supported values: "FQDN", "IPv4", "IPv6"'],
    ],
    [
      'requires at least one address',
      slice({ endpoints: [{ addresses: [] }] }),
      ['endpoints[0].addresses: Required value: must contain at least 1 address'],
    ],
    [
      'rejects an IPv6 address in an IPv4 slice',
      slice({ endpoints: [{ addresses: ['fd00::1'] }] }),
      ['endpoints[0].addresses[0]: Invalid value: "fd00::1": must be a valid IPv4 address'],
    ],
    [
      'rejects a loopback address',
      slice({ endpoints: [{ addresses: ['127.0.0.1'] }] }),
      [
        'endpoints[0].addresses[0]: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)',
      ],
    ],
    ['requires port protocols', slice({ ports: [{ name: 'http', port: 80 }] }), ['ports[0].protocol: Required value']],
    [
      'rejects duplicate port names',
      slice({
        ports: [
          { name: '', protocol: 'TCP' },
          { name: '', protocol: 'UDP' },
        ],
      }),
      ['ports[1].name: Duplicate value: ""'],
    ],
    [
      'rejects duplicate zone hints',
      slice({ endpoints: [{ addresses: ['10.0.0.1'], hints: { forZones: [{ name: 'a' }, { name: 'a' }] } }] }),
      ['endpoints[0].hints.forZones[1].name: Duplicate value: "a"'],
    ],
    [
      'checks FQDN addresses',
      slice({ addressType: 'FQDN', endpoints: [{ addresses: ['localhost'] }] }),
      [
        'endpoints[0].addresses[0]: Invalid value: "localhost": should be a domain with at least two segments separated by dots',
      ],
    ],
  ];
  it.each(cases)('%s', (_name, obj, expected) => {
    expect(validateEndpointSlice(obj).map(String)).toEqual(expected);
  });

  it('refuses to change the address type', () => {
    expect(validateEndpointSliceUpdate(slice({ addressType: 'IPv6' }), slice({})).map(String)).toEqual([
      'addressType: Invalid value: "IPv6": field is immutable',
    ]);
  });

  it('keeps accepting the deprecated IP type on update', () => {
    expect(validateEndpointSliceUpdate(slice({ addressType: 'IP' }), slice({ addressType: 'IP' }))).toEqual([]);
  });
});
