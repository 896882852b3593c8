// Pruning (apiextensions-apiserver's schema/pruning and defaulting/prunenulls): what the API server does to a custom
// resource as it decodes it, before defaulting and validation. Fields the schema does not specify are dropped —
// except below x-kubernetes-preserve-unknown-fields, and apiVersion, kind and metadata of the object and of
// embedded resources — and their paths returned ("spec.foo", "spec.items[0].bar"), so the API can warn about them
// or refuse them under fieldValidation=Strict. Nulls of fields that are neither nullable nor defaulted go too.

import { isPlainObject } from '../../api/object.ts';
import { coerceEmbeddedObjectMeta, coerceObjectMeta } from './object-meta-coercion.ts';
import { additionalSchema, fieldSchema } from './schema-props.ts';
import type { JSONSchemaProps } from './schema-props.ts';

type Json = Record<string, unknown>;

const META_FIELDS = new Set(['apiVersion', 'kind', 'metadata']);

function appendKey(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

class Pruner {
  readonly unknown: string[] = [];

  prune(value: unknown, s: JSONSchemaProps | undefined, path: string): void {
    if (s?.preserveUnknownFields) {
      this.skip(value, s, path);
      return;
    }
    if (Array.isArray(value)) {
      value.forEach((item, i) => this.prune(item, s?.items, `${path}[${i}]`));
      return;
    }
    if (!isPlainObject(value)) return;
    for (const key of Object.keys(value)) {
      if (s?.embeddedResource && META_FIELDS.has(key)) continue;
      const property = s?.properties?.get(key);
      if (property) this.prune(value[key], property, appendKey(path, key));
      else if (s?.additionalProperties !== undefined) this.prune(value[key], additionalSchema(s), appendKey(path, key));
      else {
        if (!s || !META_FIELDS.has(key) || path !== '') this.unknown.push(appendKey(path, key));
        delete value[key];
      }
    }
  }

  /** Below x-kubernetes-preserve-unknown-fields: unknown fields stay, specified ones are still pruned inside. */
  private skip(value: unknown, s: JSONSchemaProps | undefined, path: string): void {
    if (!s) return;
    if (Array.isArray(value)) {
      value.forEach((item, i) => this.skip(item, s.items, `${path}[${i}]`));
      return;
    }
    if (!isPlainObject(value)) return;
    for (const key of Object.keys(value)) {
      if (s.embeddedResource && META_FIELDS.has(key)) continue;
      const property = s.properties?.get(key);
      if (property) this.prune(value[key], property, appendKey(path, key));
      else if (s.additionalProperties !== undefined) this.prune(value[key], additionalSchema(s), appendKey(path, key));
    }
  }
}

/**
 * Drops the fields `schema` does not specify from `value` (in place) and returns their paths, sorted. At a
 * resource root, apiVersion, kind and metadata are kept as they are.
 */
export function pruneUnknownFields(
  value: unknown,
  schema: JSONSchemaProps | undefined,
  isResourceRoot: boolean,
): string[] {
  const pruner = new Pruner();
  const s = isResourceRoot && !schema?.embeddedResource ? { ...schema, embeddedResource: true } : schema;
  pruner.prune(value, s, '');
  return pruner.unknown.sort();
}

/** Removes null values of fields that are not nullable and have no default (defaulting fills the others). */
export function pruneNonNullableNulls(value: unknown, s: JSONSchemaProps | undefined): void {
  if (Array.isArray(value)) {
    for (const item of value) pruneNonNullableNulls(item, s?.items);
    return;
  }
  if (!isPlainObject(value)) return;
  for (const [key, item] of Object.entries(value)) {
    const schema = fieldSchema(s, key);
    if (item === null && schema && !schema.nullable && schema.default === undefined) delete value[key];
    else pruneNonNullableNulls(item, schema);
  }
}

/**
 * Everything the API server does to a decoded custom resource before defaulting: its metadata and that of embedded
 * resources read as ObjectMeta, unknown fields pruned, non-nullable nulls removed. Returns the paths of the dropped
 * unknown fields in upstream's order (metadata first). Throws TypeMismatchError for malformed metadata.
 */
export function pruneCustomResource(obj: Json, schema: JSONSchemaProps): string[] {
  const unknown = coerceObjectMeta(obj);
  unknown.push(...pruneUnknownFields(obj, schema, true));
  pruneNonNullableNulls(obj, schema);
  unknown.push(...coerceEmbeddedObjectMeta(obj, schema));
  return unknown;
}
