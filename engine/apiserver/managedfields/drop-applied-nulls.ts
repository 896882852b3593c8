// An applied configuration may say `annotations:` (null) or `replicas: null`. Merging keeps such nulls, as upstream
// does while it computes ownership; decoding the result into the Go type then drops them. This drops them from the
// merged object the same way, wherever the configuration put them.

import { isPlainObject } from '../../api/object.ts';
import { listItemElementOrUndefined } from './list-item-key.ts';
import type { TypeNode } from './type-node.ts';
import { ANY_TYPE, fieldType, resolveType } from './type-node.ts';

/** Deletes, in place, the null members of `object` that are null in `config`. */
export function dropAppliedNulls(object: unknown, config: unknown, type: TypeNode): void {
  const resolved = resolveType(type, config);
  if (resolved.kind === 'map' && !resolved.atomic && isPlainObject(object) && isPlainObject(config)) {
    for (const key in config) {
      const child = config[key];
      if (child === null && object[key] === null) delete object[key];
      else if (child !== null && typeof child === 'object') {
        dropAppliedNulls(object[key], child, fieldType(resolved, key) ?? ANY_TYPE);
      }
    }
  } else if (resolved.kind === 'list' && !resolved.atomic && Array.isArray(object) && Array.isArray(config)) {
    const byElement = new Map<string, unknown>();
    for (const item of object) {
      const element = listItemElementOrUndefined(resolved, item);
      if (element !== undefined) byElement.set(element, item);
    }
    for (const item of config) {
      const element = listItemElementOrUndefined(resolved, item);
      if (element !== undefined) dropAppliedNulls(byElement.get(element), item, resolved.element);
    }
  }
}
