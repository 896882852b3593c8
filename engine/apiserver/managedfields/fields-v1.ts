// The FieldsV1 wire format of field sets, as managedFields entries carry them:
// `{"f:metadata":{"f:labels":{".":{},"f:app":{}}}}` — a key per path element, `{}` for a member without children,
// and "." inside a subtree when the path itself is also a member. Keys come out in upstream's element order.

import type { JsonObject, JsonValue } from '../../api/object.ts';
import { isPlainObject } from '../../api/object.ts';
import type { FieldSet, MutableFieldSet } from './field-set.ts';
import { EMPTY_SET } from './field-set.ts';
import { UnknownElementTypeError, canonicalElement, sortElements } from './path-element.ts';

export function encodeFieldsV1(set: FieldSet): JsonObject {
  return emit(set, false);
}

function emit(set: FieldSet, includeSelf: boolean): { [key: string]: JsonValue } {
  const out: { [key: string]: JsonValue } = {};
  if (includeSelf) out['.'] = {};
  // Most nodes have a single child: nothing to sort.
  for (const element of set.size === 1 ? set.keys() : sortElements(set.keys())) {
    const node = set.get(element)!;
    out[element] = node.children ? emit(node.children, node.member) : {};
  }
  return out;
}

/** Reads FieldsV1; throws on malformed content. Keys with an unknown element type are skipped, as upstream does. */
export function decodeFieldsV1(fields: unknown): FieldSet {
  return read(fields).children ?? EMPTY_SET;
}

function read(value: unknown): { children: MutableFieldSet | undefined; member: boolean } {
  if (!isPlainObject(value)) throw new Error('ReadMapCB: expect { or n, but found invalid FieldsV1 content');
  let member = false;
  let children: MutableFieldSet | undefined;
  for (const key of Object.keys(value)) {
    const sub = value[key];
    if (key === '.') {
      member = true;
      continue;
    }
    let element: string;
    try {
      element = canonicalElement(key);
    } catch (error) {
      if (error instanceof UnknownElementTypeError) continue;
      throw new Error(`parsing key as path element: ${(error as Error).message}`, { cause: error });
    }
    const child = read(sub);
    children ??= new Map();
    const existing = children.get(element);
    children.set(element, {
      member: child.member || (existing?.member ?? false),
      children: mergeChildren(existing?.children, child.children),
    });
  }
  return { children, member: member || children === undefined };
}

function mergeChildren(a: MutableFieldSet | undefined, b: MutableFieldSet | undefined): MutableFieldSet | undefined {
  if (!a) return b;
  if (!b) return a;
  for (const [element, node] of b) {
    const existing = a.get(element);
    a.set(element, {
      member: node.member || (existing?.member ?? false),
      children: mergeChildren(existing?.children, node.children),
    });
  }
  return a;
}
