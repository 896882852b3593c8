import { describe, expect, it } from 'vitest';
import type { JsonMap } from './json-value.ts';
import {
  DELETE_FROM_PRIMITIVE_LIST_PREFIX,
  SET_ELEMENT_ORDER_PREFIX,
  applyRetainKeysDirective,
  discardNullValues,
  extractKey,
  handleDirectiveInMergeMap,
  removeDirectives,
} from './strategic-directives.ts';

describe('extractKey', () => {
  it.each<[string, string, typeof SET_ELEMENT_ORDER_PREFIX | typeof DELETE_FROM_PRIMITIVE_LIST_PREFIX, string]>([
    ['names the list after the prefix', '$setElementOrder/containers', SET_ELEMENT_ORDER_PREFIX, 'containers'],
    ['keeps later slashes', '$deleteFromPrimitiveList/a/b', DELETE_FROM_PRIMITIVE_LIST_PREFIX, 'a/b'],
    ['may name nothing', '$deleteFromPrimitiveList/', DELETE_FROM_PRIMITIVE_LIST_PREFIX, ''],
  ])('%s', (_name, key, prefix, expected) => {
    expect(extractKey(key, prefix)).toBe(expected);
  });

  it.each<[string, typeof SET_ELEMENT_ORDER_PREFIX | typeof DELETE_FROM_PRIMITIVE_LIST_PREFIX, string]>([
    ['$setElementOrder', SET_ELEMENT_ORDER_PREFIX, 'invalid patch format of setElementOrder list'],
    ['$deleteFromPrimitiveListx/a', DELETE_FROM_PRIMITIVE_LIST_PREFIX, 'invalid patch format of primitive list'],
  ])('refuses %s', (key, prefix, message) => {
    expect(() => extractKey(key, prefix)).toThrow(message);
  });
});

describe('handleDirectiveInMergeMap', () => {
  it.each<[string, JsonMap, JsonMap]>([
    ['replace stands for the rest of the map', { $patch: 'replace', a: 1 }, { a: 1 }],
    ['delete stands for an empty map', { $patch: 'delete', a: 1 }, {}],
  ])('%s', (_name, patch, expected) => {
    expect(handleDirectiveInMergeMap(patch)).toEqual(expected);
  });

  it('refuses merge, as upstream does for maps', () => {
    expect(() => handleDirectiveInMergeMap({ $patch: 'merge' })).toThrow(
      'unknown patch type: merge in map: map[$patch:merge]',
    );
  });
});

describe('applyRetainKeysDirective', () => {
  it('clears the live keys it does not list and takes itself out of the patch', () => {
    const original = { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } };
    const patch = { $retainKeys: ['type'], type: 'Recreate' };
    applyRetainKeysDirective(original, patch);
    expect([original, patch]).toEqual([{ type: 'RollingUpdate' }, { type: 'Recreate' }]);
  });

  it('lets nulls and list directives through unlisted', () => {
    const patch = { $retainKeys: ['a'], b: null, '$setElementOrder/c': [], '$deleteFromPrimitiveList/d': [] };
    expect(() => applyRetainKeysDirective({}, patch)).not.toThrow();
  });

  it('does nothing without the directive', () => {
    const original = { a: 1 };
    applyRetainKeysDirective(original, { b: 2 });
    expect(original).toEqual({ a: 1 });
  });
});

describe('patch value clean-up', () => {
  it('drops null members at any depth but keeps null items', () => {
    const value = { a: null, b: { c: null, d: 1 }, e: [null, { f: null }] };
    discardNullValues(value);
    expect(value).toEqual({ b: { d: 1 }, e: [null, {}] });
  });

  it('drops maps that carry $patch, in maps and in lists', () => {
    expect(removeDirectives({ a: { $patch: 'delete' }, b: [{ $patch: 'replace' }, { c: 1 }] })).toEqual({
      b: [{ c: 1 }],
    });
  });

  it('drops a value that is itself a $patch map', () => {
    expect(removeDirectives({ $patch: 'replace', a: 1 })).toBeUndefined();
  });
});
