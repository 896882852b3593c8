// Kubernetes strategic merge patch as kube-apiserver applies it (strategicpatch.StrategicMergeMapPatch), driven by the
// schema tables. Maps merge recursively and null deletes a key. Lists with patch strategy "merge" merge their items
// by merge key (containers by name, ports by containerPort…) or, for primitives, by value (finalizers); other lists
// are replaced. Directives: $patch (replace or delete; merge is refused, as upstream), $retainKeys,
// $deleteFromPrimitiveList/<list>, $setElementOrder/<list>. Custom resources do not accept strategic merge patch;
// the caller answers those with a 415 (see acceptedPatchContentTypes in index.ts).

import { deepCopy } from '../../api/object.ts';
import type { ResolvedSchema, SchemaLookup } from '../../api/schema-table.ts';
import { GO_MAP_TYPE, GO_SLICE_TYPE, goTypeOf, goValue } from '../../api/go-format.ts';
import type { JsonMap } from './json-value.ts';
import { getOwn, hasOwn, isJsonMap, jsonKind, setOwn } from './json-value.ts';
import { PatchError } from './patch-error.ts';
import {
  DELETE_DIRECTIVE,
  DELETE_FROM_PRIMITIVE_LIST_PREFIX,
  DIRECTIVE_MARKER,
  MERGE_DIRECTIVE,
  REPLACE_DIRECTIVE,
  SET_ELEMENT_ORDER_PREFIX,
  applyRetainKeysDirective,
  discardNullValues,
  extractKey,
  handleDirectiveInMergeMap,
  removeDirectives,
} from './strategic-directives.ts';
import {
  errBadArgType,
  errBadJsonDoc,
  errBadPatchType,
  errNoListOfLists,
  errNoMergeKey,
  errOther,
} from './strategic-errors.ts';
import {
  findByMergeKey,
  normalizeElementOrder,
  partitionMaps,
  partitionPrimitives,
  validatePatchWithSetOrderList,
} from './strategic-list-order.ts';
import type { PatchMeta } from './strategic-patch-meta.ts';
import { goKindOfItems, listFieldMeta, mapFieldMeta } from './strategic-patch-meta.ts';

type SchemaNode = ResolvedSchema | undefined;

/**
 * Applies a strategic merge patch to a copy of `original`, an object of the kind `schema` describes. Failures are
 * PatchErrors with upstream's messages. A null patch changes nothing; a patch that is not an object is a 400.
 */
export function applyStrategicMergePatch(
  original: unknown,
  patch: unknown,
  schema: ResolvedSchema,
  lookup: SchemaLookup,
): unknown {
  if (patch !== null && patch !== undefined && !isJsonMap(patch)) {
    throw new PatchError(
      'BadRequest',
      `json: cannot unmarshal ${jsonKind(patch)} into Go value of type map[string]interface {}`,
    );
  }
  if (!isJsonMap(original)) throw errBadJsonDoc();
  const result = deepCopy(original);
  return isJsonMap(patch) ? mergeMap(result, deepCopy(patch), schema, lookup) : result;
}

/** Merges `patch` into `original`; both are working copies and both change. */
function mergeMap(original: JsonMap, patch: JsonMap, node: SchemaNode, lookup: SchemaLookup): JsonMap {
  if (hasOwn(patch, DIRECTIVE_MARKER)) return handleDirectiveInMergeMap(patch);
  applyRetainKeysDirective(original, patch);
  mergeSetElementOrderLists(original, patch, node, lookup);

  for (const [patchKey, patchValue] of Object.entries(patch)) {
    let key = patchKey;
    let isDeleteList = false;
    if (patchKey.startsWith(DELETE_FROM_PRIMITIVE_LIST_PREFIX)) {
      key = extractKey(patchKey, DELETE_FROM_PRIMITIVE_LIST_PREFIX) || patchKey;
      isDeleteList = true;
    }
    if (patchValue === null) {
      delete original[key];
      continue;
    }
    const originalValue = getOwn(original, key);
    if (originalValue === undefined || goTypeOf(originalValue) !== goTypeOf(patchValue)) {
      if (!isDeleteList) setFromPatch(original, key, patchValue);
      continue;
    }
    if (isJsonMap(originalValue) && isJsonMap(patchValue)) {
      const meta = mapFieldMeta(lookup, node, key);
      const merged =
        meta.strategy === REPLACE_DIRECTIVE ? patchValue : mergeMap(originalValue, patchValue, meta.schema, lookup);
      setOwn(original, key, merged);
    } else if (Array.isArray(originalValue) && Array.isArray(patchValue)) {
      const meta = listFieldMeta(lookup, node, key);
      setOwn(original, key, mergeSliceHandler(originalValue, patchValue, meta, isDeleteList, lookup));
    } else {
      setOwn(original, key, patchValue);
    }
  }
  return original;
}

/** Takes a value whole from the patch, without its nulls and `$patch` maps. */
function setFromPatch(original: JsonMap, key: string, patchValue: unknown): void {
  discardNullValues(patchValue);
  const value = removeDirectives(patchValue);
  if (value === undefined) delete original[key];
  else setOwn(original, key, value);
}

/**
 * `$setElementOrder/<list>`: merges the list (if the patch has it) and orders the result by the directive; the list
 * and the directive are then taken out of the patch.
 */
function mergeSetElementOrderLists(original: JsonMap, patch: JsonMap, node: SchemaNode, lookup: SchemaLookup): void {
  for (const [directiveKey, setElementOrder] of Object.entries(patch)) {
    if (!directiveKey.startsWith(SET_ELEMENT_ORDER_PREFIX)) continue;
    delete patch[directiveKey];
    if (!Array.isArray(setElementOrder)) throw errBadArgType(GO_SLICE_TYPE, setElementOrder);
    const key = extractKey(directiveKey, SET_ELEMENT_ORDER_PREFIX);
    const foundOriginal = hasOwn(original, key);
    const foundPatch = hasOwn(patch, key);
    const originalList = foundOriginal ? listAt(original, key) : [];
    const originalLength = originalList.length;
    const patchList = foundPatch ? listAt(patch, key) : [];
    const meta = listFieldMeta(lookup, node, key);
    validatePatchWithSetOrderList(patchList, setElementOrder, meta.mergeKey);

    let merged: unknown[];
    if (foundOriginal && !foundPatch) merged = originalList;
    else if (!foundOriginal && foundPatch) merged = removeDirectives(patchList) as unknown[];
    else if (foundOriginal && foundPatch) merged = mergeSliceHandler(originalList, patchList, meta, false, lookup);
    else continue;

    const [patchItems, serverOnly] = meta.mergeKey
      ? partitionMaps(merged, setElementOrder, meta.mergeKey)
      : partitionPrimitives(merged, setElementOrder);
    // The live list as upstream sees it now: merging may have edited it in place (see mergeSlice).
    const serverOrder = originalList.slice(0, originalLength);
    const maps = sliceElementType([serverOrder, patchList]) === GO_MAP_TYPE;
    setOwn(
      original,
      key,
      normalizeElementOrder(patchItems, serverOnly, setElementOrder, serverOrder, meta.mergeKey, maps),
    );
    delete patch[key];
  }
}

function listAt(map: JsonMap, key: string): unknown[] {
  const value = map[key];
  if (!Array.isArray(value)) throw errBadArgType(GO_SLICE_TYPE, value);
  return value;
}

function mergeSliceHandler(
  original: unknown[],
  patch: unknown[],
  meta: PatchMeta,
  isDeleteList: boolean,
  lookup: SchemaLookup,
): unknown[] {
  if (meta.strategy !== MERGE_DIRECTIVE && !isDeleteList) return patch;
  return mergeSlice(original, patch, meta, isDeleteList, lookup);
}

/**
 * Merges two lists: primitives by value (or deletes them, for a delete list), maps by merge key. Like upstream, a
 * list of maps is edited in place, the way Go edits a slice: deleting shifts the later items left and appending
 * refills the freed places. The $setElementOrder code reads the live list afterwards and sees those edits.
 */
function mergeSlice(
  original: unknown[],
  patch: unknown[],
  meta: PatchMeta,
  isDeleteList: boolean,
  lookup: SchemaLookup,
): unknown[] {
  if (original.length === 0 && patch.length === 0) return original;
  const maps = sliceElementType([original, patch]) === GO_MAP_TYPE;
  const { mergeKey } = meta;
  if (!maps) {
    if (isDeleteList) return deleteFromSlice(original, patch);
    const merged = deduplicateScalars([...original, ...patch]);
    const [patchItems, serverOnly] = mergeKey
      ? partitionMaps(merged, patch, mergeKey)
      : partitionPrimitives(merged, patch);
    return normalizeElementOrder(patchItems, serverOnly, patch, original, mergeKey, false);
  }
  if (!mergeKey) throw errOther(`cannot merge lists without merge key for ${goKindOfItems(meta.schema)}`);
  const special = mergeSliceWithSpecialElements(original, patch as JsonMap[], mergeKey);
  const live = special.backing.slice(0, special.length);
  const merged = mergeSliceWithoutSpecialElements(special, special.rest, meta, lookup);
  const [patchItems, serverOnly] = partitionMaps(merged, special.rest, mergeKey);
  return normalizeElementOrder(patchItems, serverOnly, special.rest, live, mergeKey, true);
}

/** A Go slice: the first `length` items of `backing`, an array other slices may share. */
interface GoSlice {
  backing: unknown[];
  length: number;
}

/**
 * Applies the `$patch` items of a patch list: deletions edit `original` in place; a replacement makes the patch items
 * the list. Returns the live list so far and the patch items left to merge.
 */
function mergeSliceWithSpecialElements(
  original: unknown[],
  patch: JsonMap[],
  mergeKey: string,
): GoSlice & { rest: JsonMap[] } {
  const live: GoSlice = { backing: original, length: original.length };
  const rest: JsonMap[] = [];
  let replace = false;
  for (const item of patch) {
    if (!hasOwn(item, DIRECTIVE_MARKER)) {
      rest.push(item);
      continue;
    }
    const directive = item[DIRECTIVE_MARKER];
    if (directive === DELETE_DIRECTIVE) {
      if (!hasOwn(item, mergeKey)) throw errNoMergeKey(item, mergeKey);
      deleteMatchingEntries(live, mergeKey, item[mergeKey]);
    } else if (directive === REPLACE_DIRECTIVE) {
      replace = true;
    } else if (directive === MERGE_DIRECTIVE) {
      throw errOther('merging lists cannot yet be specified in the patch');
    } else {
      throw errBadPatchType(directive, item);
    }
  }
  return replace ? { backing: [...rest], length: rest.length, rest: [] } : { ...live, rest };
}

function deleteMatchingEntries(list: GoSlice, mergeKey: string, value: unknown): void {
  for (;;) {
    const index = findByMergeKey(list.backing.slice(0, list.length), mergeKey, value);
    if (index < 0) return;
    list.backing.copyWithin(index, index + 1, list.length);
    list.length--;
  }
}

/** Merges each patch item into the live item with the same merge key, or appends it. */
function mergeSliceWithoutSpecialElements(
  live: GoSlice,
  patch: JsonMap[],
  meta: PatchMeta,
  lookup: SchemaLookup,
): unknown[] {
  const { backing } = live;
  let { length } = live;
  for (const item of patch) {
    if (!hasOwn(item, meta.mergeKey)) throw errNoMergeKey(item, meta.mergeKey);
    const index = findByMergeKey(backing.slice(0, length), meta.mergeKey, item[meta.mergeKey]);
    if (index >= 0) {
      backing[index] = mergeMap(backing[index] as JsonMap, item, meta.schema, lookup);
    } else {
      backing[length] = item;
      length++;
    }
  }
  return backing.slice(0, length);
}

function deleteFromSlice(current: readonly unknown[], toDelete: readonly unknown[]): unknown[] {
  const deleted = new Set(toDelete);
  return current.filter((item) => !deleted.has(item));
}

/** Removes repeated primitives the way upstream does: a repeat is overwritten by the last item, so order shifts. */
function deduplicateScalars(list: unknown[]): unknown[] {
  const s = [...list];
  let last = s.length - 1;
  for (let i = 0; i < last; i++) {
    for (let j = i + 1; j <= last; j++) {
      if (s[i] === s[j]) {
        s[j] = s[last];
        s.length = last;
        last--;
        j--;
      }
    }
  }
  return s;
}

/** The one Go type of the items of all lists; lists of lists are refused. */
function sliceElementType(lists: readonly (readonly unknown[])[]): string | undefined {
  let type: string | undefined;
  let seen = false;
  for (const list of lists) {
    for (const item of list) {
      const itemType = goTypeOf(item);
      if (!seen) {
        seen = true;
        type = itemType;
        if (type === GO_SLICE_TYPE) throw errNoListOfLists();
      } else if (itemType !== type) {
        throw errOther(`list element types are not identical: ${goValue(lists)}`);
      }
    }
  }
  if (!seen) throw errOther('no elements in any of the given slices');
  return type;
}
