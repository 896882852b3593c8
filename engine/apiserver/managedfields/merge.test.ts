import { describe, expect, test } from 'vitest';
import { merge } from './merge.ts';
import { widgetType } from './test-schema.ts';

describe('merge', () => {
  test.each([
    [
      "lets the configuration's scalars win and keeps the others",
      { spec: { replicas: 1, paused: true } },
      { spec: { replicas: 3 } },
      { spec: { replicas: 3, paused: true } },
    ],
    [
      'merges containers by name, field by field',
      {
        spec: {
          containers: [
            { name: 'a', image: 'x', resources: { limits: { cpu: '1' } } },
            { name: 'b', image: 'y' },
          ],
        },
      },
      { spec: { containers: [{ name: 'a', image: 'z' }] } },
      {
        spec: {
          containers: [
            { name: 'a', image: 'z', resources: { limits: { cpu: '1' } } },
            { name: 'b', image: 'y' },
          ],
        },
      },
    ],
    [
      'orders shared items as the configuration does',
      { spec: { containers: [{ name: 'a' }, { name: 'b' }, { name: 'c' }] } },
      { spec: { containers: [{ name: 'c' }, { name: 'a' }] } },
      { spec: { containers: [{ name: 'b' }, { name: 'c' }, { name: 'a' }] } },
    ],
    [
      'unions sets, keeping live items where the configuration does not place them',
      { spec: { tags: ['a', 'b'] } },
      { spec: { tags: ['c', 'a'] } },
      { spec: { tags: ['c', 'a', 'b'] } },
    ],
    ['replaces atomic lists', { spec: { args: ['a', 'b'] } }, { spec: { args: ['c'] } }, { spec: { args: ['c'] } }],
    [
      'replaces atomic structs',
      { spec: { selector: { matchLabels: { a: '1', b: '2' } } } },
      { spec: { selector: { matchLabels: { a: '1' } } } },
      { spec: { selector: { matchLabels: { a: '1' } } } },
    ],
    [
      'merges map keys',
      { metadata: { labels: { a: '1' } } },
      { metadata: { labels: { b: '2' } } },
      { metadata: { labels: { a: '1', b: '2' } } },
    ],
    [
      'keeps a null the configuration sets on a scalar',
      { spec: { replicas: 2 } },
      { spec: { replicas: null } },
      { spec: { replicas: null } },
    ],
    [
      'keeps the live entries of a granular map the configuration sets to null',
      { metadata: { labels: { a: '1' } } },
      { metadata: { labels: null } },
      { metadata: { labels: { a: '1' } } },
    ],
  ])('%s', (_name, live, config, expected) => {
    expect(merge(live, config, widgetType)).toEqual(expected);
  });

  test('refuses duplicate keys in the configuration', () => {
    const config = { spec: { containers: [{ name: 'a' }, { name: 'a' }] } };
    expect(() => merge({ spec: { containers: [{ name: 'b' }] } }, config, widgetType)).toThrow(
      'duplicate entries for key [name="a"]',
    );
  });

  test('does not change its inputs', () => {
    const live = { spec: { containers: [{ name: 'a', image: 'x' }] } };
    const config = { spec: { containers: [{ name: 'a', image: 'y' }] } };
    merge(live, config, widgetType);
    expect(live).toEqual({ spec: { containers: [{ name: 'a', image: 'x' }] } });
  });
});
