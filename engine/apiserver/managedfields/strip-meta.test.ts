import { describe, expect, test } from 'vitest';
import { fieldSetOf, memberPaths } from './field-set.ts';
import type { VersionedSet } from './managers.ts';
import { stripMetaFields } from './strip-meta.ts';

describe('stripMetaFields', () => {
  test('takes apiVersion, kind and server-set metadata out of the manager, but not labels', () => {
    const managers = new Map<string, VersionedSet>([
      [
        'm',
        {
          set: fieldSetOf([
            ['f:apiVersion'],
            ['f:kind'],
            ['f:metadata', 'f:name'],
            ['f:metadata', 'f:labels', 'f:app'],
          ]),
          apiVersion: 'v1',
          applied: true,
        },
      ],
    ]);
    stripMetaFields(managers, 'm');
    expect(memberPaths(managers.get('m')!.set)).toEqual([['f:metadata', 'f:labels', 'f:app']]);
  });

  test('drops a manager that owned nothing else', () => {
    const managers = new Map<string, VersionedSet>([
      ['m', { set: fieldSetOf([['f:metadata', 'f:resourceVersion']]), apiVersion: 'v1', applied: false }],
    ]);
    stripMetaFields(managers, 'm');
    expect(managers.has('m')).toBe(false);
  });
});
