import { describe, expect, it } from 'vitest';

import type { Json } from './access.ts';
import { validateLease } from './coordination.ts';

describe('validateLease', () => {
  const cases: [string, Json, string[]][] = [
    [
      'accepts a node heartbeat lease',
      { spec: { holderIdentity: 'node-1', leaseDurationSeconds: 40, renewTime: '2024-01-01T00:00:00.000000Z' } },
      [],
    ],
    ['accepts an empty lease', { spec: {} }, []],
    [
      'rejects a zero duration',
      { spec: { leaseDurationSeconds: 0 } },
      ['spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0'],
    ],
    [
      'rejects negative transitions',
      { spec: { leaseTransitions: -1 } },
      ['spec.leaseTransitions: Invalid value: -1: must be greater than or equal to 0'],
    ],
  ];
  it.each(cases)('%s', (_name, lease, expected) => {
    expect(validateLease(lease).map(String)).toEqual(expected);
  });
});
