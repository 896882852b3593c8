import { describe, expect, it } from 'vitest';
import { validateEndpoints } from './endpoints.ts';

describe('endpoints', () => {
  it('accepts ready addresses with a port', () => {
    const endpoints = {
      metadata: {},
      subsets: [{ addresses: [{ ip: '10.244.1.5', nodeName: 'node-1' }], ports: [{ port: 80, protocol: 'TCP' }] }],
    };
    expect(validateEndpoints(endpoints)).toEqual([]);
  });

  it.each([
    [
      'a subset needs addresses',
      [{ ports: [{ port: 80, protocol: 'TCP' }] }],
      ['subsets[0]: Required value: must specify `addresses` or `notReadyAddresses`'],
    ],
    [
      'an address may not be loopback',
      [{ addresses: [{ ip: '127.0.0.1' }] }],
      [
        'subsets[0].addresses[0].ip: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)',
      ],
    ],
    [
      'several ports need names',
      [
        {
          addresses: [{ ip: '10.0.0.1' }],
          ports: [
            { port: 80, protocol: 'TCP' },
            { name: 'b', port: 81, protocol: 'TCP' },
          ],
        },
      ],
      ['subsets[0].ports[0].name: Required value'],
    ],
  ])('%s', (_name, subsets, expected) => {
    expect(validateEndpoints({ metadata: {}, subsets }).map(String)).toEqual(expected);
  });
});
