import { describe, expect, it } from 'vitest';
import { validateListSetsAndMaps } from './list-type-validation.ts';
import { parseSchemaProps } from './schema-props.ts';

const schema = parseSchemaProps({
  type: 'object',
  properties: {
    tags: { type: 'array', 'x-kubernetes-list-type': 'set', items: { type: 'string' } },
    objects: { type: 'array', 'x-kubernetes-list-type': 'set', items: { type: 'object' } },
    ports: {
      type: 'array',
      'x-kubernetes-list-type': 'map',
      'x-kubernetes-list-map-keys': ['name'],
      items: {
        type: 'object',
        properties: {
          name: { type: 'string' },
          hosts: { type: 'array', 'x-kubernetes-list-type': 'set', items: { type: 'string' } },
        },
      },
    },
    routes: {
      type: 'array',
      'x-kubernetes-list-type': 'map',
      'x-kubernetes-list-map-keys': ['host', 'port'],
      items: { type: 'object' },
    },
    byZone: {
      type: 'object',
      additionalProperties: { type: 'array', 'x-kubernetes-list-type': 'set', items: { type: 'integer' } },
    },
  },
});

describe('validateListSetsAndMaps', () => {
  it.each<[string, Record<string, unknown>, string[]]>([
    ['accepts unique set items', { tags: ['a', 'b'] }, []],
    [
      'reports a repeated set item once, where it repeats',
      { tags: ['a', 'b', 'a', 'a'] },
      ['tags[2]: Duplicate value: "a"'],
    ],
    [
      'compares object items of a set by value',
      {
        objects: [
          { a: 1, b: 2 },
          { b: 2, a: 1 },
        ],
      },
      ['objects[1]: Duplicate value: map[string]int{"a":1, "b":2}'],
    ],
    [
      'reports list-map items with the same key',
      { ports: [{ name: 'http' }, { name: 'http', port: 2 }] },
      ['ports[1]: Duplicate value: map[string]string{"name":"http"}'],
    ],
    [
      'treats items without the key as having the same key',
      { ports: [{}, {}] },
      ['ports[1]: Duplicate value: map[string]string{}'],
    ],
    [
      'compares all keys of a multi-key list-map',
      {
        routes: [
          { host: 'a', port: 1 },
          { host: 'a', port: 2 },
          { port: 1, host: 'a' },
        ],
      },
      ['routes[2]: Duplicate value: map[string]interface {}{"host":"a", "port":1}'],
    ],
    [
      'refuses list-map items that are not objects',
      { ports: [{ name: 'a' }, 'b'] },
      ['ports[1]: Invalid value: "b": must be an object for an array of list-type map'],
    ],
    [
      'looks inside list-map items',
      { ports: [{ name: 'a', hosts: ['x', 'x'] }] },
      ['ports[0].hosts[1]: Duplicate value: "x"'],
    ],
    ['looks inside map values', { byZone: { east: [1, 1] } }, ['byZone[east][1]: Duplicate value: 1']],
  ])('%s', (_name, obj, expected) => {
    expect(validateListSetsAndMaps(obj, schema).map(String)).toEqual(expected);
  });
});
