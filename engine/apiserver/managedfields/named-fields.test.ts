import { describe, expect, test } from 'vitest';
import { fieldSetOf, memberPaths } from './field-set.ts';
import { ensureNamedFieldsAreMembers } from './named-fields.ts';
import { formatPath } from './path-element.ts';
import { widgetType } from './test-schema.ts';

function ensured(...paths: string[][]): string[] {
  return memberPaths(ensureNamedFieldsAreMembers(fieldSetOf(paths), widgetType)).map(formatPath);
}

describe('ensureNamedFieldsAreMembers', () => {
  test.each([
    ['makes the structs above a field members', [['f:spec', 'f:replicas']], ['.spec', '.spec.replicas']],
    [
      'makes a struct field holding a map a member, but not the map keys',
      [['f:metadata', 'f:labels', 'f:app']],
      ['.metadata', '.metadata.labels', '.metadata.labels.app'],
    ],
    [
      'makes a list field a member but leaves its items as they are',
      [['f:spec', 'f:containers', 'k:{"name":"a"}', 'f:image']],
      ['.spec', '.spec.containers', '.spec.containers[name="a"].image'],
    ],
  ])('%s', (_name, paths, expected) => {
    expect(ensured(...paths)).toEqual(expected);
  });
});
