// Merges our descriptions into a schema table: a description for every kind (and its List), the fields every kind
// shares (apiVersion, kind, metadata, items), then the per-definition descriptions, which win over the generic ones.

import type { DefinitionSchema, SchemaTable } from '../schema-table.ts';
import { COMMON_KIND_FIELDS, listDescription } from './common-fields.ts';
import type { DescriptionTable } from './definition-descriptions.ts';

/** Writes descriptions into `table` (which the caller owns) and returns it. */
export function applyDescriptions(
  table: SchemaTable,
  kinds: Record<string, string>,
  descriptions: DescriptionTable,
): SchemaTable {
  for (const definition of Object.values(table.definitions)) describeKind(definition, kinds);
  for (const [name, described] of Object.entries(descriptions)) {
    const definition = table.definitions[name];
    if (!definition) continue;
    if (described.description) definition.description = described.description;
    for (const [field, text] of Object.entries(described.fields ?? {})) {
      const property = definition.properties?.[field];
      if (property) property.description = text;
    }
  }
  return table;
}

function describeKind(definition: DefinitionSchema, kinds: Record<string, string>): void {
  const kind = definition.gvk?.[0]?.kind;
  if (!kind) return;
  const isList = kind.endsWith('List') && definition.properties?.items !== undefined;
  const description = kinds[kind] ?? (isList ? listDescription(kind.slice(0, -'List'.length)) : undefined);
  if (description) definition.description = description;
  for (const [field, property] of Object.entries(definition.properties ?? {})) {
    const text = COMMON_KIND_FIELDS[field]?.(property.ref, isList);
    if (text) property.description = text;
  }
}
