// A client-side cache of objects keyed by namespace/name, with secondary indexes (by namespace, by node name…),
// as client-go's cache.Indexer. Informers fill it; listers read it. Objects in it are shared: copy before changing.

import type { KubeObject } from '../api/object.ts';

export type IndexFunction = (obj: KubeObject) => string[];

/** The key of an object in caches and work queues: "namespace/name", or "name" for cluster-scoped objects. */
export function objectKeyOf(obj: KubeObject): string {
  const { namespace, name = '' } = obj.metadata;
  return namespace ? `${namespace}/${name}` : name;
}

export const NAMESPACE_INDEX = 'namespace';

export const namespaceIndex: IndexFunction = (obj) => [obj.metadata.namespace ?? ''];

export class Indexer {
  private readonly items = new Map<string, KubeObject>();
  private readonly indices = new Map<string, Map<string, Set<string>>>();

  constructor(private readonly indexers: Record<string, IndexFunction> = { [NAMESPACE_INDEX]: namespaceIndex }) {
    for (const name of Object.keys(indexers)) this.indices.set(name, new Map());
  }

  get size(): number {
    return this.items.size;
  }

  get(key: string): KubeObject | undefined {
    return this.items.get(key);
  }

  list(): KubeObject[] {
    return [...this.items.values()];
  }

  keys(): string[] {
    return [...this.items.keys()];
  }

  /** Objects whose index `indexName` yields `value`. */
  byIndex(indexName: string, value: string): KubeObject[] {
    const keys = this.indices.get(indexName)?.get(value);
    if (!keys) return [];
    return [...keys].map((k) => this.items.get(k)!).filter(Boolean);
  }

  upsert(obj: KubeObject): KubeObject | undefined {
    const key = objectKeyOf(obj);
    const old = this.items.get(key);
    if (old) this.unindex(key, old);
    this.items.set(key, obj);
    this.index(key, obj);
    return old;
  }

  remove(key: string): KubeObject | undefined {
    const old = this.items.get(key);
    if (!old) return undefined;
    this.unindex(key, old);
    this.items.delete(key);
    return old;
  }

  /** Replaces the whole content (after a relist); returns what disappeared. */
  replace(objects: KubeObject[]): KubeObject[] {
    const incoming = new Set(objects.map(objectKeyOf));
    const gone: KubeObject[] = [];
    for (const [key, obj] of this.items) if (!incoming.has(key)) gone.push(obj);
    for (const obj of gone) this.remove(objectKeyOf(obj));
    for (const obj of objects) this.upsert(obj);
    return gone;
  }

  private index(key: string, obj: KubeObject): void {
    for (const [name, fn] of Object.entries(this.indexers)) {
      const index = this.indices.get(name)!;
      for (const value of fn(obj)) {
        let set = index.get(value);
        if (!set) index.set(value, (set = new Set()));
        set.add(key);
      }
    }
  }

  private unindex(key: string, obj: KubeObject): void {
    for (const [name, fn] of Object.entries(this.indexers)) {
      const index = this.indices.get(name)!;
      for (const value of fn(obj)) {
        const set = index.get(value);
        set?.delete(key);
        if (set?.size === 0) index.delete(value);
      }
    }
  }
}
