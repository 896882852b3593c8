// The map-level directives of strategic merge patch: `$patch: replace | delete` on a map, `$retainKeys` (keys it does
// not list are cleared from the live map), the `$deleteFromPrimitiveList/<list>` and `$setElementOrder/<list>` key
// prefixes, and the clean-up of a value taken whole from the patch (nulls and `$patch` maps dropped).

import type { JsonMap } from './json-value.ts';
import { hasOwn, isJsonMap, setOwn } from './json-value.ts';
import {
  errBadPatchFormatForPrimitiveList,
  errBadPatchFormatForRetainKeys,
  errBadPatchFormatForSetElementOrderList,
  errBadPatchType,
} from './strategic-errors.ts';

export const DIRECTIVE_MARKER = '$patch';
export const DELETE_DIRECTIVE = 'delete';
export const REPLACE_DIRECTIVE = 'replace';
export const MERGE_DIRECTIVE = 'merge';
export const RETAIN_KEYS_DIRECTIVE = '$retainKeys';
export const DELETE_FROM_PRIMITIVE_LIST_PREFIX = '$deleteFromPrimitiveList';
export const SET_ELEMENT_ORDER_PREFIX = '$setElementOrder';

type ListDirectivePrefix = typeof DELETE_FROM_PRIMITIVE_LIST_PREFIX | typeof SET_ELEMENT_ORDER_PREFIX;

/** The list a prefixed key names: "$setElementOrder/containers" → "containers". */
export function extractKey(key: string, prefix: ListDirectivePrefix): string {
  const slash = key.indexOf('/');
  if (slash < 0 || key.slice(0, slash) !== prefix) {
    throw prefix === SET_ELEMENT_ORDER_PREFIX
      ? errBadPatchFormatForSetElementOrderList()
      : errBadPatchFormatForPrimitiveList();
  }
  return key.slice(slash + 1);
}

/** A patch map with `$patch`: "replace" stands for the rest of the map as it is, "delete" for an empty map. */
export function handleDirectiveInMergeMap(patch: JsonMap): JsonMap {
  const directive = patch[DIRECTIVE_MARKER];
  if (directive === REPLACE_DIRECTIVE) {
    delete patch[DIRECTIVE_MARKER];
    return patch;
  }
  if (directive === DELETE_DIRECTIVE) return {};
  throw errBadPatchType(directive, patch);
}

/**
 * `$retainKeys`: every key the patch sets must be listed, and keys of `original` it does not list are cleared. The
 * directive is taken out of the patch.
 */
export function applyRetainKeysDirective(original: JsonMap, patch: JsonMap): void {
  if (!hasOwn(patch, RETAIN_KEYS_DIRECTIVE)) return;
  const retainKeys = patch[RETAIN_KEYS_DIRECTIVE];
  delete patch[RETAIN_KEYS_DIRECTIVE];
  if (!Array.isArray(retainKeys)) throw errBadPatchFormatForRetainKeys();
  const retained = new Set<unknown>(retainKeys);
  for (const [key, value] of Object.entries(patch)) {
    if (
      value === null ||
      key.startsWith(DELETE_FROM_PRIMITIVE_LIST_PREFIX) ||
      key.startsWith(SET_ELEMENT_ORDER_PREFIX)
    ) {
      continue;
    }
    if (!retained.has(key)) throw errBadPatchFormatForRetainKeys();
  }
  for (const key of Object.keys(original)) {
    if (!retained.has(key)) delete original[key];
  }
}

/** Drops null members of maps at any depth (in place); nulls in lists stay. */
export function discardNullValues(value: unknown): void {
  if (Array.isArray(value)) {
    value.forEach(discardNullValues);
  } else if (isJsonMap(value)) {
    for (const [key, member] of Object.entries(value)) {
      if (member === null) delete value[key];
      else discardNullValues(member);
    }
  }
}

/** Drops maps that carry `$patch` (in place); undefined when `value` itself is one. */
export function removeDirectives(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(removeDirectives).filter((item) => item !== undefined);
  }
  if (!isJsonMap(value)) return value;
  if (hasOwn(value, DIRECTIVE_MARKER)) return undefined;
  for (const [key, member] of Object.entries(value)) {
    const kept = removeDirectives(member);
    if (kept === undefined) delete value[key];
    else setOwn(value, key, kept);
  }
  return value;
}
