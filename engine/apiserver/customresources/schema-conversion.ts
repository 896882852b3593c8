// A custom resource version's schema in our schema-table form, as the apiextensions server publishes it: the root
// definition with the kind's group-version-kind and the standard apiVersion, kind and metadata (ObjectMeta)
// properties, its List, and one definition per nested object, named after its path from the root
// ("com.example.stable.v1.CronTab.spec.template") and marked inline, since upstream publishes them in place.
// Embedded resources get apiVersion, kind and metadata too. x-kubernetes-preserve-unknown-fields shows as
// additionalProperties of any type. Value validations (minimum, pattern, default…) stay in the JSONSchemaProps,
// which the validator reads.

import { COMMON_KIND_FIELDS, listDescription } from '../../api/descriptions/common-fields.ts';
import type { GroupVersionKind } from '../../api/object.ts';
import type { DefinitionSchema, FieldSchema, SchemaFormat, SchemaTable } from '../../api/schema-table.ts';
import { additionalSchema } from './schema-props.ts';
import type { JSONSchemaProps } from './schema-props.ts';

const OBJECT_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';
const LIST_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta';
const TYPES = new Set<FieldSchema['type']>(['object', 'array', 'string', 'integer', 'number', 'boolean']);
const FORMATS = new Set<SchemaFormat>(['int32', 'int64', 'double', 'byte', 'date-time']);

/** The definition name upstream gives a kind: the group reversed, then version and kind ("com.example.v1.Foo"). */
export function customResourceDefinitionName(group: string, version: string, kind: string): string {
  return [...group.split('.').reverse(), version, kind].join('.');
}

function typeMetaProperties(): Record<string, FieldSchema> {
  return {
    apiVersion: { type: 'string', description: COMMON_KIND_FIELDS['apiVersion']?.(undefined, false) },
    kind: { type: 'string', description: COMMON_KIND_FIELDS['kind']?.(undefined, false) },
    metadata: { ref: OBJECT_META, description: COMMON_KIND_FIELDS['metadata']?.(OBJECT_META, false) },
  };
}

function schemaType(s: JSONSchemaProps): FieldSchema['type'] {
  return TYPES.has(s.type as FieldSchema['type']) ? (s.type as FieldSchema['type']) : undefined;
}

function mapTypeOf(s: JSONSchemaProps): FieldSchema['mapType'] {
  return s.mapType === 'atomic' || s.mapType === 'granular' ? s.mapType : undefined;
}

/** Whether a node becomes a named definition: an object with properties, or an embedded resource. */
function isStruct(s: JSONSchemaProps): boolean {
  return (s.properties !== undefined && s.properties.size > 0) || s.embeddedResource === true;
}

/** Drops keys whose value is undefined, so definitions read (and compare) cleanly. */
function compact<T extends object>(value: T): T {
  for (const key of Object.keys(value) as (keyof T)[]) if (value[key] === undefined) delete value[key];
  return value;
}

class Converter {
  readonly definitions: Record<string, DefinitionSchema> = {};

  constructor(private readonly root: string) {}

  /** The definition of a struct node (its properties converted at `path` below the root). */
  definition(s: JSONSchemaProps, path: string[], isRoot: boolean): DefinitionSchema {
    const properties: Record<string, FieldSchema> = {};
    const standard = isRoot || s.embeddedResource ? typeMetaProperties() : {};
    Object.assign(properties, standard);
    for (const [name, property] of s.properties ?? []) {
      if (!standard[name]) properties[name] = this.field(property, [...path, name]);
    }
    const required = [...(s.required ?? [])];
    if (s.embeddedResource) {
      for (const name of ['kind', 'apiVersion']) if (!required.includes(name)) required.push(name);
    }
    const additional = additionalSchema(s);
    return compact({
      type: 'object' as const,
      description: s.description,
      properties,
      required: required.length ? required : undefined,
      additionalProperties: s.preserveUnknownFields ? {} : additional ? this.field(additional, path) : undefined,
      mapType: mapTypeOf(s),
      inline: isRoot ? undefined : true,
    });
  }

  /** A field, list item or map value; a struct becomes a definition named after its path and is referenced. */
  field(s: JSONSchemaProps, path: string[]): FieldSchema {
    if (isStruct(s)) {
      const name = this.uniqueName(`${this.root}.${path.join('.')}`);
      this.definitions[name] = this.definition(s, path, false);
      return compact({ ref: name, description: s.description });
    }
    const out: FieldSchema = s.intOrString ? { type: 'string', format: 'int-or-string' } : { type: schemaType(s) };
    if (!s.intOrString && FORMATS.has(s.format as SchemaFormat)) out.format = s.format as SchemaFormat;
    if (s.items) out.items = this.field(s.items, path);
    const additional = additionalSchema(s);
    if (additional) out.additionalProperties = this.field(additional, path);
    if (s.enum?.length && s.enum.every((v) => typeof v === 'string')) out.enum = s.enum as string[];
    if (s.listType === 'atomic' || s.listType === 'set' || s.listType === 'map') out.listType = s.listType;
    if (s.listMapKeys?.length) out.listMapKeys = s.listMapKeys;
    out.mapType = mapTypeOf(s);
    out.description = s.description;
    return compact(out);
  }

  /** Property names may contain dots, so two paths can spell the same name; the later one gets a suffix. */
  private uniqueName(name: string): string {
    let candidate = name;
    for (let n = 2; this.definitions[candidate]; n++) candidate = `${name}~${n}`;
    return candidate;
  }
}

/**
 * The schema table of a custom resource version: the kind's root definition (first), its List, and the inline
 * definitions of nested objects. `root` is the root definition's name, for ResourceDefinition.schema.
 */
export function schemaTableFor(
  schema: JSONSchemaProps,
  gvk: GroupVersionKind,
  listKind: string,
): { root: string; table: SchemaTable } {
  const root = customResourceDefinitionName(gvk.group, gvk.version, gvk.kind);
  const list = customResourceDefinitionName(gvk.group, gvk.version, listKind);
  const converter = new Converter(root);
  const rootDefinition: DefinitionSchema = { ...converter.definition(schema, [], true), gvk: [{ ...gvk }] };
  const listDefinition: DefinitionSchema = {
    type: 'object',
    description: listDescription(gvk.kind),
    properties: {
      ...typeMetaProperties(),
      items: { type: 'array', items: { ref: root }, description: COMMON_KIND_FIELDS['items']?.(undefined, true) },
      metadata: { ref: LIST_META, description: COMMON_KIND_FIELDS['metadata']?.(LIST_META, true) },
    },
    required: ['items'],
    gvk: [{ group: gvk.group, version: gvk.version, kind: listKind }],
  };
  return { root, table: { definitions: { [root]: rootDefinition, [list]: listDefinition, ...converter.definitions } } };
}
