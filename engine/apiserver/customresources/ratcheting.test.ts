import { describe, expect, it } from 'vitest';
import { Correlation } from './ratcheting.ts';
import { parseSchemaProps } from './schema-props.ts';

const schema = parseSchemaProps({
  type: 'object',
  properties: {
    name: { type: 'string' },
    ports: {
      type: 'array',
      'x-kubernetes-list-type': 'map',
      'x-kubernetes-list-map-keys': ['name'],
      items: { type: 'object', properties: { name: { type: 'string' }, port: { type: 'integer' } } },
    },
    args: { type: 'array', items: { type: 'string' } },
    labels: { type: 'object', additionalProperties: { type: 'string' } },
  },
});

describe('Correlation', () => {
  it.each<[string, unknown, unknown, boolean]>([
    ['equal objects are unchanged', { name: 'a', labels: { x: '1' } }, { labels: { x: '1' }, name: 'a' }, true],
    ['a changed field is a change', { name: 'a' }, { name: 'b' }, false],
    ['an added field is a change', { name: 'a' }, {}, false],
    [
      'a list-map in another order is unchanged',
      { ports: [{ name: 'a' }, { name: 'b' }] },
      { ports: [{ name: 'b' }, { name: 'a' }] },
      true,
    ],
    ['an atomic list in another order is a change', { args: ['a', 'b'] }, { args: ['b', 'a'] }, false],
    ['an atomic list with the same items is unchanged', { args: ['a', 'b'] }, { args: ['a', 'b'] }, true],
    ['a field the schema does not know is never unchanged', { other: 1 }, { other: 1 }, false],
    ['null equals only null', null, null, true],
  ])('%s', (_name, value, old, unchanged) => {
    expect(new Correlation(value, old, schema).unchanged()).toBe(unchanged);
  });

  it('correlates fields present in both objects', () => {
    const correlation = new Correlation({ name: 'a', args: [] }, { name: 'b' }, schema);
    expect(correlation.key('name')?.old).toBe('b');
    expect(correlation.key('args')).toBeUndefined();
    expect(correlation.key('missing')).toBeUndefined();
  });

  it('correlates list-map items by key and other list items not at all', () => {
    const ports = new Correlation(
      { ports: [{ name: 'b', port: 2 }] },
      { ports: [{ name: 'a' }, { name: 'b', port: 1 }] },
      schema,
    ).key('ports');
    expect(ports?.index(0)?.old).toEqual({ name: 'b', port: 1 });
    const args = new Correlation({ args: ['x'] }, { args: ['x'] }, schema).key('args');
    expect(args?.index(0)).toBeUndefined();
  });
});
