import { describe, expect, test } from 'vitest';
import { capUpdateManagers } from './cap-managers.ts';
import { fieldSetOf, memberPaths } from './field-set.ts';
import type { Managed } from './managers.ts';
import { emptyManaged, managerIdentifier, parseIdentifier } from './managers.ts';

function managedWith(updaters: number, appliers = 0): Managed {
  const managed = emptyManaged();
  for (let i = 0; i < updaters; i++) {
    const id = managerIdentifier({
      manager: `updater-${String(i).padStart(2, '0')}`,
      operation: 'Update',
      apiVersion: 'v1',
    });
    managed.fields.set(id, { set: fieldSetOf([[`f:field${i}`]]), apiVersion: 'v1', applied: false });
    managed.times.set(id, `2024-01-01T00:00:${String(i).padStart(2, '0')}Z`);
  }
  for (let i = 0; i < appliers; i++) {
    const id = managerIdentifier({ manager: `applier-${i}`, operation: 'Apply' });
    managed.fields.set(id, { set: fieldSetOf([[`f:applied${i}`]]), apiVersion: 'v1', applied: true });
  }
  return managed;
}

function names(managed: Managed): string[] {
  return [...managed.fields.keys()].map((id) => parseIdentifier(id).manager).sort();
}

describe('capUpdateManagers', () => {
  test('keeps ten update managers as they are', () => {
    const managed = managedWith(10);
    capUpdateManagers(managed);
    expect(managed.fields.size).toBe(10);
  });

  test('merges the oldest updaters into ancient-changes until ten are left', () => {
    const managed = managedWith(12, 2);
    capUpdateManagers(managed);
    expect(names(managed)).toEqual([
      'ancient-changes',
      'applier-0',
      'applier-1',
      ...Array.from({ length: 9 }, (_, i) => `updater-${String(i + 3).padStart(2, '0')}`),
    ]);
    const bucket = managerIdentifier({ manager: 'ancient-changes', operation: 'Update', apiVersion: 'v1' });
    expect(memberPaths(managed.fields.get(bucket)!.set)).toEqual([['f:field0'], ['f:field1'], ['f:field2']]);
    expect(managed.times.get(bucket)).toBe('2024-01-01T00:00:02Z');
  });

  test('never merges appliers', () => {
    const managed = managedWith(3, 12);
    capUpdateManagers(managed);
    expect(managed.fields.size).toBe(15);
  });
});
