// Readers over a CRD's OpenAPI v3 schema (JSONSchemaProps as JSON): its sub-schemas in the order upstream visits
// them, and SchemaHas — whether any schema in the tree satisfies a predicate.

import { isRecord, list, record, sortedKeys } from '../access.ts';
import type { Json } from '../access.ts';

export type Schema = Json;

/** The schema of `items` when it is a single schema (not the unsupported array form). */
export function itemsSchema(schema: Schema): Schema | undefined {
  return record(schema.items);
}

/** Every direct sub-schema: properties, additionalProperties, items, allOf/anyOf/oneOf, not, and the unsupported ones. */
function subSchemas(schema: Schema): Schema[] {
  const subs: Schema[] = [];
  const items = schema.items;
  if (isRecord(items)) subs.push(items);
  for (const item of list(items)) if (isRecord(item)) subs.push(item);
  for (const key of ['allOf', 'anyOf', 'oneOf']) for (const s of list(schema[key])) if (isRecord(s)) subs.push(s);
  const not = record(schema.not);
  if (not) subs.push(not);
  for (const key of ['properties', 'patternProperties', 'definitions']) {
    const map = record(schema[key]);
    for (const name of sortedKeys(map)) if (isRecord(map?.[name])) subs.push(map[name] as Schema);
  }
  for (const key of ['additionalProperties', 'additionalItems']) {
    const s = record(schema[key]);
    if (s) subs.push(s);
  }
  const dependencies = record(schema.dependencies);
  for (const name of sortedKeys(dependencies))
    if (isRecord(dependencies?.[name])) subs.push(dependencies[name] as Schema);
  return subs;
}

/** Whether the schema or any schema inside it satisfies the predicate. */
export function schemaHas(schema: Schema | undefined, predicate: (s: Schema) => boolean): boolean {
  if (!schema) return false;
  return predicate(schema) || subSchemas(schema).some((s) => schemaHas(s, predicate));
}
