// How an item of an associative list is named in a field path: by its key fields (`k:{"name":"nginx"}`, with the
// keys' defaults filled in) for a listType=map list, by its value (`v:"x"`) for a set. Errors read as upstream's.

import { isPlainObject } from '../../api/object.ts';
import { goJsonString } from './go-json.ts';
import { keyElement, valueElement } from './path-element.ts';
import type { ListType } from './type-node.ts';

/** A value that does not fit its schema; the message reads as structured-merge-diff's validation errors. */
export class TypedValueError extends Error {
  constructor(
    message: string,
    /** The path prefix, e.g. `.spec.template.spec.containers[name="nginx"]`. */
    readonly path = '',
  ) {
    super(path ? `${path}: ${message}` : message);
    this.name = 'TypedValueError';
  }
}

/** The path element of a list item; throws TypedValueError when the item cannot be named. */
export function listItemElement(list: ListType, item: unknown): string {
  if (list.keys.length === 0) return setItemElement(item);
  if (item === null) throw new TypedValueError('associative list with keys may not have a null element');
  if (!isPlainObject(item)) throw new TypedValueError('associative list with keys may not have non-map elements');
  const fields: [string, unknown][] = [];
  for (const key of list.keys) {
    if (Object.hasOwn(item, key)) fields.push([key, item[key]]);
    else if (list.keyDefaults?.[key] !== undefined) fields.push([key, list.keyDefaults[key]]);
    else {
      throw new TypedValueError(
        `associative list with keys has an element that omits key field ${goJsonString(key)} (and doesn't have default value)`,
      );
    }
  }
  return keyElement(fields);
}

/** The path element of a list item, or undefined when it cannot be named (read leniently, as upstream does). */
export function listItemElementOrUndefined(list: ListType, item: unknown): string | undefined {
  try {
    return listItemElement(list, item);
  } catch (error) {
    if (error instanceof TypedValueError) return undefined;
    throw error;
  }
}

function setItemElement(item: unknown): string {
  if (item === null) throw new TypedValueError("associative list without keys has an element that's an explicit null");
  if (Array.isArray(item)) throw new TypedValueError('not supported: associative list with lists as elements');
  if (typeof item === 'object')
    throw new TypedValueError("associative list without keys has an element that's a map type");
  return valueElement(item);
}
