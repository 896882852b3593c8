// Taking metadata.managedFields off an object and putting new ones on, without touching the object given:
// the copies share everything but the top level and metadata.

import type { KubeObject, ManagedFieldsEntry } from '../../api/object.ts';

/** A copy of `object` without managedFields (they never take part in comparing or merging objects). */
export function withoutManagedFields(object: KubeObject): KubeObject {
  const metadata = { ...object.metadata };
  delete metadata.managedFields;
  return { ...object, metadata };
}

/** A copy of `object` with these managedFields, or none when undefined. */
export function withManagedFields(object: KubeObject, entries: ManagedFieldsEntry[] | undefined): KubeObject {
  const metadata = { ...object.metadata };
  if (entries) metadata.managedFields = entries;
  else delete metadata.managedFields;
  return { ...object, metadata };
}
