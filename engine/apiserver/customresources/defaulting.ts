// Defaulting (apiextensions-apiserver's schema/defaulting): every property with a `default` that is absent — or
// null while not nullable — gets a copy of it, recursively through properties, map values and list items; a null
// that is nullable stays null. Defaults are pruned by the schema first, as the server prunes them when it loads a
// CRD, so a default never brings in fields the schema does not specify.

import { isPlainObject } from '../../api/object.ts';
import { pruneUnknownFields } from './pruning.ts';
import { additionalSchema } from './schema-props.ts';
import type { JSONSchemaProps } from './schema-props.ts';

/** A fresh copy of the schema's default, pruned by the schema. */
function defaultOf(s: JSONSchemaProps): unknown {
  const value = structuredClone(s.default);
  pruneUnknownFields(value, s, false);
  return value;
}

function isNonNullableNull(value: unknown, s: JSONSchemaProps | undefined): s is JSONSchemaProps {
  return value === null && s !== undefined && !s.nullable;
}

/** Fills in defaults in `value` (in place) from `schema`. */
export function applyDefaults(value: unknown, schema: JSONSchemaProps | undefined): void {
  if (!schema) return;
  if (Array.isArray(value)) {
    const items = schema.items;
    value.forEach((item, i) => {
      if (isNonNullableNull(item, items) && items.default !== undefined) value[i] = defaultOf(items);
      applyDefaults(value[i], items);
    });
    return;
  }
  if (!isPlainObject(value)) return;
  for (const [name, property] of schema.properties ?? []) {
    if (property.default === undefined) continue;
    if (!Object.hasOwn(value, name) || isNonNullableNull(value[name], property)) value[name] = defaultOf(property);
  }
  const additional = additionalSchema(schema);
  for (const key of Object.keys(value)) {
    const property = schema.properties?.get(key);
    if (property) applyDefaults(value[key], property);
    else if (additional) {
      if (isNonNullableNull(value[key], additional) && additional.default !== undefined)
        value[key] = defaultOf(additional);
      applyDefaults(value[key], additional);
    }
  }
}
