// The set of fields a value specifies (structured-merge-diff's TypedValue.ToFieldSet): every scalar, every atomic
// list or map as a whole, every associative list item, every key of a map that is not a declared struct field, and
// struct fields that are null or empty. This is what an applier owns: the fields of its applied configuration.

import { isPlainObject } from '../../api/object.ts';
import type { FieldSet, MutableFieldSet } from './field-set.ts';
import { insertPath, newFieldSet } from './field-set.ts';
import { listItemElementOrUndefined } from './list-item-key.ts';
import { fieldElement } from './path-element.ts';
import type { ListType, MapType, TypeNode } from './type-node.ts';
import { fieldType, resolveType } from './type-node.ts';

export function toFieldSet(value: unknown, type: TypeNode): FieldSet {
  const set = newFieldSet();
  walk(value, type, [], set);
  return set;
}

function walk(value: unknown, type: TypeNode, path: string[], set: MutableFieldSet): void {
  const resolved = resolveType(type, value);
  switch (resolved.kind) {
    case 'scalar':
      insertPath(set, path);
      return;
    case 'list':
      if (resolved.atomic) insertPath(set, path);
      else if (Array.isArray(value)) visitList(value, resolved, path, set);
      return;
    case 'map':
      if (resolved.atomic) insertPath(set, path);
      else if (isPlainObject(value)) visitMap(value, resolved, path, set);
      return;
  }
}

function visitList(items: unknown[], list: ListType, path: string[], set: MutableFieldSet): void {
  const elements = items.map((item) => listItemElementOrUndefined(list, item));
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const element of elements) {
    if (element === undefined) continue;
    if (seen.has(element) && !duplicates.has(element)) {
      duplicates.add(element);
      path.push(element);
      insertPath(set, path);
      path.pop();
    }
    seen.add(element);
  }
  items.forEach((item, i) => {
    const element = elements[i];
    if (element === undefined || duplicates.has(element)) return;
    path.push(element);
    walk(item, list.element, path, set);
    insertPath(set, path);
    path.pop();
  });
}

function visitMap(value: Record<string, unknown>, map: MapType, path: string[], set: MutableFieldSet): void {
  for (const key in value) {
    const child = value[key];
    const type = fieldType(map, key);
    if (child === undefined || !type) continue;
    path.push(fieldElement(key));
    walk(child, type, path, set);
    if (child === null || (isPlainObject(child) && isEmptyObject(child)) || !map.shape.fields.has(key)) {
      insertPath(set, path);
    }
    path.pop();
  }
}

function isEmptyObject(value: Record<string, unknown>): boolean {
  for (const _ in value) return false;
  return true;
}
