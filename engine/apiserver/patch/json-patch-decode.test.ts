import { describe, expect, it } from 'vitest';
import { MAX_JSON_PATCH_OPERATIONS, decodeJsonPatch } from './json-patch-decode.ts';
import type { PatchFailure } from './patch-error.ts';

describe('decodeJsonPatch', () => {
  it.each<[string, unknown, boolean, unknown[], string[]]>([
    ['a null body is no operations', null, true, [], []],
    [
      'a list of operations is kept as sent',
      [{ op: 'add', path: '/a', value: 1 }],
      false,
      [{ op: 'add', path: '/a', value: 1 }],
      [],
    ],
    ['a null operation is an empty one', [null], false, [{}], []],
    [
      'unknown members are ignored without strict decoding',
      [{ op: 'add', path: '/a', foo: 1 }],
      false,
      [{ op: 'add', path: '/a', foo: 1 }],
      [],
    ],
    [
      'unknown members are strict errors with strict decoding',
      [
        { op: 'test', path: '/a', value: 1 },
        { op: 'add', path: '/a', foo: 1, bar: null },
      ],
      true,
      [
        { op: 'test', path: '/a', value: 1 },
        { op: 'add', path: '/a', foo: 1, bar: null },
      ],
      ['json patch unknown field "[1].foo"', 'json patch unknown field "[1].bar"'],
    ],
    [
      'null members are allowed with strict decoding',
      [{ op: 'add', path: '/a', from: null }],
      true,
      [{ op: 'add', path: '/a', from: null }],
      [],
    ],
  ])('%s', (_name, body, strict, operations, strictErrors) => {
    expect(decodeJsonPatch(body, strict)).toEqual({ operations, strictErrors });
  });

  it.each<[string, unknown, boolean, PatchFailure, string]>([
    [
      'an object body',
      { op: 'add' },
      false,
      'BadRequest',
      'json: cannot unmarshal object into Go value of type jsonpatch.Patch',
    ],
    [
      'an object body with strict decoding',
      { op: 'add' },
      true,
      'BadRequest',
      'error decoding patch: json: cannot unmarshal object into Go value of type []handlers.jsonPatchOp',
    ],
    [
      'an operation that is a string',
      ['add'],
      false,
      'BadRequest',
      'json: cannot unmarshal string into Go value of type jsonpatch.Operation',
    ],
    [
      'an operation that is a number, with strict decoding',
      [1],
      true,
      'BadRequest',
      'error decoding patch: json: cannot unmarshal number into Go value of type handlers.jsonPatchOp',
    ],
    [
      'an op that is not a string, with strict decoding',
      [{ op: 'add', path: true }],
      true,
      'BadRequest',
      'error decoding patch: json: cannot unmarshal bool into Go struct field jsonPatchOp.path of type string',
    ],
    [
      'more operations than allowed',
      Array.from({ length: MAX_JSON_PATCH_OPERATIONS + 1 }, () => ({ op: 'test', path: '/a' })),
      false,
      'RequestEntityTooLarge',
      'The allowed maximum operations in a JSON patch is 10000, got 10001',
    ],
  ])('refuses %s', (_name, body, strict, failure, message) => {
    expect(() => decodeJsonPatch(body, strict)).toThrow(expect.objectContaining({ failure, message }));
  });
});
