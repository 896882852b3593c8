// The errors of strategic merge patch (k8s.io/apimachinery/pkg/util/mergepatch), each with the class kube-apiserver
// gives it: malformed directives are 400s, lists of lists a 422, anything else a 500 carrying the text.

import { GO_MAP_TYPE, goString, goTypeOf, goTypeString, goValue } from '../../api/go-format.ts';
import { PatchError } from './patch-error.ts';

export function errBadJsonDoc(): PatchError {
  return new PatchError('BadRequest', 'invalid JSON document');
}

export function errNoListOfLists(): PatchError {
  return new PatchError('Invalid', 'lists of lists are not supported');
}

export function errBadPatchFormatForPrimitiveList(): PatchError {
  return new PatchError('BadRequest', 'invalid patch format of primitive list');
}

export function errBadPatchFormatForRetainKeys(): PatchError {
  return new PatchError('BadRequest', 'invalid patch format of retainKeys');
}

export function errBadPatchFormatForSetElementOrderList(): PatchError {
  return new PatchError('BadRequest', 'invalid patch format of setElementOrder list');
}

export function errNoMergeKey(map: unknown, mergeKey: string): PatchError {
  return new PatchError('Unknown', `map: ${goValue(map)} does not contain declared merge key: ${mergeKey}`);
}

/** A value of the wrong Go type where `expectedType` (e.g. "[]interface {}") was needed. */
export function errBadArgType(expectedType: string, actual: unknown): PatchError {
  return new PatchError('Unknown', `expected a ${expectedType}, but received a ${goTypeString(goTypeOf(actual))}`);
}

export function errNotAMap(map: unknown): PatchError {
  return errBadArgType(GO_MAP_TYPE, map);
}

export function errBadPatchType(directive: unknown, map: unknown): PatchError {
  return new PatchError('Unknown', `unknown patch type: ${goString(directive)} in map: ${goValue(map)}`);
}

/** Any other failure: a 500 with the text. */
export function errOther(message: string): PatchError {
  return new PatchError('Unknown', message);
}
