// Moving from client-side to server-side apply (apimachinery's lastappliedmanager.go and lastappliedupdater.go),
// for the manager "kubectl" only: fields whose live value still equals the last-applied-configuration annotation
// count as kubectl's own, so `kubectl apply --server-side` after `kubectl apply` does not conflict with
// kubectl-client-side-apply over them; and the annotation is kept up to date with each server-side apply.

import type { KubeObject } from '../../api/object.ts';
import { isPlainObject } from '../../api/object.ts';
import { compare } from './compare.ts';
import type { FieldSet } from './field-set.ts';
import { difference } from './field-set.ts';
import { goJson } from './go-json.ts';
import { toFieldSet } from './to-field-set.ts';
import type { UpdaterContext } from './updater.ts';
import { validateTyped } from './validate-typed.ts';

export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';

/** The manager whose client-side apply history is honoured. */
export const KUBECTL_MANAGER = 'kubectl';

const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

/**
 * The fields of the last-applied annotation whose live value is unchanged, or undefined when there is no usable
 * annotation (missing, not JSON, another API version, not fitting the schema).
 */
export function allowedConflictsFromLastApplied(
  live: KubeObject | undefined,
  apiVersion: string,
  ctx: UpdaterContext,
): FieldSet | undefined {
  const annotation = live?.metadata.annotations?.[LAST_APPLIED_ANNOTATION];
  if (!annotation) return undefined;
  let lastApplied: unknown;
  try {
    lastApplied = JSON.parse(annotation);
  } catch {
    return undefined;
  }
  if (!isPlainObject(lastApplied) || lastApplied.apiVersion !== apiVersion) return undefined;
  if (validateTyped(lastApplied, ctx.type) !== undefined) return undefined;
  const comparison = compare(lastApplied, live, ctx.type, { lhsTyped: false, rhsTyped: ctx.typed });
  const owned = toFieldSet(lastApplied, ctx.type);
  return difference(difference(difference(owned, comparison.modified), comparison.added), comparison.removed);
}

/** `object` with its last-applied annotation (when it has one) set to `config`, as kubectl would have written it. */
export function withLastAppliedUpdated(object: KubeObject, config: KubeObject): KubeObject {
  const annotations = object.metadata.annotations;
  if (!annotations?.[LAST_APPLIED_ANNOTATION]) return object;
  const updated: Record<string, string> = { ...annotations, [LAST_APPLIED_ANNOTATION]: lastAppliedValue(config) };
  if (annotationsSize(updated) > TOTAL_ANNOTATION_SIZE_LIMIT) delete updated[LAST_APPLIED_ANNOTATION];
  return { ...object, metadata: { ...object.metadata, annotations: updated } };
}

/** The configuration without the annotation itself, as JSON with a trailing newline (Go's json.Encoder). */
function lastAppliedValue(config: KubeObject): string {
  const annotations = config.metadata?.annotations;
  if (!annotations) return `${goJson(config)}\n`;
  const rest = { ...annotations };
  delete rest[LAST_APPLIED_ANNOTATION];
  return `${goJson({ ...config, metadata: { ...config.metadata, annotations: rest } })}\n`;
}

function annotationsSize(annotations: Record<string, string>): number {
  let size = 0;
  for (const [key, value] of Object.entries(annotations)) size += Buffer.byteLength(key) + Buffer.byteLength(value);
  return size;
}
