// managedFields bookkeeping for every create, update and patch that is not an apply (apimachinery's FieldManager
// .Update through its chain of managers): the fields the write changed become its manager's, with operation Update,
// and are taken from everybody else. Call it after decoding and defaulting, before admission, as upstream does.

import type { KubeObject, ManagedFieldsEntry } from '../../api/object.ts';
import { capUpdateManagers } from './cap-managers.ts';
import type { FieldManagerOptions } from './field-manager-options.ts';
import { updaterContext } from './field-manager-options.ts';
import { TypedValueError } from './list-item-key.ts';
import type { Managed } from './managers.ts';
import { decodeManagedFields, emptyManaged, encodeManagedFields, managerIdentifier } from './managers.ts';
import { withManagedFields, withoutManagedFields } from './object-managed-fields.ts';
import { recordUpdate } from './record-update.ts';

export interface UpdateManagedFieldsArgs extends FieldManagerOptions {
  /** The stored object; undefined for a create. */
  old: KubeObject | undefined;
  /** The object about to be stored. Its managedFields, when the client sent some, replace the stored ones. */
  updated: KubeObject;
  /** From fieldManagerFor(); empty is recorded as "unknown". */
  manager: string;
  /** The API version of the request, e.g. "apps/v1". */
  apiVersion: string;
  /** "status", "scale"… for writes through a sub-resource. */
  subresource?: string;
  /** RFC 3339, from the lab clock. */
  time: string;
}

/**
 * `updated` with its managedFields brought up to date. The client's own managedFields are honoured as upstream
 * does: `[]` resets them (an existing object then stops being tracked until its next apply), a valid list replaces
 * the stored one, an invalid one is ignored in favour of the stored one. Inputs are not changed.
 */
export function updateManagedFields(args: UpdateManagedFieldsArgs): KubeObject {
  const { old, updated } = args;
  const next = withoutManagedFields(updated);
  const managed = managedBeforeUpdate(old, updated, !!args.subresource);
  if (managed.fields.size === 0 && old?.metadata.uid) return next;
  const manager = managerIdentifier({
    manager: args.manager || 'unknown',
    operation: 'Update',
    apiVersion: args.apiVersion,
    subresource: args.subresource,
  });
  try {
    const live = old ? withoutManagedFields(old) : {};
    recordUpdate(live, next, managed, manager, args.apiVersion, args.time, updaterContext(args));
  } catch (error) {
    if (error instanceof TypedValueError) return next;
    throw error;
  }
  capUpdateManagers(managed);
  return withManagedFields(next, encodeManagedFields(managed));
}

/** The managed fields an update starts from (decodeLiveOrNew): the request's, unless absent, invalid or a sub-resource. */
function managedBeforeUpdate(old: KubeObject | undefined, updated: KubeObject, subresource: boolean): Managed {
  const stored = (): Managed => decodeOrEmpty(old?.metadata.managedFields);
  if (subresource) return stored();
  const requested = updated.metadata.managedFields;
  if (isReset(requested)) return emptyManaged();
  try {
    const managed = decodeManagedFields(requested);
    if (managed.fields.size > 0) return managed;
  } catch {
    // Clients that do not understand managedFields must not wipe them.
  }
  return stored();
}

function decodeOrEmpty(entries: readonly ManagedFieldsEntry[] | undefined): Managed {
  try {
    return decodeManagedFields(entries);
  } catch {
    return emptyManaged();
  }
}

/** `[]`, or one entry with nothing in it, resets the managed fields. */
function isReset(entries: readonly ManagedFieldsEntry[] | undefined): boolean {
  if (!Array.isArray(entries)) return false;
  if (entries.length === 0) return true;
  const [only] = entries;
  return entries.length === 1 && Object.values(only ?? {}).every((v) => v === undefined || v === null || v === '');
}
