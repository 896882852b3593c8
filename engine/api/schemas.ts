// The built-in API schema table at run time: engine/api/generated/schemas.json, read and parsed on first use, with
// our descriptions merged in; plus lookups by group-version-kind.

import { readFileSync } from 'node:fs';
import { applyDescriptions } from './descriptions/apply-descriptions.ts';
import { API_DESCRIPTIONS } from './descriptions/all-descriptions.ts';
import { KIND_DESCRIPTIONS } from './descriptions/kinds.ts';
import type { GroupVersionKind } from './object.ts';
import type { SchemaLookup, SchemaTable } from './schema-table.ts';

const SCHEMAS_URL = new URL('./generated/schemas.json', import.meta.url);

/** A kind served by the built-in API and the definition that is its schema. */
export interface BuiltinKind extends GroupVersionKind {
  definition: string;
}

interface Loaded {
  table: SchemaTable;
  byGVK: Map<string, string>;
  kinds: BuiltinKind[];
}

let loaded: Loaded | undefined;

function load(): Loaded {
  if (loaded) return loaded;
  const table = JSON.parse(readFileSync(SCHEMAS_URL, 'utf8')) as SchemaTable;
  applyDescriptions(table, KIND_DESCRIPTIONS, API_DESCRIPTIONS);
  const byGVK = new Map<string, string>();
  const kinds: BuiltinKind[] = [];
  for (const [definition, schema] of Object.entries(table.definitions)) {
    for (const { group, version, kind } of schema.gvk ?? []) {
      const key = gvkKey(group, version, kind);
      if (byGVK.has(key)) continue;
      byGVK.set(key, definition);
      kinds.push({ group, version, kind, definition });
    }
  }
  loaded = { table, byGVK, kinds };
  return loaded;
}

function gvkKey(group: string, version: string, kind: string): string {
  return `${group}/${version}/${kind}`;
}

/** The built-in definitions (with our descriptions), loaded on first use. */
export const builtinSchemas: SchemaLookup = {
  definition(name) {
    return load().table.definitions[name];
  },
};

/** The whole built-in table, e.g. to publish OpenAPI documents. Shared: copy before changing anything. */
export function builtinSchemaTable(): SchemaTable {
  return load().table;
}

/** The definition name that is the schema of a kind, e.g. ("apps", "v1", "Deployment") → "io.k8s.api.apps.v1.Deployment". */
export function definitionForGVK(group: string, version: string, kind: string): string | undefined {
  return load().byGVK.get(gvkKey(group, version, kind));
}

/** Every group-version-kind the built-in table has a schema for (including Lists and meta kinds like DeleteOptions). */
export function builtinKinds(): readonly BuiltinKind[] {
  return load().kinds;
}
