// The schemas the server knows right now: the built-in table plus one table per served CustomResourceDefinition,
// added and dropped as CRDs come and go. Patches, server-side apply, validation and OpenAPI read through it.

import type { DefinitionSchema, SchemaLookup, SchemaTable } from '../../api/schema-table.ts';

export class SchemaRegistry implements SchemaLookup {
  private readonly custom = new Map<string, SchemaTable>();
  /** Definitions already found, until the tables change: every write looks definitions up many times. */
  private readonly found = new Map<string, DefinitionSchema>();

  constructor(private readonly builtin: SchemaLookup) {}

  definition(name: string): DefinitionSchema | undefined {
    let definition = this.found.get(name);
    if (definition) return definition;
    definition = this.lookUp(name);
    if (definition) this.found.set(name, definition);
    return definition;
  }

  /** Sets (or replaces) the tables contributed by one owner, e.g. a CRD by name. */
  set(owner: string, table: SchemaTable): void {
    this.custom.set(owner, table);
    this.found.clear();
  }

  remove(owner: string): void {
    this.custom.delete(owner);
    this.found.clear();
  }

  private lookUp(name: string): DefinitionSchema | undefined {
    for (const table of this.custom.values()) {
      const found = table.definitions[name];
      if (found) return found;
    }
    return this.builtin.definition(name);
  }
}
