// metadata.managedFields read into per-manager field sets and written back, as apimachinery's managedfields.go does.
// A manager is identified by its name, operation, subresource and — for updaters only — API version, encoded as the
// JSON of those fields (BuildManagerIdentifier); entries are written back sorted as upstream sorts them.

import { rfc3339 } from '../../api/json.ts';
import type { ManagedFieldsEntry } from '../../api/object.ts';
import { isPlainObject } from '../../api/object.ts';
import type { FieldSet } from './field-set.ts';
import { decodeFieldsV1, encodeFieldsV1 } from './fields-v1.ts';
import { compareStrings } from './path-element.ts';

export interface VersionedSet {
  readonly set: FieldSet;
  readonly apiVersion: string;
  readonly applied: boolean;
}

/** Field sets and the times of their last change, by manager identifier. */
export interface Managed {
  readonly fields: Map<string, VersionedSet>;
  readonly times: Map<string, string>;
}

export interface ManagerIdentity {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion?: string;
  subresource?: string;
}

export function emptyManaged(): Managed {
  return { fields: new Map(), times: new Map() };
}

export function copyManaged(managed: Managed): Managed {
  return { fields: new Map(managed.fields), times: new Map(managed.times) };
}

/** The identifier of a manager: appliers are one manager whatever API version they used. */
export function managerIdentifier(identity: ManagerIdentity): string {
  const id: Record<string, string> = {};
  if (identity.manager) id.manager = identity.manager;
  id.operation = identity.operation;
  if (identity.operation !== 'Apply' && identity.apiVersion) id.apiVersion = identity.apiVersion;
  if (identity.subresource) id.subresource = identity.subresource;
  return JSON.stringify(id);
}

export function parseIdentifier(identifier: string): ManagerIdentity {
  const id = JSON.parse(identifier) as Partial<ManagerIdentity>;
  return {
    manager: id.manager ?? '',
    operation: id.operation ?? 'Update',
    apiVersion: id.apiVersion,
    subresource: id.subresource,
  };
}

/** Reads managedFields; throws on an invalid entry, with upstream's messages. */
export function decodeManagedFields(entries: readonly unknown[] | undefined): Managed {
  const managed = emptyManaged();
  (entries ?? []).forEach((raw, i) => {
    if (!isPlainObject(raw)) throw new Error(`invalid managed fields entry ${i}`);
    const entry = raw as ManagedFieldsEntry;
    if (entry.operation !== 'Apply' && entry.operation !== 'Update') {
      throw new Error('operation must be `Apply` or `Update`');
    }
    if (!entry.apiVersion) throw new Error('apiVersion must not be empty');
    if (!entry.fieldsType) throw new Error(`missing fieldsType in managed fields entry ${i}`);
    if (entry.fieldsType !== 'FieldsV1') {
      throw new Error(`invalid fieldsType ${JSON.stringify(entry.fieldsType)} in managed fields entry ${i}`);
    }
    const identifier = managerIdentifier({
      manager: entry.manager ?? '',
      operation: entry.operation,
      apiVersion: entry.apiVersion,
      subresource: entry.subresource,
    });
    const set = decodeFieldsV1(entry.fieldsV1 ?? {});
    managed.fields.set(identifier, { set, apiVersion: entry.apiVersion, applied: entry.operation === 'Apply' });
    if (entry.time !== undefined && entry.time !== null) managed.times.set(identifier, normalizeTime(entry.time));
    else managed.times.delete(identifier);
  });
  return managed;
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function normalizeTime(time: unknown): string {
  const ms = typeof time === 'string' && RFC3339.test(time) ? Date.parse(time) : NaN;
  if (Number.isNaN(ms)) throw new Error(`parsing time ${JSON.stringify(time)} as RFC3339 failed`);
  return rfc3339(ms);
}

/** Writes managedFields back, sorted: Apply before Update, then by time, manager, apiVersion and subresource. */
export function encodeManagedFields(managed: Managed): ManagedFieldsEntry[] | undefined {
  if (managed.fields.size === 0) return undefined;
  const entries: ManagedFieldsEntry[] = [];
  for (const [identifier, versioned] of managed.fields) {
    const identity = parseIdentifier(identifier);
    const entry: ManagedFieldsEntry = {};
    if (identity.manager) entry.manager = identity.manager;
    entry.operation = versioned.applied ? 'Apply' : identity.operation;
    entry.apiVersion = versioned.apiVersion;
    const time = managed.times.get(identifier);
    if (time !== undefined) entry.time = time;
    entry.fieldsType = 'FieldsV1';
    entry.fieldsV1 = encodeFieldsV1(versioned.set);
    if (identity.subresource) entry.subresource = identity.subresource;
    entries.push(entry);
  }
  return entries.sort(compareEntries);
}

/** Seconds since the epoch of a managedFields time; no time sorts as zero. */
export function unixSeconds(time: string | undefined): number {
  return time === undefined ? 0 : Math.floor(Date.parse(time) / 1000);
}

function compareEntries(p: ManagedFieldsEntry, q: ManagedFieldsEntry): number {
  return (
    compareStrings(p.operation ?? '', q.operation ?? '') ||
    Math.sign(unixSeconds(p.time) - unixSeconds(q.time)) ||
    compareStrings(p.manager ?? '', q.manager ?? '') ||
    compareStrings(p.apiVersion ?? '', q.apiVersion ?? '') ||
    compareStrings(p.subresource ?? '', q.subresource ?? '')
  );
}
