// The errors server-side apply answers with, in upstream's words: the 409 listing each conflicting field and its
// manager, 400s for a wrong object type or client-set managedFields, 422 without a field manager, and the 500 that
// kube-apiserver 1.32 returns for a configuration that does not fit the schema.

import { parseApiVersion } from '../../api/object.ts';
import { FieldPath, required } from '../errors/field-error.ts';
import type { StatusCause } from '../errors/status-error.ts';
import { StatusError, badRequest, invalid } from '../errors/status-error.ts';
import { parseIdentifier } from './managers.ts';
import { formatPath } from './path-element.ts';
import type { Conflict } from './updater.ts';

/** How a manager reads in conflict messages: `"kubectl-client-side-apply" using apps/v1`, `"kubectl"`. */
export function printManager(identifier: string): string {
  let identity;
  try {
    identity = parseIdentifier(identifier);
  } catch {
    return JSON.stringify(identifier);
  }
  let text = JSON.stringify(identity.manager);
  if (identity.subresource) text += ` with subresource ${JSON.stringify(identity.subresource)}`;
  if (identity.operation === 'Update') text += ` using ${identity.apiVersion ?? ''}`;
  return text;
}

/** 409 Conflict with a FieldManagerConflict cause per field (apimachinery's NewConflictError). */
export function applyConflictError(conflicts: readonly Conflict[]): StatusError {
  const causes: StatusCause[] = conflicts.map((c) => ({
    reason: 'FieldManagerConflict',
    message: `conflict with ${printManager(c.manager)}`,
    field: formatPath(c.path),
  }));
  return new StatusError(409, 'Conflict', conflictMessage(conflicts), { causes });
}

function conflictMessage(conflicts: readonly Conflict[]): string {
  const [only] = conflicts;
  if (conflicts.length === 1 && only) {
    return `Apply failed with 1 conflict: conflict with ${printManager(only.manager)}: ${formatPath(only.path)}`;
  }
  const byManager = new Map<string, string[]>();
  for (const c of conflicts) byManager.set(c.manager, [...(byManager.get(c.manager) ?? []), formatPath(c.path)]);
  const lines: string[] = [];
  for (const manager of [...byManager.keys()].sort()) {
    lines.push(`conflicts with ${printManager(manager)}:`);
    for (const path of byManager.get(manager)!) lines.push(`- ${path}`);
  }
  return `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
}

/** Go's GroupVersionKind.String() of an object: `apps/v1, Kind=Deployment`, `/v1, Kind=Pod`. */
export function gvkString(apiVersion: unknown, kind: unknown): string {
  const { group, version } = parseApiVersion(typeof apiVersion === 'string' ? apiVersion : '');
  return `${group}/${version}, Kind=${typeof kind === 'string' ? kind : ''}`;
}

export function invalidObjectType(apiVersion: unknown, kind: unknown): StatusError {
  return badRequest(`invalid object type: ${gvkString(apiVersion, kind)}`);
}

export function managedFieldsMustBeNil(): StatusError {
  return badRequest('metadata.managedFields must be nil');
}

/** An apply PATCH without ?fieldManager= (PatchOptions validation). */
export function fieldManagerRequired(): StatusError {
  return invalid('meta.k8s.io', 'PatchOptions', '', [
    required(FieldPath.root('fieldManager'), 'is required for apply patch'),
  ]);
}

/** A configuration that does not fit the schema: a plain error upstream, which the API server answers with 500. */
export function typedPatchError(object: string, detail: string): StatusError {
  return new StatusError(500, '', `failed to create typed patch object (${object}): ${detail}`);
}

/** Any other failure of the field manager, answered with 500 as upstream does for non-Status errors. */
export function fieldManagerError(message: string): StatusError {
  return new StatusError(500, '', message);
}
