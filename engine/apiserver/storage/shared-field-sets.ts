// One frozen copy of each managedFields fieldsV1 tree the watch cache holds. kube-apiserver keeps a FieldsV1 as raw
// bytes; decoded here it is a tree of many small objects, and the pods of one ReplicaSet carry identical ones (the
// controller's fields at creation, the kubelet's status fields), so the cache's objects share them: 150,000 pods
// hold a few trees instead of hundreds of thousands. The trees are frozen: whoever changes one must copy it first,
// as every holder of a cached object must. The table is bounded; a full one starts over.

import { isPlainObject } from '../../api/object.ts';
import type { JsonObject, KubeObject } from '../../api/object.ts';

const MAX_TREES = 10_000;

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

export class SharedFieldSets {
  private readonly trees = new Map<string, JsonObject>();

  /** Replaces each fieldsV1 of `obj`'s managedFields by the shared frozen tree equal to it; returns `obj`. */
  share(obj: KubeObject): KubeObject {
    const entries = obj.metadata.managedFields;
    if (!Array.isArray(entries)) return obj;
    for (const entry of entries) {
      const tree = entry.fieldsV1;
      if (!isPlainObject(tree)) continue;
      const key = JSON.stringify(tree);
      let shared = this.trees.get(key);
      if (!shared) {
        if (this.trees.size >= MAX_TREES) this.trees.clear();
        shared = deepFreeze(tree);
        this.trees.set(key, shared);
      }
      entry.fieldsV1 = shared;
    }
    return obj;
  }

  get size(): number {
    return this.trees.size;
  }
}
