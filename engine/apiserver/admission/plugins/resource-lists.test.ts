// Tests for resource-list arithmetic.
import { describe, expect, it } from 'vitest';
import {
  addLists,
  exceededNames,
  mask,
  maxInto,
  prettyPrint,
  removeZeros,
  resourceList,
  resourceListJson,
  sameLists,
  subtractNonNegative,
} from './resource-lists.ts';

const list = (value: Record<string, string | number>) => resourceList(value);
const json = resourceListJson;

describe('resource lists', () => {
  it('reads quantities and leaves out what is not one', () => {
    expect(json(list({ cpu: '500m', memory: 'lots', pods: 2 }))).toEqual({ cpu: '500m', pods: '2' });
  });

  it.each<[string, Record<string, string>, Record<string, string>, Record<string, string>]>([
    ['adds quantities of the same name', { cpu: '500m' }, { cpu: '500m' }, { cpu: '1' }],
    ['keeps names only one side has', { pods: '1' }, { memory: '128Mi' }, { pods: '1', memory: '128Mi' }],
    ['takes the other side’s format when adding to zero', { memory: '0' }, { memory: '128Mi' }, { memory: '128Mi' }],
  ])('%s', (_name, a, b, expected) => {
    expect(json(addLists(list(a), list(b)))).toEqual(expected);
  });

  it.each<[string, Record<string, string>, Record<string, string>, Record<string, string>]>([
    ['subtracts per name', { storage: '5Gi' }, { storage: '1Gi' }, { storage: '4Gi' }],
    ['never goes below zero', { storage: '1Gi' }, { storage: '5Gi' }, { storage: '0' }],
    ['counts names only the subtrahend has as zero', { pods: '1' }, { services: '1' }, { pods: '1', services: '0' }],
  ])('subtractNonNegative %s', (_name, a, b, expected) => {
    expect(json(subtractNonNegative(list(a), list(b)))).toEqual(expected);
  });

  it('masks, removes zeros and compares', () => {
    const usage = list({ pods: '1', cpu: '0', 'count/pods': '1' });
    expect(json(mask(usage, ['pods', 'memory']))).toEqual({ pods: '1' });
    expect(json(removeZeros(usage))).toEqual({ 'count/pods': '1', pods: '1' });
    expect(sameLists(list({ cpu: '1' }), list({ cpu: '1000m' }))).toBe(true);
    expect(sameLists(list({ cpu: '1' }), list({ cpu: '1', pods: '0' }))).toBe(false);
  });

  it('raises quantities to the greater of two lists', () => {
    const target = list({ cpu: '1', memory: '1Gi' });
    maxInto(target, list({ cpu: '2', memory: '512Mi', pods: '1' }));
    expect(json(target)).toEqual({ cpu: '2', memory: '1Gi', pods: '1' });
  });

  it('names what exceeds its limit, ignoring names without one', () => {
    expect(exceededNames(list({ pods: '3', cpu: '1', memory: '9Gi' }), list({ pods: '2', cpu: '1' }))).toEqual([
      'pods',
    ]);
  });

  it('prints lists sorted by name, as the quota errors do', () => {
    expect(prettyPrint(list({ pods: '1', 'limits.memory': '128Mi', cpu: '100m' }))).toBe(
      'cpu=100m,limits.memory=128Mi,pods=1',
    );
  });
});
