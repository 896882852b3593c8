// ObjectMeta inside custom resources, read as the apiextensions server reads it (schema/objectmeta coerce.go): the
// metadata of the object itself and of every embedded resource (x-kubernetes-embedded-resource) is decoded as a
// typed ObjectMeta, whatever the CRD schema says about it. Unknown metadata fields are dropped and reported
// ("metadata.foo", "spec.template.metadata.foo"); values of the wrong type are a decoding error.

import type { ObjectMeta } from '../../api/object.ts';
import { isPlainObject } from '../../api/object.ts';
import { builtinSchemas } from '../../api/schemas.ts';
import { decodeTyped } from '../endpoints/decode/typed-decode.ts';
import { FieldPath } from '../errors/field-error.ts';
import { additionalSchema } from './schema-props.ts';
import type { JSONSchemaProps } from './schema-props.ts';

type Json = Record<string, unknown>;

/** A definition whose only property is `metadata: ObjectMeta`, so decoded paths read "metadata.…". */
const PARTIAL_OBJECT_METADATA = 'io.k8s.apimachinery.pkg.apis.meta.v1.PartialObjectMetadata';

/**
 * Decodes a metadata value as ObjectMeta: the decoded metadata and the paths ("metadata.foo") of the fields it
 * dropped. Throws TypeMismatchError (encoding/json's message) for a value of the wrong type.
 */
export function decodeObjectMeta(value: unknown): { meta: ObjectMeta; unknownFields: string[] } {
  const { object, unknownFields } = decodeTyped({ metadata: value }, PARTIAL_OBJECT_METADATA, builtinSchemas);
  return { meta: object.metadata, unknownFields };
}

/** Replaces obj.metadata (when present) by its decoded form; returns the dropped paths below `prefix`. */
export function coerceObjectMeta(obj: Json, prefix?: FieldPath): string[] {
  if (!Object.hasOwn(obj, 'metadata')) return [];
  const { meta, unknownFields } = decodeObjectMeta(obj['metadata']);
  obj['metadata'] = meta;
  return prefix ? unknownFields.map((path) => `${prefix.toString()}.${path}`) : unknownFields;
}

function child(path: FieldPath | undefined, key: string, isMapKey: boolean): FieldPath {
  if (isMapKey) return path ? path.key(key) : FieldPath.root(`[${key}]`);
  return path ? path.child(key) : FieldPath.root(key);
}

function walk(value: unknown, s: JSONSchemaProps | undefined, path: FieldPath | undefined, out: string[]): void {
  if (!s) return;
  if (Array.isArray(value)) {
    value.forEach((item, i) => walk(item, s.items, path ? path.index(i) : FieldPath.root(`[${i}]`), out));
    return;
  }
  if (!isPlainObject(value)) return;
  if (s.embeddedResource) out.push(...coerceObjectMeta(value, path));
  const additional = additionalSchema(s);
  for (const [key, item] of Object.entries(value)) {
    const property = s.properties?.get(key);
    if (property) walk(item, property, child(path, key, false), out);
    else if (additional) walk(item, additional, child(path, key, true), out);
  }
}

/** Coerces the metadata of the embedded resources in a custom resource; returns the dropped paths, sorted. */
export function coerceEmbeddedObjectMeta(obj: Json, schema: JSONSchemaProps): string[] {
  const out: string[] = [];
  walk(obj, schema, undefined, out);
  return out.sort();
}
