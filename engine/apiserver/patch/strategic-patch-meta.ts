// Strategic merge patch metadata from the schema tables: for a field, its patch strategy, its merge key and the
// schema of what it holds (of its items, for a list) — what LookupPatchMeta reads from Go struct tags upstream. Where
// the schema knows nothing (an unknown field, free-form JSON) a field has no strategy: maps still merge and lists are
// replaced, as in a JSON merge patch.

import type { FieldSchema, ResolvedSchema, SchemaLookup } from '../../api/schema-table.ts';
import { itemsOf, resolveField } from '../../api/schema-table.ts';
import { errOther } from './strategic-errors.ts';

export interface PatchMeta {
  /** The schema of the field's value (of its items, for a list); undefined where nothing is known. */
  schema: ResolvedSchema | undefined;
  /** "merge", "replace" or "": "retainKeys" is set aside, as it acts only through the $retainKeys directive. */
  strategy: string;
  mergeKey: string;
}

const RETAIN_KEYS = 'retainKeys';

function fieldOf(lookup: SchemaLookup, node: ResolvedSchema | undefined, key: string): ResolvedSchema | undefined {
  if (!node) return undefined;
  const properties = node.definition?.properties;
  let field: FieldSchema | undefined =
    properties && Object.prototype.hasOwnProperty.call(properties, key) ? properties[key] : undefined;
  field ??= node.definition?.additionalProperties ?? node.field?.additionalProperties;
  return field ? resolveField(lookup, field) : undefined;
}

/** The strategy besides retainKeys (extractRetainKeysPatchStrategy). */
function strategyOf(field: FieldSchema | undefined): string {
  if (field?.patchStrategy === undefined) return '';
  const strategies = field.patchStrategy.split(',');
  const [first = '', second] = strategies;
  if (strategies.length === 1) return first === RETAIN_KEYS ? '' : first;
  if (strategies.length === 2 && first === RETAIN_KEYS) return second ?? '';
  if (strategies.length === 2 && second === RETAIN_KEYS) return first;
  throw errOther(`unexpected patch strategy: [${strategies.join(' ')}]`);
}

/** Metadata of field `key` of the object `node` describes, when its value is a map. */
export function mapFieldMeta(lookup: SchemaLookup, node: ResolvedSchema | undefined, key: string): PatchMeta {
  const field = fieldOf(lookup, node, key);
  return { schema: field, strategy: strategyOf(field?.field), mergeKey: field?.field?.patchMergeKey ?? '' };
}

/** Metadata of field `key` of the object `node` describes, when its value is a list: `schema` is that of the items. */
export function listFieldMeta(lookup: SchemaLookup, node: ResolvedSchema | undefined, key: string): PatchMeta {
  const field = fieldOf(lookup, node, key);
  return {
    schema: field && itemsOf(lookup, field),
    strategy: strategyOf(field?.field),
    mergeKey: field?.field?.patchMergeKey ?? '',
  };
}

const STRUCT_FORMATS = new Set(['quantity', 'int-or-string', 'date-time', 'time', 'micro-time']);

/** The Go kind of a list's items, as "cannot merge lists without merge key for <kind>" names it. */
export function goKindOfItems(items: ResolvedSchema | undefined): string {
  if (!items) return 'interface';
  if ((items.definition && items.type === 'object') || (items.format && STRUCT_FORMATS.has(items.format))) {
    return 'struct';
  }
  switch (items.type) {
    case 'string':
      return items.format === 'byte' ? 'slice' : 'string';
    case 'boolean':
      return 'bool';
    case 'integer':
      return items.format === 'int32' ? 'int32' : 'int64';
    case 'number':
      return 'float64';
    case 'array':
      return 'slice';
    case 'object':
      return 'map';
    default:
      return 'interface';
  }
}
