import { describe, expect, test } from 'vitest';
import { memberPaths } from './field-set.ts';
import { formatPath } from './path-element.ts';
import { widgetType } from './test-schema.ts';
import { toFieldSet } from './to-field-set.ts';

function owned(value: unknown): string[] {
  return memberPaths(toFieldSet(value, widgetType)).map(formatPath);
}

describe('toFieldSet', () => {
  test.each([
    ['owns scalars', { spec: { replicas: 2 } }, ['.spec.replicas']],
    [
      'owns map keys but not a struct field holding them',
      { metadata: { labels: { app: 'web' } } },
      ['.metadata.labels.app'],
    ],
    ['owns an atomic struct as a whole', { spec: { selector: { matchLabels: { app: 'web' } } } }, ['.spec.selector']],
    ['owns an atomic list as a whole', { spec: { args: ['a', 'b'] } }, ['.spec.args']],
    ['owns set items by value', { spec: { tags: ['b', 'a'] } }, ['.spec.tags[="a"]', '.spec.tags[="b"]']],
    [
      'owns map-list items by key, and their fields',
      { spec: { containers: [{ name: 'web', image: 'nginx' }] } },
      ['.spec.containers[name="web"]', '.spec.containers[name="web"].image', '.spec.containers[name="web"].name'],
    ],
    ['owns a struct field that is empty', { spec: { strategy: {} } }, ['.spec.strategy']],
    ['owns a struct field that is null', { spec: { strategy: null } }, ['.spec.strategy']],
    ['owns nothing for an empty granular list', { spec: { tags: [] } }, []],
    [
      'owns a duplicated item once, without its fields',
      {
        spec: {
          containers: [
            { name: 'a', image: 'x' },
            { name: 'a', image: 'y' },
          ],
        },
      },
      ['.spec.containers[name="a"]'],
    ],
  ])('%s', (_name, value, expected) => {
    expect(owned(value)).toEqual(expected);
  });
});
