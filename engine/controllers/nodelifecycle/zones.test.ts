import { describe, expect, it } from 'vitest';
import type { NodeCondition } from './node-types.ts';
import { computeZoneState, zoneKey } from './zones.ts';

const ready = (status: string): NodeCondition => ({ type: 'Ready', status });
const many = (count: number, status: string) => Array.from({ length: count }, () => ready(status));

describe('computeZoneState', () => {
  it.each([
    ['a zone of ready nodes is Normal', many(3, 'True'), 0, 'Normal'],
    ['a zone without a ready node is fully disrupted', [...many(2, 'Unknown'), undefined], 3, 'FullDisruption'],
    ['two not-ready nodes never make a partial disruption', [...many(2, 'False'), ready('True')], 2, 'Normal'],
    [
      'three of five not ready (60%) is a partial disruption',
      [...many(3, 'Unknown'), ...many(2, 'True')],
      3,
      'PartialDisruption',
    ],
    ['three of six not ready (50%) is not', [...many(3, 'Unknown'), ...many(3, 'True')], 3, 'Normal'],
  ])('%s', (_name, conditions, notReady, state) => {
    expect(computeZoneState(conditions, 0.55)).toEqual([notReady, state]);
  });
});

describe('zoneKey', () => {
  it.each([
    ['a node without topology labels has the empty key', {}, ''],
    [
      'region and zone make the key',
      { 'topology.kubernetes.io/region': 'r', 'topology.kubernetes.io/zone': 'z' },
      'r:\u0000:z',
    ],
    ['the beta labels count too', { 'failure-domain.beta.kubernetes.io/zone': 'z' }, ':\u0000:z'],
  ])('%s', (_name, labels, key) => {
    expect(zoneKey({ metadata: { name: 'n', labels } })).toBe(key);
  });
});
