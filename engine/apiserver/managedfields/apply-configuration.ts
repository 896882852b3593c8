// Server-side apply (PATCH with application/apply-patch+yaml), as apimachinery's FieldManager.Apply runs it through
// its chain of managers: check the configuration, adopt an object nobody tracks yet ("before-first-apply"), merge
// and prune, detect conflicts (forgiving kubectl the ones its client-side apply history explains), record the
// applier's fields with operation Apply, and keep the last-applied annotation in step for kubectl.

import { deepCopy, isPlainObject, parseApiVersion } from '../../api/object.ts';
import type { KubeObject } from '../../api/object.ts';
import {
  applyConflictError,
  fieldManagerError,
  fieldManagerRequired,
  gvkString,
  invalidObjectType,
  managedFieldsMustBeNil,
  typedPatchError,
} from './apply-errors.ts';
import { capUpdateManagers } from './cap-managers.ts';
import { dropAppliedNulls } from './drop-applied-nulls.ts';
import type { FieldManagerOptions } from './field-manager-options.ts';
import { updaterContext } from './field-manager-options.ts';
import type { FieldSet } from './field-set.ts';
import { has } from './field-set.ts';
import { KUBECTL_MANAGER, allowedConflictsFromLastApplied, withLastAppliedUpdated } from './last-applied.ts';
import { TypedValueError } from './list-item-key.ts';
import type { Managed } from './managers.ts';
import { copyManaged, decodeManagedFields, encodeManagedFields, managerIdentifier } from './managers.ts';
import { withManagedFields, withoutManagedFields } from './object-managed-fields.ts';
import { recordUpdate } from './record-update.ts';
import { stripMetaFields } from './strip-meta.ts';
import type { UpdaterContext } from './updater.ts';
import { ApplyConflicts, apply } from './updater.ts';
import { validateTyped } from './validate-typed.ts';

export interface ApplyConfigurationArgs extends FieldManagerOptions {
  /** The stored object; undefined when the apply creates it. */
  live: KubeObject | undefined;
  /** The applied configuration, parsed from the request body (JSON or YAML). */
  config: KubeObject;
  /** The fieldManager query parameter (required for apply). */
  manager: string;
  /** The force query parameter: take over conflicting fields instead of failing. */
  force: boolean;
  /** The API version of the request, e.g. "apps/v1"; the configuration must have the same. */
  apiVersion: string;
  /** The kind the configuration must have; defaults to the schema's kind for `apiVersion`. */
  kind?: string;
  subresource?: string;
  /** RFC 3339, from the lab clock. */
  time: string;
}

interface Outcome {
  object: KubeObject;
  managed: Managed;
}

const BEFORE_FIRST_APPLY = 'before-first-apply';

/**
 * The object after applying `config`, with its managedFields; not yet defaulted (upstream defaults the merged
 * object next, then admission and validation run as for any patch). Throws StatusErrors: 409 on conflicts, 400 for a
 * wrong kind or client-set managedFields, 422 without a manager, 500 when the configuration does not fit the schema.
 * Inputs are not changed.
 */
export function applyConfiguration(args: ApplyConfigurationArgs): KubeObject {
  if (!args.manager) throw fieldManagerRequired();
  const config = args.config;
  const stored = decodeStoredManagedFields(args.live);
  checkObjectType(config, args);
  const ctx = updaterContext(args);
  let outcome: Outcome;
  try {
    outcome = applyOnce(args, stored, args.force, ctx);
  } catch (error) {
    if (!(error instanceof ApplyConflicts)) throw error;
    const allowed = args.manager === KUBECTL_MANAGER ? lastAppliedOwnership(args, ctx) : undefined;
    const remaining = allowed ? error.conflicts.filter((c) => !has(allowed, c.path)) : error.conflicts;
    if (remaining.length > 0) throw applyConflictError(remaining);
    outcome = applyOnce(args, stored, true, ctx);
  }
  let object = deepCopy(outcome.object);
  dropAppliedNulls(object, config, ctx.type);
  if (args.manager === KUBECTL_MANAGER) object = withLastAppliedUpdated(object, config);
  return withManagedFields(object, encodeManagedFields(outcome.managed));
}

/**
 * The applied configuration as the request sent it, typed against the schema before it is decoded: upstream's
 * FieldManager.Apply converts the raw patch to a typed value first, so an undeclared field or a value of the wrong
 * type fails with 500 "failed to create typed patch object", whatever the fieldValidation directive says.
 */
export function checkAppliedConfigurationTypes(config: unknown, options: FieldManagerOptions): void {
  if (!isPlainObject(config)) return;
  const invalid = validateTyped(config, updaterContext(options).type);
  if (invalid !== undefined) throw typedPatchError(describe(config as KubeObject), invalid);
}

function decodeStoredManagedFields(live: KubeObject | undefined): Managed {
  try {
    return decodeManagedFields(live?.metadata.managedFields);
  } catch (error) {
    throw fieldManagerError(`failed to decode managed fields: ${(error as Error).message}`);
  }
}

/** The configuration must be of the kind and version of the request (versionCheckManager). */
function checkObjectType(config: KubeObject, args: ApplyConfigurationArgs): void {
  const expected = parseApiVersion(args.apiVersion);
  const kind = args.kind ?? expectedKind(args, expected);
  const actual = parseApiVersion(typeof config.apiVersion === 'string' ? config.apiVersion : '');
  if (actual.group !== expected.group || actual.version !== expected.version || (kind && config.kind !== kind)) {
    throw invalidObjectType(config.apiVersion, config.kind);
  }
}

function expectedKind(args: ApplyConfigurationArgs, gv: { group: string; version: string }): string | undefined {
  const gvks = args.schema.definition?.gvk ?? [];
  return gvks.find((g) => g.group === gv.group && g.version === gv.version)?.kind ?? args.live?.kind;
}

function lastAppliedOwnership(args: ApplyConfigurationArgs, ctx: UpdaterContext): FieldSet | undefined {
  return allowedConflictsFromLastApplied(args.live && withoutManagedFields(args.live), args.apiVersion, ctx);
}

function applyOnce(args: ApplyConfigurationArgs, stored: Managed, force: boolean, ctx: UpdaterContext): Outcome {
  const managed = copyManaged(stored);
  const live = args.live ? withoutManagedFields(args.live) : ({} as KubeObject);
  const config = args.config;
  const manager = managerIdentifier({ manager: args.manager, operation: 'Apply', subresource: args.subresource });
  let next: unknown;
  try {
    if (managed.fields.size === 0) adoptExistingFields(live, managed, args, ctx);
    if (isPlainObject(config.metadata) && Array.isArray(config.metadata.managedFields)) throw managedFieldsMustBeNil();
    const invalid = validateTyped(config, ctx.type);
    if (invalid !== undefined) throw typedPatchError(describe(config), invalid);
    next = apply(live, config, args.apiVersion, managed.fields, manager, force, ctx);
  } catch (error) {
    if (error instanceof TypedValueError) throw fieldManagerError(`failed to merge config: ${error.message}`);
    throw error;
  }
  stripMetaFields(managed.fields, manager);
  if (next !== undefined) managed.times.set(manager, args.time);
  return { object: (next ?? live) as KubeObject, managed };
}

/** An object without managedFields gets them first: all its fields go to "before-first-apply" (skipNonApplied). */
function adoptExistingFields(
  live: KubeObject,
  managed: Managed,
  args: ApplyConfigurationArgs,
  ctx: UpdaterContext,
): void {
  const manager = managerIdentifier({
    manager: BEFORE_FIRST_APPLY,
    operation: 'Update',
    apiVersion: args.apiVersion,
    subresource: args.subresource,
  });
  recordUpdate({}, live, managed, manager, args.apiVersion, args.time, ctx);
  capUpdateManagers(managed);
}

/** objectGVKNN: `namespace/name; apps/v1, Kind=Deployment`. */
function describe(config: KubeObject): string {
  const metadata = isPlainObject(config.metadata) ? config.metadata : {};
  const text = (v: unknown): string => (typeof v === 'string' ? v : '');
  return `${text(metadata.namespace)}/${text(metadata.name)}; ${gvkString(config.apiVersion, config.kind)}`;
}
