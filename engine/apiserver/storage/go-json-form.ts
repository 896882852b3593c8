// The JSON form Go's encoder gives a built-in object, which is what kube-apiserver stores and returns: fields in
// Go struct order, empty omitempty scalars, lists and maps dropped, zero-valued structs written out (`resources: {}`,
// `status: {}`, `creationTimestamp: null` in pod templates), nil pointers without omitempty written as null. The
// facts come from the generated Go field traits (pointer / omitempty) and the schema table.

import { isPlainObject } from '../../api/object.ts';
import type { DefinitionSchema, FieldSchema, SchemaLookup } from '../../api/schema-table.ts';
import type { JsonFieldTrait } from '../protobuf/proto-table.ts';
import { protoTables } from '../protobuf/proto-tables.ts';

const traitCache = new Map<string, Map<string, JsonFieldTrait> | null>();

/** JSON field → Go trait of a definition, inline (embedded) structs included, in Go struct order. */
function traitsOf(definitionName: string): Map<string, JsonFieldTrait> | undefined {
  const cached = traitCache.get(definitionName);
  if (cached !== undefined) return cached ?? undefined;
  const tables = protoTables();
  const messageName = tables.messageOfDefinition.get(definitionName);
  const result = messageName ? new Map<string, JsonFieldTrait>() : null;
  const collect = (name: string) => {
    const own = tables.traits[name] ?? {};
    for (const field of tables.messages[name]?.fields ?? []) {
      if (field.inline) collect(field.type);
      else {
        const json = field.json ?? field.name;
        const trait = own[json];
        if (trait !== undefined) result!.set(json, trait);
      }
    }
  };
  if (messageName) collect(messageName);
  traitCache.set(definitionName, result && result.size > 0 ? result : null);
  return result && result.size > 0 ? result : undefined;
}

function isEmptyValue(value: unknown): boolean {
  if (value === '' || value === 0 || value === false || value === null) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (isPlainObject(value)) return Object.keys(value).length === 0;
  return false;
}

/** How one field of a struct is written, worked out once per definition. */
interface FieldPlan {
  key: string;
  field: FieldSchema | undefined;
  pointer: boolean;
  omitEmpty: boolean;
}

/** A definition's fields in Go struct order with their traits, and the keys the traits cover. */
interface StructPlan {
  definition: DefinitionSchema;
  fields: FieldPlan[];
  traitKeys: Set<string>;
  /** apiVersion and kind when the traits do not place them: they come first. */
  typeMeta: string[];
}

const planCache = new Map<string, StructPlan | null>();

/** The plan of a definition with Go traits (null without); rebuilt when the lookup hands out another definition. */
function planOf(name: string, definition: DefinitionSchema): StructPlan | null {
  const cached = planCache.get(name);
  if (cached !== undefined && (cached === null || cached.definition === definition)) return cached;
  const traits = traitsOf(name);
  let plan: StructPlan | null = null;
  if (traits) {
    const properties = definition.properties ?? {};
    plan = {
      definition,
      fields: [...traits].map(([key, trait]) => ({
        key,
        field: properties[key],
        pointer: trait.includes('p'),
        omitEmpty: trait.includes('o'),
      })),
      traitKeys: new Set(traits.keys()),
      typeMeta: ['apiVersion', 'kind'].filter((key) => !traits.has(key)),
    };
  }
  planCache.set(name, plan);
  return plan;
}

class GoJsonForm {
  constructor(private readonly lookup: SchemaLookup) {}

  /** The zero value Go writes for a missing non-pointer field of this schema (undefined: write nothing). */
  private zero(field: FieldSchema): unknown {
    if (field.ref) {
      const definition = this.lookup.definition(field.ref);
      switch (definition?.format) {
        case 'date-time':
        case 'micro-time':
          return null;
        case 'quantity':
          return '0';
        case 'int-or-string':
          return 0;
      }
      if (definition?.properties) return this.struct({}, field.ref, definition);
      return null;
    }
    switch (field.type) {
      case 'string':
        return field.format === 'byte' ? null : '';
      case 'integer':
      case 'number':
        return 0;
      case 'boolean':
        return false;
      default:
        return null;
    }
  }

  value(value: unknown, field: FieldSchema): unknown {
    if (field.ref) {
      if (!isPlainObject(value)) return value;
      const definition = this.lookup.definition(field.ref);
      return definition?.properties ? this.struct(value, field.ref, definition) : value;
    }
    if (field.type === 'array' && Array.isArray(value) && field.items) {
      const items = field.items;
      const out = new Array<unknown>(value.length);
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i];
        out[i] = item === null ? item : this.value(item, items);
      }
      return out;
    }
    if (field.type === 'object' && isPlainObject(value) && field.additionalProperties) {
      const values = field.additionalProperties;
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(value)) {
        const v = value[k];
        out[k] = v === null ? v : this.value(v, values);
      }
      return out;
    }
    return value;
  }

  struct(value: Record<string, unknown>, name: string, definition: DefinitionSchema): Record<string, unknown> {
    const plan = planOf(name, definition);
    const out: Record<string, unknown> = {};
    if (!plan) {
      const properties = definition.properties ?? {};
      for (const key of Object.keys(value)) {
        const field = properties[key];
        const child = value[key];
        out[key] = field && child !== null && child !== undefined ? this.value(child, field) : child;
      }
      return out;
    }
    for (const key of plan.typeMeta) if (value[key] !== undefined) out[key] = value[key];
    for (const { key, field, pointer, omitEmpty } of plan.fields) {
      const child = value[key];
      if (child === undefined || child === null) {
        if (pointer) {
          if (!omitEmpty) out[key] = null;
          continue;
        }
        if (!field) continue;
        const zero = this.zero(field);
        const isStruct = field.ref !== undefined;
        if (isStruct || !omitEmpty) out[key] = zero;
        continue;
      }
      const normalized = field ? this.value(child, field) : child;
      if (omitEmpty && !pointer && field && !field.ref && isEmptyValue(normalized)) continue;
      out[key] = normalized;
    }
    for (const key of Object.keys(value)) if (!(key in out) && !plan.traitKeys.has(key)) out[key] = value[key];
    return out;
  }
}

/** Rewrites a built-in object into the form Go would serialise it in; objects of unknown kinds come back unchanged. */
export function goJsonForm<T extends Record<string, unknown>>(obj: T, definitionName: string, lookup: SchemaLookup): T {
  const definition = lookup.definition(definitionName);
  if (!definition?.properties) return obj;
  return new GoJsonForm(lookup).struct(obj, definitionName, definition) as T;
}
