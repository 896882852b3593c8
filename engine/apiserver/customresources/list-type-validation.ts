// The uniqueness invariants of x-kubernetes-list-type (apiextensions-apiserver's listtype package): items of a "set"
// list are unique, and items of a "map" list are objects unique by their x-kubernetes-list-map-keys. Each repeat is
// reported once, at the index where the value is seen the second time, as `Duplicate value`.

import { isPlainObject } from '../../api/object.ts';
import { FieldPath, duplicate, invalidValue } from '../errors/field-error.ts';
import type { FieldError } from '../errors/field-error.ts';
import { goJson } from '../../api/go-format.ts';
import { additionalSchema } from './schema-props.ts';
import type { JSONSchemaProps } from './schema-props.ts';

type Json = Record<string, unknown>;

/** The value a missing list-map key stands for: distinct from null and from every JSON value. */
const UNSPECIFIED = Symbol('unspecified key');

/** The indexes of values seen before (reported once per value, at its second appearance). */
function repeats(values: unknown[]): number[] {
  const counts = new Map<unknown, number>();
  const out: number[] = [];
  values.forEach((value, i) => {
    const key = isPlainObject(value) || Array.isArray(value) ? `json:${goJson(value)}` : value;
    const times = counts.get(key) ?? 0;
    counts.set(key, times + 1);
    if (times === 1) out.push(i);
  });
  return out;
}

function validateListMap(path: FieldPath, s: JSONSchemaProps, items: unknown[]): FieldError[] {
  for (const [i, item] of items.entries()) {
    if (item !== null && !isPlainObject(item)) {
      return [invalidValue(path.index(i), item, 'must be an object for an array of list-type map')];
    }
  }
  const keyFields = s.listMapKeys ?? [];
  const [single] = keyFields;
  if (keyFields.length === 1 && single !== undefined) {
    const keys = items.map((item) => (isPlainObject(item) && Object.hasOwn(item, single) ? item[single] : UNSPECIFIED));
    return repeats(keys).map((i) => {
      const key = keys[i];
      return duplicate(path.index(i), key === UNSPECIFIED ? {} : { [single]: key });
    });
  }
  const keys = items.map((item) => {
    const key: Json = {};
    if (isPlainObject(item)) for (const field of keyFields) if (Object.hasOwn(item, field)) key[field] = item[field];
    return key;
  });
  return repeats(keys).map((i) => duplicate(path.index(i), keys[i]));
}

function validateArray(path: FieldPath, s: JSONSchemaProps, items: unknown[]): FieldError[] {
  const errs: FieldError[] = [];
  if (s.listType === 'set') errs.push(...repeats(items).map((i) => duplicate(path.index(i), items[i])));
  else if (s.listType === 'map') errs.push(...validateListMap(path, s, items));
  const itemSchema = s.items;
  if (itemSchema) items.forEach((item, i) => errs.push(...validateValue(path.index(i), itemSchema, item)));
  return errs;
}

function validateValue(path: FieldPath, s: JSONSchemaProps, value: unknown): FieldError[] {
  if (Array.isArray(value)) return validateArray(path, s, value);
  if (isPlainObject(value)) return validateObject(path, s, value);
  return [];
}

function validateObject(path: FieldPath | undefined, s: JSONSchemaProps, obj: Json): FieldError[] {
  const errs: FieldError[] = [];
  const additional = additionalSchema(s);
  for (const [key, value] of Object.entries(obj)) {
    const property = s.properties?.get(key);
    if (additional) errs.push(...validateValue(childPath(path, key, true), additional, value));
    if (property) errs.push(...validateValue(childPath(path, key, false), property, value));
  }
  return errs;
}

function childPath(path: FieldPath | undefined, key: string, isMapKey: boolean): FieldPath {
  if (isMapKey) return path ? path.key(key) : FieldPath.root(`[${key}]`);
  return path ? path.child(key) : FieldPath.root(key);
}

/** Duplicate items of set and map lists anywhere in a custom resource. */
export function validateListSetsAndMaps(obj: Json, schema: JSONSchemaProps): FieldError[] {
  return validateObject(undefined, schema, obj);
}
