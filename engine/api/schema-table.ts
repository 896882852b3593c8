// Types of the API schema tables that drive validation, defaulting of unknown fields, strategic merge patch,
// server-side apply, protobuf decoding, OpenAPI and `kubectl explain`. The tables are generated from the upstream
// Kubernetes API specs by scripts/generate-api-tables.ts into engine/api/generated/; descriptions are our own.

/** Wire formats a scalar can have besides plain JSON types. */
export type SchemaFormat =
  'int32' | 'int64' | 'double' | 'byte' | 'date-time' | 'int-or-string' | 'quantity' | 'time' | 'micro-time';

/** A field (or an array item / map value) in a schema definition. Either a $ref or an inline type. */
export interface FieldSchema {
  /** Name of another definition, e.g. "io.k8s.api.core.v1.Container" (no "#/definitions/" prefix). */
  ref?: string;
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  format?: SchemaFormat;
  items?: FieldSchema;
  /** For maps: the schema of every value. */
  additionalProperties?: FieldSchema;
  /** Allowed values of an enum-like string, when upstream declares them. */
  enum?: string[];
  /** Strategic merge patch: "merge", "replace", "retainKeys" or "merge,retainKeys". */
  patchStrategy?: string;
  /** Strategic merge patch: the key that identifies list items, e.g. "name" for containers. */
  patchMergeKey?: string;
  /** Server-side apply: how a list merges. */
  listType?: 'atomic' | 'set' | 'map';
  /** Server-side apply: the keys of a listType=map list. */
  listMapKeys?: string[];
  /** Server-side apply: "atomic" maps and structs are owned as a whole. */
  mapType?: 'atomic' | 'granular';
  /** Our own description, for OpenAPI and `kubectl explain`; absent where we have not written one yet. */
  description?: string;
}

/** One named definition: a struct (object with properties), or a named scalar like Quantity. */
export interface DefinitionSchema {
  type?: 'object' | 'string' | 'integer' | 'number' | 'boolean' | 'array';
  format?: SchemaFormat;
  properties?: Record<string, FieldSchema>;
  required?: string[];
  /** Kinds this definition is the top-level schema of. */
  gvk?: { group: string; version: string; kind: string }[];
  /** For a map-like definition with arbitrary keys. */
  additionalProperties?: FieldSchema;
  mapType?: 'atomic' | 'granular';
  description?: string;
  /** A nested object of a custom resource schema, published inline (it has a synthetic name, no Go type). */
  inline?: boolean;
}

export interface SchemaTable {
  definitions: Record<string, DefinitionSchema>;
}

/** Read access to schema definitions: the built-in table plus definitions added at run time (CRDs). */
export interface SchemaLookup {
  definition(name: string): DefinitionSchema | undefined;
}

/** A navigable view of a schema node: what a field (or list item, or map value) holds, with $refs resolved. */
export interface ResolvedSchema {
  /** The field's own annotations (patch strategy, list type…), when it is a field. */
  field?: FieldSchema;
  /** The definition the node refers to, when it is a $ref. */
  definition?: DefinitionSchema;
  type?: FieldSchema['type'];
  format?: SchemaFormat;
}

/** Resolves a field schema to what it holds: its own type, or the definition behind its $ref. */
export function resolveField(lookup: SchemaLookup, field: FieldSchema): ResolvedSchema {
  if (field.ref) {
    const definition = lookup.definition(field.ref);
    return { field, definition, type: definition?.type ?? 'object', format: definition?.format };
  }
  return { field, type: field.type, format: field.format };
}

/** The schema of property `name` inside an object node, or undefined if the node does not declare it. */
export function propertyOf(lookup: SchemaLookup, node: ResolvedSchema, name: string): ResolvedSchema | undefined {
  const properties = node.definition?.properties;
  const field = properties?.[name] ?? node.definition?.additionalProperties ?? node.field?.additionalProperties;
  return field ? resolveField(lookup, field) : undefined;
}

/** The schema of the items of an array node. */
export function itemsOf(lookup: SchemaLookup, node: ResolvedSchema): ResolvedSchema | undefined {
  const items = node.field?.items;
  return items ? resolveField(lookup, items) : undefined;
}

/** A lookup over one table. */
export function tableLookup(...tables: SchemaTable[]): SchemaLookup {
  return {
    definition(name) {
      for (const table of tables) {
        const definition = table.definitions[name];
        if (definition) return definition;
      }
      return undefined;
    },
  };
}
