// The schema of an object as server-side apply sees it (structured-merge-diff's schema, as kube-openapi's schemaconv
// derives it): scalars, lists (atomic, sets, or maps keyed by fields), maps (structs with declared fields, or
// maps of one element type; granular or atomic), and untyped values. Compiled once per definition from the schema
// table; each struct also records the fields a Go zero value always has, which typed objects are compared with.

import type { DefinitionSchema, FieldSchema, ResolvedSchema, SchemaLookup } from '../../api/schema-table.ts';
import { LIST_KEY_DEFAULTS, NON_POINTER_OPTIONAL_FIELDS } from './go-type-facts.ts';

export type ScalarKind = 'numeric' | 'string' | 'boolean' | 'untyped';

export interface ScalarType {
  readonly kind: 'scalar';
  readonly scalar: ScalarKind;
}

export interface ListType {
  readonly kind: 'list';
  readonly atomic: boolean;
  /** The key fields of a listType=map list; empty for a set. */
  readonly keys: readonly string[];
  readonly element: TypeNode;
  /** Defaults of key fields that items may leave out. */
  readonly keyDefaults: Readonly<Record<string, string>> | undefined;
}

/** A field that a Go zero value of the struct has: `zero` is its value there, ZERO_STRUCT for a nested struct. */
export interface ImplicitField {
  readonly name: string;
  readonly zero: unknown;
}

/** What a map holds; shared by the variants of a definition that a field makes atomic or granular. */
export interface MapShape {
  readonly fields: ReadonlyMap<string, TypeNode>;
  /** The type of keys that are not declared fields; undefined when no other keys are allowed. */
  readonly element: TypeNode | undefined;
  readonly implicit: readonly ImplicitField[];
}

export interface MapType {
  readonly kind: 'map';
  readonly atomic: boolean;
  readonly shape: MapShape;
}

/** Any value: `atomic` owns maps and lists as a whole; otherwise maps are granular and lists atomic ("deduced"). */
export interface UntypedType {
  readonly kind: 'untyped';
  readonly atomic: boolean;
}

export type TypeNode = ScalarType | ListType | MapType | UntypedType;

/** The value of a nested struct in a Go zero value. */
export const ZERO_STRUCT: Readonly<Record<string, never>> = Object.freeze({});

const UNTYPED_ATOMIC: UntypedType = { kind: 'untyped', atomic: true };
const DEDUCED: UntypedType = { kind: 'untyped', atomic: false };

/** Any value, maps granular: the type taken for keys the schema does not know, in objects read leniently. */
export const ANY_TYPE: TypeNode = DEDUCED;
const UNTYPED_SCALAR: ScalarType = { kind: 'scalar', scalar: 'untyped' };
const DEDUCED_MAP: MapType = {
  kind: 'map',
  atomic: false,
  shape: { fields: new Map(), element: DEDUCED, implicit: [] },
};
const ATOMIC_MAP: MapType = {
  kind: 'map',
  atomic: true,
  shape: { fields: new Map(), element: UNTYPED_ATOMIC, implicit: [] },
};
const ATOMIC_LIST: ListType = { kind: 'list', atomic: true, keys: [], element: UNTYPED_ATOMIC, keyDefaults: undefined };

const QUANTITY = 'io.k8s.apimachinery.pkg.api.resource.Quantity';
const RAW_EXTENSION = 'io.k8s.apimachinery.pkg.runtime.RawExtension';
const INT_OR_STRING = 'io.k8s.apimachinery.pkg.util.intstr.IntOrString';
const TIMES = new Set(['io.k8s.apimachinery.pkg.apis.meta.v1.Time', 'io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime']);

/** The concrete shape a value takes under a type: untyped types take the shape of the value. */
export function resolveType(type: TypeNode, value: unknown): ScalarType | ListType | MapType {
  if (type.kind !== 'untyped') return type;
  if (Array.isArray(value)) return ATOMIC_LIST;
  if (value !== null && typeof value === 'object') return type.atomic ? ATOMIC_MAP : DEDUCED_MAP;
  return UNTYPED_SCALAR;
}

/** The type of a map's key: its declared field, or the element type; undefined when the key is not allowed. */
export function fieldType(map: MapType, key: string): TypeNode | undefined {
  return map.shape.fields.get(key) ?? map.shape.element;
}

/** The value a Go zero struct has at `key`, or undefined when a zero struct does not have the key. */
export function implicitZero(map: MapType, key: string): unknown {
  for (const field of map.shape.implicit) if (field.name === key) return field.zero;
  return undefined;
}

const compiled = new WeakMap<DefinitionSchema, TypeNode>();
const compiledRoots = new WeakMap<DefinitionSchema, TypeNode>();

/** Compiles the schema of a kind (or of any node) for server-side apply. */
export function compileSchema(lookup: SchemaLookup, schema: ResolvedSchema): TypeNode {
  const compiler = new Compiler(lookup);
  if (schema.field) return compiler.field(schema.field);
  if (schema.definition) return compiler.definition(undefined, schema.definition);
  return schema.type ? primitive(schema.type, schema.format) : DEDUCED;
}

class Compiler {
  constructor(private readonly lookup: SchemaLookup) {}

  named(name: string): TypeNode {
    if (name === QUANTITY) return UNTYPED_SCALAR;
    if (name === RAW_EXTENSION) return UNTYPED_ATOMIC;
    const definition = this.lookup.definition(name);
    return definition ? this.definition(name, definition) : DEDUCED;
  }

  /**
   * Each definition is compiled once, named or given as a root without its name (apart: the implicit fields of a
   * named one depend on its name).
   */
  definition(name: string | undefined, definition: DefinitionSchema): TypeNode {
    const cache = name === undefined ? compiledRoots : compiled;
    const cached = cache.get(definition);
    if (cached) return cached;
    const properties = Object.entries(definition.properties ?? {});
    if (properties.length === 0 && definition.type !== 'object') {
      const node = definition.type ? primitive(definition.type, definition.format) : DEDUCED;
      cache.set(definition, node);
      return node;
    }
    const fields = new Map<string, TypeNode>();
    const shape = { fields, element: undefined as TypeNode | undefined, implicit: [] as ImplicitField[] };
    const node: MapType = { kind: 'map', atomic: definition.mapType === 'atomic', shape };
    cache.set(definition, node);
    for (const [property, field] of properties) fields.set(property, this.field(field));
    if (definition.additionalProperties) shape.element = this.field(definition.additionalProperties);
    else if (properties.length === 0) shape.element = DEDUCED;
    shape.implicit = this.implicitFields(name, definition);
    return node;
  }

  field(field: FieldSchema): TypeNode {
    if (field.ref) {
      const base = this.named(field.ref);
      if (field.mapType && base.kind === 'map') return { ...base, atomic: field.mapType === 'atomic' };
      return base;
    }
    switch (field.type) {
      case 'array':
        return this.list(field);
      case 'object': {
        const element = field.additionalProperties ? this.field(field.additionalProperties) : DEDUCED;
        return { kind: 'map', atomic: field.mapType === 'atomic', shape: { fields: new Map(), element, implicit: [] } };
      }
      case undefined:
        return DEDUCED;
      default:
        return primitive(field.type, field.format);
    }
  }

  private list(field: FieldSchema): ListType {
    let atomic = true;
    let keys: readonly string[] = [];
    if (field.listType === 'set') atomic = false;
    else if (field.listType === 'map') {
      atomic = !field.listMapKeys?.length;
      keys = field.listMapKeys ?? [];
    } else if (!field.listType && (field.patchStrategy === 'merge' || field.patchStrategy === 'merge,retainKeys')) {
      atomic = false;
      keys = field.patchMergeKey ? [field.patchMergeKey] : [];
    }
    const element = field.items ? this.field(field.items) : UNTYPED_ATOMIC;
    const keyDefaults = field.items?.ref ? LIST_KEY_DEFAULTS[field.items.ref] : undefined;
    return { kind: 'list', atomic, keys, element, keyDefaults };
  }

  /** Required (not omitempty) fields, the metadata/spec/status structs, and Go's other non-pointer fields. */
  private implicitFields(name: string | undefined, definition: DefinitionSchema): ImplicitField[] {
    const properties = definition.properties ?? {};
    const out: ImplicitField[] = [];
    const seen = new Set<string>();
    const add = (property: string, zero: unknown): void => {
      if (seen.has(property) || !properties[property]) return;
      seen.add(property);
      out.push({ name: property, zero });
    };
    for (const property of definition.required ?? []) add(property, this.requiredZero(properties[property]));
    for (const property of ['metadata', 'spec', 'status']) {
      const ref = properties[property]?.ref;
      if (ref && this.isStruct(ref)) add(property, ZERO_STRUCT);
    }
    for (const property of NON_POINTER_OPTIONAL_FIELDS[name ?? ''] ?? []) {
      const ref = properties[property]?.ref;
      if (ref) add(property, this.refZero(ref));
    }
    return out;
  }

  private isStruct(ref: string): boolean {
    const definition = this.lookup.definition(ref);
    return (
      !!definition &&
      ref !== QUANTITY &&
      ref !== RAW_EXTENSION &&
      (definition.type === 'object' || Object.keys(definition.properties ?? {}).length > 0)
    );
  }

  /** What Go writes for a non-pointer field of a named type when it is zero. */
  private refZero(ref: string): unknown {
    if (TIMES.has(ref) || ref === RAW_EXTENSION) return null;
    if (ref === QUANTITY) return '0';
    if (ref === INT_OR_STRING) return 0;
    if (this.isStruct(ref)) return this.lookup.definition(ref)?.mapType === 'atomic' ? null : ZERO_STRUCT;
    const definition = this.lookup.definition(ref);
    return scalarZero(definition?.type, definition?.format);
  }

  private requiredZero(field: FieldSchema | undefined): unknown {
    if (!field) return null;
    if (field.ref) return this.refZero(field.ref);
    return scalarZero(field.type, field.format);
  }
}

function scalarZero(type: string | undefined, format: string | undefined): unknown {
  switch (type) {
    case 'string':
      return format === 'byte' ? null : '';
    case 'integer':
    case 'number':
      return 0;
    case 'boolean':
      return false;
    default:
      return null;
  }
}

function primitive(type: string | undefined, format: string | undefined): ScalarType {
  switch (type) {
    case 'integer':
    case 'number':
      return { kind: 'scalar', scalar: 'numeric' };
    case 'boolean':
      return { kind: 'scalar', scalar: 'boolean' };
    case 'string':
      return { kind: 'scalar', scalar: !format || format === 'byte' ? 'string' : 'untyped' };
    default:
      return UNTYPED_SCALAR;
  }
}
