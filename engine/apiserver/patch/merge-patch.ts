// RFC 7386 JSON merge patch as kube-apiserver applies it (gopkg.in/evanphx/json-patch.v4 MergePatch): null deletes a
// key, objects merge recursively, anything else replaces. Values that are added lose their null members (also inside
// objects in added lists), and a patch that is a list replaces the whole document.

import { deepCopy } from '../../api/object.ts';
import type { JsonMap } from './json-value.ts';
import { getOwn, isJsonMap, jsonKind, setOwn } from './json-value.ts';
import { PatchError } from './patch-error.ts';

/** Drops null members of objects, at any depth; nulls in lists stay. */
function pruneNulls(value: unknown): unknown {
  if (Array.isArray(value)) {
    value.forEach(pruneNulls);
  } else if (isJsonMap(value)) {
    for (const [key, member] of Object.entries(value)) {
      if (member === null) delete value[key];
      else pruneNulls(member);
    }
  }
  return value;
}

function merge(current: unknown, patch: unknown): unknown {
  if (!isJsonMap(current)) return pruneNulls(patch);
  if (!isJsonMap(patch)) return patch;
  mergeInto(current, patch);
  return current;
}

function mergeInto(doc: JsonMap, patch: JsonMap): void {
  for (const [key, value] of Object.entries(patch)) {
    const current = getOwn(doc, key);
    if (value === null) delete doc[key];
    else if (current === undefined || current === null) setOwn(doc, key, pruneNulls(value));
    else setOwn(doc, key, merge(current, value));
  }
}

/**
 * Applies a merge patch to a copy of `original`. A null document is a 500 ("Invalid JSON Document"); a patch that is
 * null or neither an object nor a list is a 400 ("Invalid JSON Patch").
 */
export function applyMergePatch(original: unknown, patch: unknown): unknown {
  if (original === null || original === undefined) throw new PatchError('Unknown', 'Invalid JSON Document');
  if (Array.isArray(patch)) return pruneNulls(deepCopy(patch));
  if (!isJsonMap(patch)) throw new PatchError('BadRequest', 'Invalid JSON Patch');
  if (!isJsonMap(original)) return pruneNulls(deepCopy(patch));
  const doc = deepCopy(original);
  mergeInto(doc, deepCopy(patch));
  return doc;
}

/** With fieldValidation Strict or Warn the body is first decoded into a map: anything but an object or null is a 400. */
export function decodeMergePatch(body: unknown, strict: boolean): unknown {
  if (strict && body !== null && !isJsonMap(body)) {
    throw new PatchError(
      'BadRequest',
      `error decoding patch: json: cannot unmarshal ${jsonKind(body)} into Go value of type map[string]interface {}`,
    );
  }
  return body;
}
