// Turns the definitions of the upstream swagger 2.0 document into schema-table definitions: types, formats, $refs,
// list/map annotations, required fields and group-version-kinds. Upstream description texts are left out on purpose.

import type { DefinitionSchema, FieldSchema, SchemaFormat } from '../../engine/api/schema-table.ts';

export interface SwaggerSchema {
  $ref?: string;
  type?: string;
  format?: string;
  items?: SwaggerSchema;
  additionalProperties?: SwaggerSchema | boolean;
  properties?: Record<string, SwaggerSchema>;
  required?: string[];
  enum?: string[];
  'x-kubernetes-patch-strategy'?: string;
  'x-kubernetes-patch-merge-key'?: string;
  'x-kubernetes-list-type'?: string;
  'x-kubernetes-list-map-keys'?: string[];
  'x-kubernetes-map-type'?: string;
  'x-kubernetes-group-version-kind'?: { group: string; version: string; kind: string }[];
}

export interface SwaggerDocument {
  definitions: Record<string, SwaggerSchema>;
}

/** Named scalars whose format the table spells differently from the swagger document. */
const NAMED_SCALAR_FORMATS: Record<string, SchemaFormat> = {
  'io.k8s.apimachinery.pkg.util.intstr.IntOrString': 'int-or-string',
  'io.k8s.apimachinery.pkg.api.resource.Quantity': 'quantity',
  'io.k8s.apimachinery.pkg.apis.meta.v1.Time': 'date-time',
  'io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime': 'micro-time',
};

const FORMATS = new Set<string>(['int32', 'int64', 'double', 'byte', 'date-time', 'int-or-string']);
const TYPES = new Set<string>(['object', 'array', 'string', 'integer', 'number', 'boolean']);

/** All definitions of the document, sorted by name. */
export function definitionsFromSwagger(document: SwaggerDocument): Record<string, DefinitionSchema> {
  const definitions: Record<string, DefinitionSchema> = {};
  for (const name of Object.keys(document.definitions).sort()) {
    const swagger = document.definitions[name];
    if (swagger) definitions[name] = definitionFromSwagger(name, swagger);
  }
  return definitions;
}

function definitionFromSwagger(name: string, swagger: SwaggerSchema): DefinitionSchema {
  const definition: DefinitionSchema = {};
  const type = schemaType(swagger.type);
  if (type) definition.type = type;
  const format = NAMED_SCALAR_FORMATS[name] ?? schemaFormat(swagger.format);
  if (format) definition.format = format;
  if (swagger.properties) {
    const properties: Record<string, FieldSchema> = {};
    for (const property of Object.keys(swagger.properties).sort()) {
      const schema = swagger.properties[property];
      if (schema) properties[property] = fieldFromSwagger(schema);
    }
    definition.properties = properties;
  }
  if (swagger.required?.length) definition.required = [...swagger.required];
  const gvk = swagger['x-kubernetes-group-version-kind'];
  if (gvk?.length) definition.gvk = gvk.map(({ group, version, kind }) => ({ group, version, kind }));
  if (typeof swagger.additionalProperties === 'object') {
    definition.additionalProperties = fieldFromSwagger(swagger.additionalProperties);
  }
  const mapType = swagger['x-kubernetes-map-type'];
  if (mapType === 'atomic' || mapType === 'granular') definition.mapType = mapType;
  return definition;
}

/** One property (or items / additionalProperties schema), keys in a fixed order. */
export function fieldFromSwagger(swagger: SwaggerSchema): FieldSchema {
  const field: FieldSchema = {};
  if (swagger.$ref) field.ref = swagger.$ref.replace(/^#\/definitions\//, '');
  const type = schemaType(swagger.type);
  if (type) field.type = type;
  const format = schemaFormat(swagger.format);
  if (format) field.format = format;
  if (swagger.items) field.items = fieldFromSwagger(swagger.items);
  if (typeof swagger.additionalProperties === 'object') {
    field.additionalProperties = fieldFromSwagger(swagger.additionalProperties);
  }
  if (swagger.enum?.length) field.enum = [...swagger.enum];
  if (swagger['x-kubernetes-patch-strategy']) field.patchStrategy = swagger['x-kubernetes-patch-strategy'];
  if (swagger['x-kubernetes-patch-merge-key']) field.patchMergeKey = swagger['x-kubernetes-patch-merge-key'];
  const listType = swagger['x-kubernetes-list-type'];
  if (listType === 'atomic' || listType === 'set' || listType === 'map') field.listType = listType;
  if (swagger['x-kubernetes-list-map-keys']?.length) field.listMapKeys = [...swagger['x-kubernetes-list-map-keys']];
  const mapType = swagger['x-kubernetes-map-type'];
  if (mapType === 'atomic' || mapType === 'granular') field.mapType = mapType;
  return field;
}

function schemaType(type: string | undefined): FieldSchema['type'] | undefined {
  if (type === undefined) return undefined;
  if (!TYPES.has(type)) throw new Error(`unexpected swagger type ${type}`);
  return type as FieldSchema['type'];
}

function schemaFormat(format: string | undefined): SchemaFormat | undefined {
  if (format === undefined) return undefined;
  if (!FORMATS.has(format)) throw new Error(`unexpected swagger format ${format}`);
  return format as SchemaFormat;
}
