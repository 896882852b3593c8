import { describe, expect, test } from 'vitest';
import type { CompareSides } from './compare.ts';
import { compare } from './compare.ts';
import type { FieldSet } from './field-set.ts';
import { memberPaths } from './field-set.ts';
import { encodeFieldsV1 } from './fields-v1.ts';
import { formatPath } from './path-element.ts';
import { widgetType } from './test-schema.ts';

const UNTYPED: CompareSides = { lhsTyped: false, rhsTyped: false };
const TYPED: CompareSides = { lhsTyped: true, rhsTyped: true };

function paths(set: FieldSet): string[] {
  return memberPaths(set).map(formatPath);
}

function diff(lhs: unknown, rhs: unknown, sides = UNTYPED): { added: string[]; modified: string[]; removed: string[] } {
  const c = compare(lhs, rhs, widgetType, sides);
  return { added: paths(c.added), modified: paths(c.modified), removed: paths(c.removed) };
}

describe('compare', () => {
  test.each([
    [
      'finds a changed scalar',
      { spec: { replicas: 1 } },
      { spec: { replicas: 2 } },
      { added: [], modified: ['.spec.replicas'], removed: [] },
    ],
    [
      'finds no change between equal objects',
      { spec: { replicas: 1 } },
      { spec: { replicas: 1 } },
      { added: [], modified: [], removed: [] },
    ],
    [
      'marks a container that appears as added, with its fields',
      { spec: {} },
      { spec: { containers: [{ name: 'a', image: 'x' }] } },
      {
        added: [
          '.spec.containers',
          '.spec.containers[name="a"]',
          '.spec.containers[name="a"].image',
          '.spec.containers[name="a"].name',
        ],
        modified: [],
        removed: [],
      },
    ],
    [
      'marks a removed map key as removed',
      { metadata: { labels: { a: '1', b: '2' } } },
      { metadata: { labels: { a: '1' } } },
      { added: [], modified: [], removed: ['.metadata.labels.b'] },
    ],
    [
      'compares an atomic struct as one leaf',
      { spec: { selector: { matchLabels: { a: '1' } } } },
      { spec: { selector: { matchLabels: { a: '2' } } } },
      { added: [], modified: ['.spec.selector'], removed: [] },
    ],
    [
      'compares an atomic list as one leaf',
      { spec: { args: ['a'] } },
      { spec: { args: ['a', 'b'] } },
      { added: [], modified: ['.spec.args'], removed: [] },
    ],
    [
      'compares set items by value',
      { spec: { tags: ['a', 'b'] } },
      { spec: { tags: ['b', 'c'] } },
      { added: ['.spec.tags[="c"]'], modified: [], removed: ['.spec.tags[="a"]'] },
    ],
    [
      'treats an empty struct that appears as an added leaf',
      { spec: { containers: [{ name: 'a' }] } },
      { spec: { containers: [{ name: 'a', resources: {} }] } },
      { added: ['.spec.containers[name="a"].resources'], modified: [], removed: [] },
    ],
    [
      'marks items that become duplicated as added, and compares them no further',
      { spec: { containers: [{ name: 'a', image: 'x' }] } },
      {
        spec: {
          containers: [
            { name: 'a', image: 'x' },
            { name: 'a', image: 'y' },
          ],
        },
      },
      {
        added: ['.spec.containers[name="a"]'],
        modified: [],
        removed: ['.spec.containers[name="a"]', '.spec.containers[name="a"].image', '.spec.containers[name="a"].name'],
      },
    ],
  ])('%s', (_name, lhs, rhs, expected) => {
    expect(diff(lhs, rhs)).toEqual(expected);
  });

  test('marks the containers of a new object without "." on the parents a typed zero value has', () => {
    const created = {
      metadata: { name: 'w', labels: { app: 'w' } },
      spec: { containers: [{ name: 'a', image: 'x' }], strategy: { type: 'Recreate' } },
    };
    const c = compare({}, created, widgetType, TYPED);
    expect(encodeFieldsV1(c.added)).toEqual({
      'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} }, 'f:name': {} },
      'f:spec': {
        'f:containers': { 'k:{"name":"a"}': { '.': {}, 'f:image': {}, 'f:name': {} } },
        'f:strategy': { '.': {}, 'f:type': {} },
      },
    });
  });

  test('without typing, every new container has "." on it', () => {
    const c = compare({}, { spec: { replicas: 1 } }, widgetType, UNTYPED);
    expect(encodeFieldsV1(c.added)).toEqual({ 'f:spec': { '.': {}, 'f:replicas': {} } });
  });

  test('reads a missing field that a Go zero value has as its zero value on a typed side', () => {
    const lhs = { spec: { containers: [{ name: 'a', image: 'x' }] } };
    const rhs = { spec: { containers: [{ image: 'x', name: 'a' }] }, status: {} };
    expect(diff(lhs, rhs, TYPED)).toEqual({ added: [], modified: [], removed: [] });
    expect(diff(lhs, rhs, UNTYPED)).toEqual({ added: ['.status'], modified: [], removed: [] });
  });

  test('throws on a map-list item without its key', () => {
    expect(() => compare({}, { spec: { containers: [{ image: 'x' }] } }, widgetType, UNTYPED)).toThrow(
      /omits key field/,
    );
  });
});
