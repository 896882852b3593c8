import { describe, expect, test } from 'vitest';
import { fieldSetOf } from './field-set.ts';
import { removeItems } from './remove-items.ts';
import { widgetType } from './test-schema.ts';

describe('removeItems', () => {
  test.each([
    [
      'removes a member field',
      { spec: { replicas: 1, paused: true } },
      [['f:spec', 'f:replicas']],
      { spec: { paused: true } },
    ],
    [
      'removes a list item by its key, with everything in it',
      { spec: { containers: [{ name: 'a', image: 'x' }, { name: 'b' }] } },
      [['f:spec', 'f:containers', 'k:{"name":"a"}']],
      { spec: { containers: [{ name: 'b' }] } },
    ],
    [
      'removes fields inside a list item',
      { spec: { containers: [{ name: 'a', image: 'x' }] } },
      [['f:spec', 'f:containers', 'k:{"name":"a"}', 'f:image']],
      { spec: { containers: [{ name: 'a' }] } },
    ],
    ['removes a set item', { spec: { tags: ['a', 'b'] } }, [['f:spec', 'f:tags', 'v:"a"']], { spec: { tags: ['b'] } }],
    [
      'drops a map that loses all its keys',
      { metadata: { name: 'w', labels: { a: '1' } } },
      [['f:metadata', 'f:labels', 'f:a']],
      { metadata: { name: 'w' } },
    ],
    [
      'removes a struct member with everything below it',
      { spec: { strategy: { type: 'Recreate', rollingUpdate: { maxSurge: 1 } }, replicas: 1 } },
      [['f:spec', 'f:strategy']],
      { spec: { replicas: 1 } },
    ],
  ])('%s', (_name, value, paths, expected) => {
    expect(removeItems(value, fieldSetOf(paths), widgetType)).toEqual(expected);
  });

  test('returns the value itself when there is nothing to remove', () => {
    const value = { spec: { replicas: 1 } };
    expect(removeItems(value, fieldSetOf([]), widgetType)).toBe(value);
  });

  test('does not change its input', () => {
    const value = { spec: { replicas: 1, paused: true } };
    removeItems(value, fieldSetOf([['f:spec', 'f:replicas']]), widgetType);
    expect(value).toEqual({ spec: { replicas: 1, paused: true } });
  });
});
