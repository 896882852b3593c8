// Our schema table in OpenAPI v3 form, as kube-apiserver publishes components.schemas: $refs to
// #/components/schemas/<name> (wrapped in allOf when the field has its own description), and the Kubernetes
// extensions kubectl reads (x-kubernetes-group-version-kind, patch strategy and merge key, list type and map keys).

import type { DefinitionSchema, FieldSchema, SchemaLookup } from '../../api/schema-table.ts';

type OpenApiSchema = Record<string, unknown>;

export function refPath(name: string): string {
  return `#/components/schemas/${name}`;
}

function fieldToOpenApi(field: FieldSchema, refs: Set<string>, lookup: SchemaLookup): OpenApiSchema {
  let out: OpenApiSchema = {};
  const inlined = field.ref ? lookup.definition(field.ref) : undefined;
  if (field.ref && inlined?.inline) {
    // Nested objects of custom resource schemas are published in place, as the CRD declares them.
    out = definitionToOpenApi(inlined, refs, lookup);
  } else if (field.ref) {
    refs.add(field.ref);
    if (field.description) {
      out['allOf'] = [{ $ref: refPath(field.ref) }];
    } else {
      out['$ref'] = refPath(field.ref);
    }
  } else {
    if (field.type) out['type'] = field.type;
    if (field.format) out['format'] = field.format;
    if (field.items) out['items'] = fieldToOpenApi(field.items, refs, lookup);
    if (field.additionalProperties)
      out['additionalProperties'] = fieldToOpenApi(field.additionalProperties, refs, lookup);
    if (field.enum) out['enum'] = field.enum;
  }
  if (field.description) out['description'] = field.description;
  if (field.patchStrategy) out['x-kubernetes-patch-strategy'] = field.patchStrategy;
  if (field.patchMergeKey) out['x-kubernetes-patch-merge-key'] = field.patchMergeKey;
  if (field.listType) out['x-kubernetes-list-type'] = field.listType;
  if (field.listMapKeys) out['x-kubernetes-list-map-keys'] = field.listMapKeys;
  if (field.mapType) out['x-kubernetes-map-type'] = field.mapType;
  return out;
}

export function definitionToOpenApi(
  definition: DefinitionSchema,
  refs: Set<string>,
  lookup: SchemaLookup,
): OpenApiSchema {
  const out: OpenApiSchema = {};
  if (definition.description) out['description'] = definition.description;
  if (definition.type) out['type'] = definition.type;
  if (definition.format) out['format'] = definition.format;
  if (definition.properties) {
    const properties: Record<string, OpenApiSchema> = {};
    for (const [name, field] of Object.entries(definition.properties))
      properties[name] = fieldToOpenApi(field, refs, lookup);
    out['properties'] = properties;
  }
  if (definition.additionalProperties)
    out['additionalProperties'] = fieldToOpenApi(definition.additionalProperties, refs, lookup);
  if (definition.required?.length) out['required'] = definition.required;
  if (definition.gvk?.length) out['x-kubernetes-group-version-kind'] = definition.gvk;
  if (definition.mapType) out['x-kubernetes-map-type'] = definition.mapType;
  return out;
}

/** The named definitions and every definition they reference, in OpenAPI form. */
export function schemaClosure(roots: Iterable<string>, lookup: SchemaLookup): Record<string, OpenApiSchema> {
  const result: Record<string, OpenApiSchema> = {};
  const pending = [...roots];
  while (pending.length) {
    const name = pending.pop()!;
    if (result[name]) continue;
    const definition = lookup.definition(name);
    if (!definition) continue;
    const refs = new Set<string>();
    result[name] = definitionToOpenApi(definition, refs, lookup);
    for (const ref of refs) if (!result[ref]) pending.push(ref);
  }
  return Object.fromEntries(Object.entries(result).sort(([a], [b]) => a.localeCompare(b)));
}
