import { describe, expect, test } from 'vitest';
import type { ManagedFieldsEntry } from '../../api/object.ts';
import { fieldSetOf } from './field-set.ts';
import type { ManagerIdentity } from './managers.ts';
import { decodeManagedFields, emptyManaged, encodeManagedFields, managerIdentifier } from './managers.ts';

function entry(manager: string, operation: 'Apply' | 'Update', time: string, extra: Partial<ManagedFieldsEntry> = {}) {
  return {
    manager,
    operation,
    apiVersion: 'v1',
    time,
    fieldsType: 'FieldsV1' as const,
    fieldsV1: { 'f:a': {} },
    ...extra,
  };
}

describe('manager identifiers', () => {
  test.each<[string, ManagerIdentity, string]>([
    [
      'an updater includes its API version',
      { manager: 'm', operation: 'Update', apiVersion: 'v1' },
      '{"manager":"m","operation":"Update","apiVersion":"v1"}',
    ],
    [
      'an applier leaves its API version out',
      { manager: 'm', operation: 'Apply', apiVersion: 'v1' },
      '{"manager":"m","operation":"Apply"}',
    ],
    [
      'a sub-resource is part of the identity',
      { manager: 'm', operation: 'Update', apiVersion: 'v1', subresource: 'status' },
      '{"manager":"m","operation":"Update","apiVersion":"v1","subresource":"status"}',
    ],
    [
      'an empty manager name is left out',
      { manager: '', operation: 'Update', apiVersion: 'v1' },
      '{"operation":"Update","apiVersion":"v1"}',
    ],
  ])('%s', (_name, identity, expected) => {
    expect(managerIdentifier(identity)).toBe(expected);
  });
});

describe('decodeManagedFields', () => {
  test.each([
    [
      'an unknown operation',
      { ...entry('m', 'Update', '2024-01-01T00:00:00Z'), operation: 'Patch' },
      'operation must be `Apply` or `Update`',
    ],
    [
      'no API version',
      entry('m', 'Update', '2024-01-01T00:00:00Z', { apiVersion: '' }),
      'apiVersion must not be empty',
    ],
    [
      'no fields type',
      { ...entry('m', 'Update', '2024-01-01T00:00:00Z'), fieldsType: undefined },
      'missing fieldsType in managed fields entry 0',
    ],
    [
      'another fields type',
      { ...entry('m', 'Update', '2024-01-01T00:00:00Z'), fieldsType: 'FieldsV2' },
      'invalid fieldsType "FieldsV2" in managed fields entry 0',
    ],
    ['a time that is not RFC 3339', entry('m', 'Update', 'yesterday'), 'parsing time "yesterday" as RFC3339 failed'],
  ])('refuses an entry with %s', (_name, bad, message) => {
    expect(() => decodeManagedFields([bad])).toThrow(message);
  });

  test('reads times into UTC with second precision', () => {
    const managed = decodeManagedFields([entry('m', 'Update', '2024-01-01T02:00:00.5+02:00')]);
    expect([...managed.times.values()]).toEqual(['2024-01-01T00:00:00Z']);
  });

  test('keys appliers by name alone and updaters by name and version', () => {
    const managed = decodeManagedFields([
      entry('kubectl', 'Apply', '2024-01-01T00:00:00Z', { apiVersion: 'apps/v1' }),
      entry('kube-controller-manager', 'Update', '2024-01-01T00:00:00Z', {
        apiVersion: 'apps/v1',
        subresource: 'status',
      }),
    ]);
    expect([...managed.fields.keys()]).toEqual([
      '{"manager":"kubectl","operation":"Apply"}',
      '{"manager":"kube-controller-manager","operation":"Update","apiVersion":"apps/v1","subresource":"status"}',
    ]);
  });
});

describe('encodeManagedFields', () => {
  test('writes entries sorted: Apply before Update, then by time, then by manager', () => {
    const entries = [
      entry('z-updater', 'Update', '2024-01-01T00:00:00Z'),
      entry('b-updater', 'Update', '2024-01-01T00:00:05Z'),
      entry('a-updater', 'Update', '2024-01-01T00:00:05Z'),
      entry('applier', 'Apply', '2024-01-01T00:09:00Z'),
    ];
    const written = encodeManagedFields(decodeManagedFields(entries))!;
    expect(written.map((e) => e.manager)).toEqual(['applier', 'z-updater', 'a-updater', 'b-updater']);
  });

  test('writes each entry with the fields in the order Kubernetes serializes them', () => {
    const managed = emptyManaged();
    const id = managerIdentifier({ manager: 'm', operation: 'Update', apiVersion: 'v1', subresource: 'status' });
    managed.fields.set(id, { set: fieldSetOf([['f:status']]), apiVersion: 'v1', applied: false });
    managed.times.set(id, '2024-01-01T00:00:00Z');
    expect(JSON.stringify(encodeManagedFields(managed))).toBe(
      '[{"manager":"m","operation":"Update","apiVersion":"v1","time":"2024-01-01T00:00:00Z","fieldsType":"FieldsV1","fieldsV1":{"f:status":{}},"subresource":"status"}]',
    );
  });

  test('writes nothing for no managers', () => {
    expect(encodeManagedFields(emptyManaged())).toBeUndefined();
  });
});
