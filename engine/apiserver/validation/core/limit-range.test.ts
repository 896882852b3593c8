import { describe, expect, it } from 'vitest';
import { validateLimitRange } from './limit-range.ts';

function limitRange(limits: unknown[]): Record<string, unknown> {
  return { metadata: { name: 'limits', namespace: 'default' }, spec: { limits } };
}

describe('LimitRanges', () => {
  it('accepts container defaults within bounds', () => {
    const item = {
      type: 'Container',
      min: { cpu: '100m' },
      max: { cpu: '2' },
      default: { cpu: '500m' },
      defaultRequest: { cpu: '200m' },
    };
    expect(validateLimitRange(limitRange([item]))).toEqual([]);
  });

  it.each([
    [
      'min above max',
      { type: 'Container', min: { cpu: '2' }, max: { cpu: '1' } },
      ['spec.limits[0].min[cpu]: Invalid value: 2: min value 2 is greater than max value 1'],
    ],
    [
      'a default above max',
      { type: 'Container', max: { memory: '1Gi' }, default: { memory: '2Gi' } },
      ['spec.limits[0].default[memory]: Invalid value: 1Gi: default value 2Gi is greater than max value 1Gi'],
    ],
    [
      'defaults for pods',
      { type: 'Pod', default: { cpu: '1' } },
      ["spec.limits[0].default: Forbidden: may not be specified when `type` is 'Pod'"],
    ],
    [
      'an unknown limit type',
      { type: 'Volume' },
      ['spec.limits[0].type: Invalid value: "Volume": must be a standard limit type or fully qualified'],
    ],
    [
      'a claim limit without storage',
      { type: 'PersistentVolumeClaim' },
      [
        'spec.limits[0].limits: Required value: either minimum or maximum storage value is required, but neither was provided',
      ],
    ],
    [
      'a ratio below one',
      { type: 'Container', maxLimitRequestRatio: { cpu: '500m' } },
      ['spec.limits[0].maxLimitRequestRatio[cpu]: Invalid value: 500m: ratio 500m is less than 1'],
    ],
  ])('refuses %s', (_name, item, expected) => {
    expect(validateLimitRange(limitRange([item])).map(String)).toEqual(expected);
  });

  it('refuses two items of the same type', () => {
    expect(validateLimitRange(limitRange([{ type: 'Container' }, { type: 'Container' }])).map(String)).toEqual([
      'spec.limits[1].type: Duplicate value: "Container"',
    ]);
  });
});
