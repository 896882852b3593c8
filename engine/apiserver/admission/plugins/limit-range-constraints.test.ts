// Tests for the LimitRange bounds.
import { describe, expect, it } from 'vitest';
import { Quantity } from '../../../api/quantity.ts';
import {
  limitRequestRatioConstraint,
  maxConstraint,
  maxRequestConstraint,
  minConstraint,
} from './limit-range-constraints.ts';
import { resourceList } from './resource-lists.ts';

const q = (s: string) => Quantity.parse(s);
const list = (value: Record<string, string> = {}) => resourceList(value);

describe('LimitRange bounds', () => {
  it.each<[string, string, Record<string, string>, Record<string, string>, string | undefined]>([
    ['accepts a request and limit above the minimum', '100m', { cpu: '200m' }, { cpu: '1' }, undefined],
    ['accepts exactly the minimum', '100m', { cpu: '0.1' }, {}, undefined],
    [
      'refuses a missing request',
      '100m',
      {},
      { cpu: '1' },
      'minimum cpu usage per Container is 100m.  No request is specified',
    ],
    [
      'refuses a request below it',
      '100m',
      { cpu: '50m' },
      {},
      'minimum cpu usage per Container is 100m, but request is 50m',
    ],
    [
      'refuses a limit below it',
      '100m',
      { cpu: '100m' },
      { cpu: '99m' },
      'minimum cpu usage per Container is 100m, but limit is 99m',
    ],
  ])('minConstraint %s', (_name, min, requests, limits, expected) => {
    expect(minConstraint('Container', 'cpu', q(min), list(requests), list(limits))).toBe(expected);
  });

  it.each<[string, string, Record<string, string>, Record<string, string>, string | undefined]>([
    ['accepts a limit below the maximum', '1Gi', { memory: '256Mi' }, { memory: '512Mi' }, undefined],
    [
      'refuses a missing limit',
      '1Gi',
      { memory: '256Mi' },
      {},
      'maximum memory usage per Container is 1Gi.  No limit is specified',
    ],
    [
      'refuses a limit above it',
      '1Gi',
      {},
      { memory: '2Gi' },
      'maximum memory usage per Container is 1Gi, but limit is 2Gi',
    ],
    [
      'refuses a request above it under a limit that is not',
      '1Gi',
      { memory: '1025Mi' },
      { memory: '1Gi' },
      'maximum memory usage per Container is 1Gi, but request is 1025Mi',
    ],
  ])('maxConstraint %s', (_name, max, requests, limits, expected) => {
    expect(maxConstraint('Container', 'memory', q(max), list(requests), list(limits))).toBe(expected);
  });

  it.each<[string, Record<string, string>, string | undefined]>([
    ['accepts a claim under the maximum', { storage: '1Gi' }, undefined],
    [
      'refuses a claim without a request',
      {},
      'maximum storage usage per PersistentVolumeClaim is 2Gi.  No request is specified',
    ],
    [
      'refuses a claim above it',
      { storage: '5Gi' },
      'maximum storage usage per PersistentVolumeClaim is 2Gi, but request is 5Gi',
    ],
  ])('maxRequestConstraint %s', (_name, requests, expected) => {
    expect(maxRequestConstraint('PersistentVolumeClaim', 'storage', q('2Gi'), list(requests))).toBe(expected);
  });

  it.each<[string, Record<string, string>, Record<string, string>, string | undefined]>([
    ['accepts a ratio at the maximum', { cpu: '250m' }, { cpu: '1' }, undefined],
    [
      'refuses a ratio above it, printed as Go’s %f',
      { cpu: '100m' },
      { cpu: '1' },
      'cpu max limit to request ratio per Container is 4, but provided ratio is 10.000000',
    ],
    [
      'refuses a zero request',
      { cpu: '0' },
      { cpu: '1' },
      'cpu max limit to request ratio per Container is 4, but no request is specified or request is 0',
    ],
    [
      'refuses a missing limit',
      { cpu: '1' },
      {},
      'cpu max limit to request ratio per Container is 4, but no limit is specified or limit is 0',
    ],
  ])('limitRequestRatioConstraint %s', (_name, requests, limits, expected) => {
    expect(limitRequestRatioConstraint('Container', 'cpu', q('4'), list(requests), list(limits))).toBe(expected);
  });
});
