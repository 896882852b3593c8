import { describe, expect, it } from 'vitest';
import { applyMergePatch, decodeMergePatch } from './merge-patch.ts';
import type { PatchFailure } from './patch-error.ts';

describe('applyMergePatch', () => {
  it.each<[string, unknown, unknown, unknown]>([
    ['an empty patch changes nothing', { a: 1 }, {}, { a: 1 }],
    [
      'a label is added beside the others, as kubectl label does',
      { metadata: { labels: { app: 'web' } } },
      { metadata: { labels: { tier: 'front' } } },
      { metadata: { labels: { app: 'web', tier: 'front' } } },
    ],
    [
      'null removes a label, as kubectl label app- does',
      { metadata: { name: 'x', labels: { app: 'web', tier: 'front' } } },
      { metadata: { labels: { app: null } } },
      { metadata: { name: 'x', labels: { tier: 'front' } } },
    ],
    ['null for a missing key changes nothing', { a: 1 }, { b: null }, { a: 1 }],
    [
      'the replica count is set, as kubectl scale does',
      { spec: { replicas: 1, paused: false } },
      { spec: { replicas: 3 } },
      { spec: { replicas: 3, paused: false } },
    ],
    ['a list replaces the list', { spec: { list: [1, 2] } }, { spec: { list: [3] } }, { spec: { list: [3] } }],
    ['a scalar replaces an object', { a: { b: 1 } }, { a: 1 }, { a: 1 }],
    ['an object replaces a scalar, without its nulls', { a: 1 }, { a: { b: null, c: 2 } }, { a: { c: 2 } }],
    [
      'an added value loses nulls of objects inside lists, but not null items',
      {},
      { a: [{ b: null, c: 1 }, null] },
      { a: [{ c: 1 }, null] },
    ],
    ['a list replacing a list loses the nulls of its objects', { a: [1] }, { a: [{ b: null }] }, { a: [{}] }],
    [
      'a list replacing an object keeps the nulls of its objects',
      { a: { x: 1 } },
      { a: [{ b: null }] },
      { a: [{ b: null }] },
    ],
    ['a patch that is a list replaces the whole document', { a: 1 }, [1, { b: null }], [1, {}]],
    ['a document that is not an object is replaced by the patch', [1], { a: 1, b: null }, { a: 1 }],
  ])('%s', (_name, original, patch, expected) => {
    expect(applyMergePatch(original, patch)).toEqual(expected);
  });

  it('changes neither the document nor the patch', () => {
    const original = { a: { b: 1 }, c: [1] };
    const patch = { a: { b: null, d: { e: null } }, c: [2] };
    const result = applyMergePatch(original, patch);
    expect(original).toEqual({ a: { b: 1 }, c: [1] });
    expect(patch).toEqual({ a: { b: null, d: { e: null } }, c: [2] });
    expect(result).toEqual({ a: { d: {} }, c: [2] });
  });

  it('keeps a "__proto__" key as data', () => {
    const patch = JSON.parse('{"__proto__":{"polluted":true}}') as unknown;
    const result = applyMergePatch({}, patch) as Record<string, unknown>;
    expect(Object.keys(result)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
  });

  it.each<[string, unknown, unknown, PatchFailure, string]>([
    ['a null patch', { a: 1 }, null, 'BadRequest', 'Invalid JSON Patch'],
    ['a patch that is a string', { a: 1 }, 'x', 'BadRequest', 'Invalid JSON Patch'],
    ['a null document', null, { a: 1 }, 'Unknown', 'Invalid JSON Document'],
  ])('refuses %s', (_name, original, patch, failure, message) => {
    expect(() => applyMergePatch(original, patch)).toThrow(expect.objectContaining({ failure, message }));
  });
});

describe('decodeMergePatch', () => {
  it.each<[string, unknown, boolean]>([
    ['an object passes strict decoding', { a: 1 }, true],
    ['null passes strict decoding', null, true],
    ['a list passes when not decoded strictly', [1], false],
  ])('%s', (_name, body, strict) => {
    expect(decodeMergePatch(body, strict)).toBe(body);
  });

  it('refuses a list under strict decoding, as the API server does', () => {
    expect(() => decodeMergePatch([1], true)).toThrow(
      expect.objectContaining({
        failure: 'BadRequest',
        message: 'error decoding patch: json: cannot unmarshal array into Go value of type map[string]interface {}',
      }),
    );
  });
});
