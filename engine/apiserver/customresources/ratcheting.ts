// Validation ratcheting (CRDValidationRatcheting, beta and on in v1.32): on update, schema errors in a value that
// did not change are not reported, so a tightened schema does not block writes that leave old data alone. A
// correlation pairs a node of the new object with the node of the old object at the same place: fields by name,
// items of x-kubernetes-list-type=map lists by their keys (other list items never correlate), as
// k8s.io/apiserver/pkg/cel/common CorrelatedObject does, with its schema-aware, cached deep equality.

import { deepEqual } from '../../api/json.ts';
import { isPlainObject } from '../../api/object.ts';
import { fieldSchema, ownValue } from './schema-props.ts';
import type { JSONSchemaProps } from './schema-props.ts';

/** The key of a list-map item: the values of its key fields (absent keys read as null). */
function mapKey(item: unknown, keys: readonly string[]): string | undefined {
  if (!isPlainObject(item)) return undefined;
  return JSON.stringify(keys.map((k) => ownValue(item, k) ?? null));
}

export class Correlation {
  private equal: boolean | undefined;
  private readonly children = new Map<string | number, Correlation | undefined>();
  private oldItems: Map<string, unknown> | undefined;

  constructor(
    readonly value: unknown,
    readonly old: unknown,
    readonly schema: JSONSchemaProps,
  ) {}

  /** The correlation of field `name`, when both objects have it and the schema describes it. */
  key(name: string): Correlation | undefined {
    if (this.children.has(name)) return this.children.get(name);
    let child: Correlation | undefined;
    const schema = fieldSchema(this.schema, name);
    if (isPlainObject(this.value) && isPlainObject(this.old) && schema) {
      if (Object.hasOwn(this.value, name) && Object.hasOwn(this.old, name)) {
        child = new Correlation(this.value[name], this.old[name], schema);
      }
    }
    this.children.set(name, child);
    return child;
  }

  /** The correlation of item `i` of a list-map: the old item with the same keys. */
  index(i: number): Correlation | undefined {
    if (this.children.has(i)) return this.children.get(i);
    let child: Correlation | undefined;
    const items = this.schema.items;
    if (Array.isArray(this.value) && Array.isArray(this.old) && i < this.value.length && items) {
      const old = this.oldItem(this.value[i]);
      if (old !== undefined && old !== null) child = new Correlation(this.value[i], old, items);
    }
    this.children.set(i, child);
    return child;
  }

  private oldItem(item: unknown): unknown {
    if (this.schema.listType !== 'map' || !Array.isArray(this.old)) return undefined;
    const keys = this.schema.listMapKeys ?? [];
    if (!this.oldItems) {
      this.oldItems = new Map();
      for (const old of this.old) {
        const key = mapKey(old, keys);
        if (key !== undefined) this.oldItems.set(key, old);
      }
    }
    const key = mapKey(item, keys);
    return key === undefined ? undefined : this.oldItems.get(key);
  }

  /** Whether the new value equals the old one (computed once). */
  unchanged(): boolean {
    this.equal ??= this.compare();
    return this.equal;
  }

  private compare(): boolean {
    const { value, old } = this;
    if (value === null || old === null) return value === old;
    if (Array.isArray(value) !== Array.isArray(old) || isPlainObject(value) !== isPlainObject(old)) return false;
    if (Array.isArray(value) && Array.isArray(old)) {
      if (value.length !== old.length) return false;
      for (let i = 0; i < value.length; i++) {
        const child = this.index(i);
        if (!child) return this.schema.listType === 'map' ? false : deepEqual(old, value);
        if (!child.unchanged()) return false;
      }
      return true;
    }
    if (isPlainObject(value) && isPlainObject(old)) {
      const keys = Object.keys(value);
      if (keys.length !== Object.keys(old).length) return false;
      return keys.every((k) => this.key(k)?.unchanged() === true);
    }
    return deepEqual(old, value);
  }
}
