import { describe, expect, test } from 'vitest';
import type { FieldSet } from './field-set.ts';
import {
  difference,
  equals,
  fieldSetOf,
  has,
  insertPath,
  intersection,
  isEmpty,
  memberPaths,
  newFieldSet,
  recursiveDifference,
  union,
  withPrefix,
} from './field-set.ts';

/** A set from dotted paths of field names: "spec.replicas". */
function set(...paths: string[]): FieldSet {
  return fieldSetOf(paths.map((p) => p.split('.').map((name) => `f:${name}`)));
}

function paths(s: FieldSet): string[] {
  return memberPaths(s).map((p) => p.map((e) => e.slice(2)).join('.'));
}

describe('field sets', () => {
  test.each([
    ['union keeps the members of both', union(set('a', 'b.c'), set('b.d', 'e')), ['a', 'e', 'b.c', 'b.d']],
    ['union of a parent member and its child keeps both', union(set('a'), set('a.b')), ['a', 'a.b']],
    ['intersection keeps the common members', intersection(set('a', 'b.c', 'b.d'), set('b.c', 'e')), ['b.c']],
    ['intersection of a parent with its child is empty', intersection(set('a'), set('a.b')), []],
    ['difference removes the members of the second', difference(set('a', 'b.c', 'b.d'), set('b.c')), ['a', 'b.d']],
    ['difference keeps children of a path the second has as a member', difference(set('a.b'), set('a')), ['a.b']],
    ['difference removes a parent member but not its children', difference(set('a', 'a.b'), set('a')), ['a.b']],
    [
      'recursive difference removes a member with everything below it',
      recursiveDifference(set('a.b', 'c'), set('a')),
      ['c'],
    ],
    ['recursive difference goes into subsets', recursiveDifference(set('a.b', 'a.c'), set('a.b')), ['a.c']],
  ])('%s', (_name, actual, expected) => {
    expect(paths(actual)).toEqual(expected);
  });

  test('has answers for members only, not for parents of members', () => {
    const s = set('spec.replicas');
    expect(has(s, ['f:spec', 'f:replicas'])).toBe(true);
    expect(has(s, ['f:spec'])).toBe(false);
    expect(has(s, ['f:status'])).toBe(false);
  });

  test('inserting the empty path owns nothing', () => {
    const s = newFieldSet();
    insertPath(s, []);
    expect(isEmpty(s)).toBe(true);
  });

  test('withPrefix returns the set below an element', () => {
    expect(paths(withPrefix(set('spec.a', 'spec.b', 'status.c'), 'f:spec'))).toEqual(['a', 'b']);
    expect(isEmpty(withPrefix(set('a'), 'f:missing'))).toBe(true);
  });

  test('operations leave empty subsets out', () => {
    const result = difference(set('a.b'), set('a.b'));
    expect(isEmpty(result)).toBe(true);
    expect(result.size).toBe(0);
  });

  test('equals compares membership, not how the sets were built', () => {
    expect(equals(union(set('a'), set('b.c')), set('b.c', 'a'))).toBe(true);
    expect(equals(set('a'), set('a.b'))).toBe(false);
  });

  test('member paths list members before subsets at each level, each sorted', () => {
    expect(paths(set('spec.template.x', 'spec.replicas', 'metadata.labels.app', 'spec.a'))).toEqual([
      'metadata.labels.app',
      'spec.a',
      'spec.replicas',
      'spec.template.x',
    ]);
  });
});
