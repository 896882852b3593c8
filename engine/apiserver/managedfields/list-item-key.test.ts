import { describe, expect, test } from 'vitest';
import { TypedValueError, listItemElement, listItemElementOrUndefined } from './list-item-key.ts';
import type { ListType } from './type-node.ts';

const element = { kind: 'untyped', atomic: false } as const;
const containers: ListType = { kind: 'list', atomic: false, keys: ['name'], element, keyDefaults: undefined };
const ports: ListType = {
  kind: 'list',
  atomic: false,
  keys: ['containerPort', 'protocol'],
  element,
  keyDefaults: { protocol: 'TCP' },
};
const set: ListType = { kind: 'list', atomic: false, keys: [], element, keyDefaults: undefined };

describe('listItemElement', () => {
  test.each([
    ['names a map-list item by its key', containers, { name: 'nginx', image: 'x' }, 'k:{"name":"nginx"}'],
    ['fills in the default of a missing key', ports, { containerPort: 80 }, 'k:{"containerPort":80,"protocol":"TCP"}'],
    [
      'keeps an explicit key over its default',
      ports,
      { containerPort: 53, protocol: 'UDP' },
      'k:{"containerPort":53,"protocol":"UDP"}',
    ],
    ['names a set item by its value', set, 'example.com/x', 'v:"example.com/x"'],
  ])('%s', (_name, list, item, expected) => {
    expect(listItemElement(list, item)).toBe(expected);
  });

  test.each([
    [
      'an item without its key',
      containers,
      { image: 'x' },
      'associative list with keys has an element that omits key field "name" (and doesn\'t have default value)',
    ],
    ['a null item of a map list', containers, null, 'associative list with keys may not have a null element'],
    ['a scalar item of a map list', containers, 'x', 'associative list with keys may not have non-map elements'],
    ['a map in a set', set, { a: 1 }, "associative list without keys has an element that's a map type"],
    ['a list in a set', set, [1], 'not supported: associative list with lists as elements'],
    ['a null in a set', set, null, "associative list without keys has an element that's an explicit null"],
  ])('refuses %s', (_name, list, item, message) => {
    expect(() => listItemElement(list, item)).toThrow(new TypedValueError(message));
  });

  test('reading leniently gives undefined for an item that cannot be named', () => {
    expect(listItemElementOrUndefined(containers, {})).toBeUndefined();
  });
});
