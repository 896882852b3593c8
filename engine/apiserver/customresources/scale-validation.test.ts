import { describe, expect, it } from 'vitest';
import type { ScaleSubresource } from '../registry/resource-definition.ts';
import { validateScaleSpec, validateScaleStatus } from './scale-validation.ts';

const scale: ScaleSubresource = {
  specReplicasPath: '.spec.replicas',
  statusReplicasPath: '.status.replicas',
  labelSelectorPath: '.status.labelSelector',
};

describe('validateScaleSpec', () => {
  it.each<[string, unknown, string[]]>([
    ['accepts a missing value', { spec: {} }, []],
    ['accepts a count', { spec: { replicas: 3 } }, []],
    [
      'refuses a negative count',
      { spec: { replicas: -1 } },
      ['.spec.replicas: Invalid value: -1: should be a non-negative integer'],
    ],
    [
      'refuses a count beyond int32',
      { spec: { replicas: 2 ** 31 } },
      ['.spec.replicas: Invalid value: 2147483648: should be less than or equal to 2147483647'],
    ],
    [
      'refuses a string',
      { spec: { replicas: 'two' } },
      ['.spec.replicas: Invalid value: 0: .spec.replicas accessor error: two is of the type string, expected int64'],
    ],
    [
      'refuses a float',
      { spec: { replicas: 1.5 } },
      ['.spec.replicas: Invalid value: 0: .spec.replicas accessor error: 1.5 is of the type float64, expected int64'],
    ],
    [
      'refuses a path through a non-object',
      { spec: ['x'] },
      [
        '.spec.replicas: Invalid value: 0: .spec.replicas accessor error: [x] is of the type []interface {}, expected map[string]interface{}',
      ],
    ],
  ])('%s', (_name, obj, expected) => {
    expect(validateScaleSpec(obj, scale).map(String)).toEqual(expected);
  });

  it('checks nothing without a scale sub-resource', () => {
    expect(validateScaleSpec({ spec: { replicas: -1 } }, undefined)).toEqual([]);
  });
});

describe('validateScaleStatus', () => {
  it('checks the status replicas and the label selector', () => {
    expect(validateScaleStatus({ status: { replicas: -2, labelSelector: { app: 'x' } } }, scale).map(String)).toEqual([
      '.status.replicas: Invalid value: -2: should be a non-negative integer',
      '.status.labelSelector: Invalid value: "": .status.labelSelector accessor error: map[app:x] is of the type map[string]interface {}, expected string',
    ]);
  });

  it('accepts a string selector', () => {
    expect(validateScaleStatus({ status: { replicas: 1, labelSelector: 'app=x' } }, scale)).toEqual([]);
  });
});
