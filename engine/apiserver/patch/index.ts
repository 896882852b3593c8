// The patch engines behind PATCH: which engine a Content-Type selects, which Content-Types a resource accepts, and
// one entry point that decodes a patch body and applies it as kube-apiserver does, answering failures with the
// StatusError the API server would send. Server-side apply (application/apply-patch+yaml) is recognised here and
// applied by engine/apiserver/managedfields/.

import type { ResolvedSchema, SchemaLookup } from '../../api/schema-table.ts';
import { FieldPath, invalidValue } from '../errors/field-error.ts';
import { StatusError, invalid } from '../errors/status-error.ts';
import { goJson } from '../../api/go-format.ts';
import { decodeJsonPatch } from './json-patch-decode.ts';
import { applyJsonPatch } from './json-patch.ts';
import { applyMergePatch, decodeMergePatch } from './merge-patch.ts';
import { PatchError, patchErrorToStatus } from './patch-error.ts';
import { applyStrategicMergePatch } from './strategic-merge-patch.ts';

export type PatchType = 'json' | 'merge' | 'strategic' | 'apply';

export const JSON_PATCH_CONTENT_TYPE = 'application/json-patch+json';
export const MERGE_PATCH_CONTENT_TYPE = 'application/merge-patch+json';
export const STRATEGIC_MERGE_PATCH_CONTENT_TYPE = 'application/strategic-merge-patch+json';
export const APPLY_PATCH_CONTENT_TYPE = 'application/apply-patch+yaml';

const PATCH_TYPES = new Map<string, PatchType>([
  [JSON_PATCH_CONTENT_TYPE, 'json'],
  [MERGE_PATCH_CONTENT_TYPE, 'merge'],
  [STRATEGIC_MERGE_PATCH_CONTENT_TYPE, 'strategic'],
  [APPLY_PATCH_CONTENT_TYPE, 'apply'],
]);

/** The patch type a Content-Type names; what follows a ";" (e.g. "; charset=utf-8") is ignored, as upstream does. */
export function patchTypeFromContentType(contentType: string | undefined): PatchType | undefined {
  if (contentType === undefined) return undefined;
  const semicolon = contentType.indexOf(';');
  return PATCH_TYPES.get(semicolon > 0 ? contentType.slice(0, semicolon) : contentType);
}

/**
 * The Content-Types PATCH accepts, in the order the API server lists them. Built-in kinds take all four; custom
 * resources have no Go types to drive a strategic merge patch, so the apiextensions server does not accept one.
 */
export function acceptedPatchContentTypes(strategicMergePatch: boolean): string[] {
  return strategicMergePatch
    ? [JSON_PATCH_CONTENT_TYPE, MERGE_PATCH_CONTENT_TYPE, STRATEGIC_MERGE_PATCH_CONTENT_TYPE, APPLY_PATCH_CONTENT_TYPE]
    : [JSON_PATCH_CONTENT_TYPE, MERGE_PATCH_CONTENT_TYPE, APPLY_PATCH_CONTENT_TYPE];
}

/** The 415 for a PATCH whose Content-Type the resource does not accept. */
export function unsupportedPatchMediaType(accepted: readonly string[]): StatusError {
  return new StatusError(
    415,
    'UnsupportedMediaType',
    `the body of the request was in an unknown format - accepted media types include: ${accepted.join(', ')}`,
  );
}

export interface PatchOptions {
  /** The request's fieldValidation: Strict and Warn decode the patch strictly. Default Ignore. */
  fieldValidation?: 'Strict' | 'Warn' | 'Ignore';
  /** Where Warn puts the strict decoding errors of the patch, as Warning headers. */
  warnings?: string[];
}

/** A JSON patch's unknown members: a 422 under Strict (as upstream words it), warnings under Warn. */
function reportStrictErrors(strictErrors: readonly string[], patched: unknown, options: PatchOptions): void {
  if (strictErrors.length === 0) return;
  if (options.fieldValidation === 'Warn') {
    options.warnings?.push(...strictErrors);
    return;
  }
  const detail = `strict decoding error: ${strictErrors.join(', ')}`;
  throw invalid('', '', '', [invalidValue(FieldPath.root('patch'), goJson(patched), detail)]);
}

function applyDecoded(
  type: Exclude<PatchType, 'apply'>,
  original: unknown,
  body: unknown,
  schema: ResolvedSchema,
  lookup: SchemaLookup,
  options: PatchOptions,
): unknown {
  const strict = options.fieldValidation === 'Strict' || options.fieldValidation === 'Warn';
  switch (type) {
    case 'json': {
      const { operations, strictErrors } = decodeJsonPatch(body, strict);
      const patched = applyJsonPatch(original, operations);
      reportStrictErrors(strictErrors, patched, options);
      return patched;
    }
    case 'merge':
      return applyMergePatch(original, decodeMergePatch(body, strict));
    case 'strategic':
      return applyStrategicMergePatch(original, body, schema, lookup);
  }
}

/**
 * Applies a patch body (already parsed from JSON) to the stored object, whose kind `schema` describes (strategic
 * merge patch reads its patch strategies from it). Never changes its inputs; failures are StatusErrors as
 * kube-apiserver sends them, with the engine's own explanation as their `cause`.
 */
export function applyPatch(
  type: Exclude<PatchType, 'apply'>,
  original: unknown,
  body: unknown,
  schema: ResolvedSchema,
  lookup: SchemaLookup,
  options: PatchOptions = {},
): unknown {
  try {
    return applyDecoded(type, original, body, schema, lookup, options);
  } catch (error) {
    if (error instanceof PatchError) throw patchErrorToStatus(error);
    throw error;
  }
}
