// How upstream sees an apiextensions.k8s.io/v1 CRD spec when it validates it: the internal form, in which
// per-version schemas, sub-resources, printer columns and selectable fields that are the same in every version are
// moved to the top level (spec.validation, spec.subresources, …). Errors in such a schema are therefore reported
// under spec.validation.openAPIV3Schema, as a real API server reports them.

import { deepEqual } from '../../../api/json.ts';
import { list, records } from '../access.ts';
import type { Json } from '../access.ts';

/** The per-version fields that can be hoisted: [v1 name, internal top-level name]. */
const HOISTABLE: [string, string][] = [
  ['schema', 'validation'],
  ['subresources', 'subresources'],
  ['additionalPrinterColumns', 'additionalPrinterColumns'],
  ['selectableFields', 'selectableFields'],
];

export interface InternalSpec {
  /** Top-level fields by their internal names (validation, subresources, additionalPrinterColumns, selectableFields). */
  top: Json;
  /** Versions with hoisted fields removed. */
  versions: Json[];
}

/** Go's semantic equality: absent, null and empty lists are the same. */
function normalize(value: unknown): unknown {
  if (value === undefined || (Array.isArray(value) && value.length === 0)) return null;
  return value;
}

export function toInternalSpec(spec: Json): InternalSpec {
  const versions = records(spec.versions).map((v) => ({ ...v }));
  const top: Json = {};
  const first = versions[0];
  if (!first) return { top, versions };
  for (const [field, internal] of HOISTABLE) {
    const value = normalize(first[field]);
    if (versions.every((v) => deepEqual(normalize(v[field]), value))) {
      if (value !== null) top[internal] = value;
      for (const v of versions) delete v[field];
    }
  }
  return { top, versions };
}

/** The sub-resources that apply to a version (its own, or the hoisted ones). */
export function subresourcesFor(internal: InternalSpec, version: Json): unknown {
  const perVersion = internal.versions.some((v) => v.subresources !== undefined && v.subresources !== null);
  return perVersion ? version.subresources : internal.top.subresources;
}

export function hasStatusEnabled(subresources: unknown): boolean {
  const status = (subresources as Json | null | undefined)?.status;
  return status !== undefined && status !== null;
}

export function hasAnyStatusEnabled(internal: InternalSpec): boolean {
  return hasStatusEnabled(internal.top.subresources) || internal.versions.some((v) => hasStatusEnabled(v.subresources));
}

/** Whether every version has a schema (per version or hoisted). */
export function allVersionsHaveSchema(spec: Json): boolean {
  return (
    list(spec.versions).length === 0 ||
    records(spec.versions).every((v) => (v.schema as Json | undefined)?.openAPIV3Schema !== undefined)
  );
}
