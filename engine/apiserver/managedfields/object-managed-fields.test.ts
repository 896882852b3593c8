import { describe, expect, test } from 'vitest';
import type { KubeObject } from '../../api/object.ts';
import { withManagedFields, withoutManagedFields } from './object-managed-fields.ts';

const entry = {
  manager: 'm',
  operation: 'Update' as const,
  apiVersion: 'v1',
  fieldsType: 'FieldsV1' as const,
  fieldsV1: {},
};

describe('object managedFields', () => {
  test('takes them off a copy and leaves the object alone', () => {
    const object: KubeObject = { metadata: { name: 'x', managedFields: [entry] }, spec: { a: 1 } };
    expect(withoutManagedFields(object)).toEqual({ metadata: { name: 'x' }, spec: { a: 1 } });
    expect(object.metadata.managedFields).toEqual([entry]);
  });

  test('puts new ones on a copy, or none', () => {
    const object: KubeObject = { metadata: { name: 'x', managedFields: [entry] } };
    expect(withManagedFields(object, undefined).metadata).toEqual({ name: 'x' });
    expect(withManagedFields({ metadata: {} }, [entry]).metadata.managedFields).toEqual([entry]);
  });
});
