// The garbage collector's cache of owners the API server said do not exist (upstream's absentOwnerCache, a
// ReferenceCache of 500): a bounded least-recently-used set of identities, shared by the graph builder and the workers.

import type { ObjectIdentity } from './graph.ts';

const keyOf = (id: ObjectIdentity): string => JSON.stringify([id.apiVersion, id.kind, id.namespace, id.name, id.uid]);

export class ReferenceCache {
  private readonly entries = new Set<string>();

  constructor(private readonly capacity = 500) {}

  add(id: ObjectIdentity): void {
    const key = keyOf(id);
    this.entries.delete(key);
    this.entries.add(key);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.values().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
  }

  /** Whether the identity is known absent; a hit makes it the most recently used. */
  has(id: ObjectIdentity): boolean {
    const key = keyOf(id);
    if (!this.entries.has(key)) return false;
    this.entries.delete(key);
    this.entries.add(key);
    return true;
  }
}
