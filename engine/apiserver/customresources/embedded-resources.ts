// Validation of embedded resources (x-kubernetes-embedded-resource) inside a custom resource, as the apiextensions
// server's objectmeta.Validate does it: apiVersion and kind are required and well-formed, and metadata passes the
// generic ObjectMeta validation with names that only have to be valid path segments.

import { isPlainObject } from '../../api/object.ts';
import { TypeMismatchError } from '../endpoints/decode/typed-decode.ts';
import { FieldPath, invalidValue, required } from '../errors/field-error.ts';
import type { FieldError } from '../errors/field-error.ts';
import type { NameValidator } from '../validation/names.ts';
import { isDNS1035Label } from '../validation/names.ts';
import { validateObjectMeta } from '../validation/object-meta.ts';
import { decodeObjectMeta } from './object-meta-coercion.ts';
import { additionalSchema } from './schema-props.ts';
import type { JSONSchemaProps } from './schema-props.ts';

type Json = Record<string, unknown>;

/** apimachinery's path.ValidatePathSegmentName: a name that can be one segment of a URL path. */
export const pathSegmentName: NameValidator = (name, prefix) => {
  if (!prefix && (name === '.' || name === '..')) return [`may not be '${name}'`];
  return ['/', '%'].filter((c) => name.includes(c)).map((c) => `may not contain '${c}'`);
};

function childPath(path: FieldPath | undefined, name: string): FieldPath {
  return path ? path.child(name) : FieldPath.root(name);
}

/** schema.ParseGroupVersion's complaint about an apiVersion, if any. */
function groupVersionError(apiVersion: string): string | undefined {
  return apiVersion.split('/').length > 2 ? `unexpected GroupVersion string: ${apiVersion}` : undefined;
}

function validateApiVersion(path: FieldPath, value: unknown): FieldError[] {
  if (typeof value !== 'string') return [invalidValue(path, value, 'must be a string')];
  if (value === '') return [invalidValue(path, value, 'must not be empty')];
  const error = groupVersionError(value);
  return error ? [invalidValue(path, value, error)] : [];
}

function validateKind(path: FieldPath, value: unknown): FieldError[] {
  if (typeof value !== 'string') return [invalidValue(path, value, 'must be a string')];
  if (value === '') return [invalidValue(path, value, 'must not be empty')];
  const errs = isDNS1035Label(value.toLowerCase());
  return errs.length
    ? [invalidValue(path, value, `may have mixed case, but should otherwise match: ${errs.join(',')}`)]
    : [];
}

function validateMetadata(path: FieldPath, value: unknown): FieldError[] {
  let meta;
  try {
    meta = decodeObjectMeta(value).meta;
  } catch (error) {
    if (error instanceof TypeMismatchError) return [invalidValue(path, value, error.message)];
    throw error;
  }
  if (!meta.name) meta.name = 'fakename';
  return validateObjectMeta(
    meta,
    { namespaced: Boolean(meta.namespace), validateName: pathSegmentName, standardFinalizerNames: false },
    path,
  );
}

function validateEmbeddedResource(path: FieldPath | undefined, obj: Json): FieldError[] {
  const errs: FieldError[] = [];
  if (!Object.hasOwn(obj, 'apiVersion')) errs.push(required(childPath(path, 'apiVersion'), 'must not be empty'));
  if (!Object.hasOwn(obj, 'kind')) errs.push(required(childPath(path, 'kind'), 'must not be empty'));
  if (Object.hasOwn(obj, 'apiVersion'))
    errs.push(...validateApiVersion(childPath(path, 'apiVersion'), obj['apiVersion']));
  if (Object.hasOwn(obj, 'kind')) errs.push(...validateKind(childPath(path, 'kind'), obj['kind']));
  if (Object.hasOwn(obj, 'metadata')) errs.push(...validateMetadata(childPath(path, 'metadata'), obj['metadata']));
  return errs;
}

function walk(value: unknown, s: JSONSchemaProps | undefined, path: FieldPath | undefined): FieldError[] {
  if (!s) return [];
  if (Array.isArray(value)) {
    return value.flatMap((item, i) => walk(item, s.items, path ? path.index(i) : FieldPath.root(`[${i}]`)));
  }
  if (!isPlainObject(value)) return [];
  const errs = s.embeddedResource ? validateEmbeddedResource(path, value) : [];
  const additional = additionalSchema(s);
  for (const [key, item] of Object.entries(value)) {
    const property = s.properties?.get(key);
    if (property) errs.push(...walk(item, property, childPath(path, key)));
    else if (additional) errs.push(...walk(item, additional, path ? path.key(key) : FieldPath.root(`[${key}]`)));
  }
  return errs;
}

/** Validates every embedded resource in a custom resource (the object itself is validated elsewhere). */
export function validateEmbeddedResources(obj: Json, schema: JSONSchemaProps): FieldError[] {
  return walk(obj, schema, undefined);
}
