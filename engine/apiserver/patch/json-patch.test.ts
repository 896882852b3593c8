import { describe, expect, it } from 'vitest';
import type { JsonPatchOperation } from './json-patch.ts';
import { JSON_PATCH_MAX_COPY_BYTES, applyJsonPatch } from './json-patch.ts';
import { PatchError } from './patch-error.ts';

const doc = {
  metadata: { name: 'web', labels: { app: 'web', 'app.kubernetes.io/name': 'web', 'a~b': 'x' } },
  spec: { replicas: 1, list: ['a', 'b'], template: { spec: { containers: [{ name: 'app', image: 'nginx:1.25' }] } } },
};

const { spec } = doc;
const { replicas: _replicas, ...specWithoutReplicas } = spec;

describe('applyJsonPatch applies', () => {
  it.each<[string, JsonPatchOperation[], unknown]>([
    ['an add of a new member', [{ op: 'add', path: '/spec/paused', value: true }], { ...spec, paused: true }],
    ['an add over an existing member', [{ op: 'add', path: '/spec/replicas', value: 3 }], { ...spec, replicas: 3 }],
    [
      'an add into a list at an index',
      [{ op: 'add', path: '/spec/list/1', value: 'x' }],
      { ...spec, list: ['a', 'x', 'b'] },
    ],
    [
      'an add at the end of a list with "-"',
      [{ op: 'add', path: '/spec/list/-', value: 'x' }],
      { ...spec, list: ['a', 'b', 'x'] },
    ],
    [
      'an add at a negative index, counted from the end',
      [{ op: 'add', path: '/spec/list/-2', value: 'x' }],
      { ...spec, list: ['a', 'x', 'b'] },
    ],
    ['an add without a value, which adds null', [{ op: 'add', path: '/spec/paused' }], { ...spec, paused: null }],
    ['a remove of a member', [{ op: 'remove', path: '/spec/replicas' }], specWithoutReplicas],
    ['a remove of a list item', [{ op: 'remove', path: '/spec/list/0' }], { ...spec, list: ['b'] }],
    ['a remove at a negative index', [{ op: 'remove', path: '/spec/list/-1' }], { ...spec, list: ['a'] }],
    ['a replace of a member', [{ op: 'replace', path: '/spec/replicas', value: 5 }], { ...spec, replicas: 5 }],
    [
      'a replace of a missing member, which adds it',
      [{ op: 'replace', path: '/spec/paused', value: true }],
      { ...spec, paused: true },
    ],
    ['a replace of a list item', [{ op: 'replace', path: '/spec/list/1', value: 'z' }], { ...spec, list: ['a', 'z'] }],
    [
      'a move between members',
      [{ op: 'move', from: '/spec/replicas', path: '/spec/count' }],
      { ...specWithoutReplicas, count: 1 },
    ],
    [
      'a move inside a list',
      [{ op: 'move', from: '/spec/list/0', path: '/spec/list/1' }],
      { ...spec, list: ['b', 'a'] },
    ],
    ['a copy of a member', [{ op: 'copy', from: '/spec/list', path: '/spec/copy' }], { ...spec, copy: ['a', 'b'] }],
    [
      'a copy of a missing member, which copies null',
      [{ op: 'copy', from: '/spec/none', path: '/spec/copy' }],
      { ...spec, copy: null },
    ],
    ['a passing test', [{ op: 'test', path: '/spec/replicas', value: 1 }], spec],
    ['a test of a missing member against null', [{ op: 'test', path: '/spec/none', value: null }], spec],
    ['a test that compares lists by content', [{ op: 'test', path: '/spec/list', value: ['a', 'b'] }], spec],
    [
      'a pointer whose first segment is not empty, as if it were',
      [{ op: 'add', path: 'x/spec/paused', value: 1 }],
      { ...spec, paused: 1 },
    ],
  ])('%s', (_name, operations, expectedSpec) => {
    expect(applyJsonPatch(doc, operations)).toEqual({ ...doc, spec: expectedSpec });
  });

  it.each<[string, string, unknown]>([
    ['"~1" as "/" in a pointer', '/metadata/labels/app.kubernetes.io~1name', 'web'],
    ['"~0" as "~" in a pointer', '/metadata/labels/a~0b', 'x'],
  ])('reads %s', (_name, path, expected) => {
    expect(() => applyJsonPatch(doc, [{ op: 'test', path, value: expected }])).not.toThrow();
  });

  it('replaces the whole document for the empty pointer', () => {
    expect(applyJsonPatch(doc, [{ op: 'replace', path: '', value: { kind: 'X' } }])).toEqual({ kind: 'X' });
  });

  it('replaces a pod template, as kubectl rollout undo does', () => {
    const template = { spec: { containers: [{ name: 'app', image: 'nginx:1.24' }] } };
    const result = applyJsonPatch(doc, [{ op: 'replace', path: '/spec/template', value: template }]);
    expect(result).toMatchObject({ spec: { template } });
  });

  it('applies operations in order, later ones seeing earlier ones', () => {
    const result = applyJsonPatch({}, [
      { op: 'add', path: '/a', value: {} },
      { op: 'add', path: '/a/b', value: [1] },
      { op: 'add', path: '/a/b/-', value: 2 },
    ]);
    expect(result).toEqual({ a: { b: [1, 2] } });
  });

  it('changes neither the document nor the patch', () => {
    const value = { x: [1] };
    const before = structuredClone(doc);
    const result = applyJsonPatch(doc, [
      { op: 'add', path: '/v', value },
      { op: 'add', path: '/v/x/-', value: 2 },
    ]);
    expect(doc).toEqual(before);
    expect(value).toEqual({ x: [1] });
    expect(result).toMatchObject({ v: { x: [1, 2] } });
  });
});

describe('applyJsonPatch fails', () => {
  it.each<[string, JsonPatchOperation[], string]>([
    [
      'when a test does not hold',
      [{ op: 'test', path: '/spec/replicas', value: 2 }],
      'testing value /spec/replicas failed: test failed',
    ],
    [
      'when a test compares a member with a missing value',
      [{ op: 'test', path: '/spec/replicas' }],
      'testing value /spec/replicas failed: test failed',
    ],
    [
      'when a test of the root does not hold',
      [{ op: 'test', path: '', value: {} }],
      'testing value  failed: test failed',
    ],
    [
      'when the parent of an add is missing',
      [{ op: 'add', path: '/spec/x/y', value: 1 }],
      'add operation does not apply: doc is missing path: "/spec/x/y": missing value',
    ],
    [
      'when the parent of an add is not a container',
      [{ op: 'add', path: '/spec/replicas/x', value: 1 }],
      'add operation does not apply: doc is missing path: "/spec/replicas/x": missing value',
    ],
    [
      'when an add targets the root',
      [{ op: 'add', path: '', value: {} }],
      'add operation does not apply: doc is missing path: "": missing value',
    ],
    [
      'when an add index is past the end',
      [{ op: 'add', path: '/spec/list/3', value: 1 }],
      "error in add for path: '/spec/list/3': Unable to access invalid index: 3: invalid index referenced",
    ],
    [
      'when an add index is too negative',
      [{ op: 'add', path: '/spec/list/-4', value: 1 }],
      "error in add for path: '/spec/list/-4': Unable to access invalid index: -4: invalid index referenced",
    ],
    [
      'when an add index is not a number',
      [{ op: 'add', path: '/spec/list/x', value: 1 }],
      `error in add for path: '/spec/list/x': value was not a proper array index: 'x': strconv.Atoi: parsing "x": invalid syntax`,
    ],
    [
      'when an index does not fit in an int64',
      [{ op: 'remove', path: '/spec/list/99999999999999999999' }],
      `error in remove for path: '/spec/list/99999999999999999999': strconv.Atoi: parsing "99999999999999999999": value out of range`,
    ],
    [
      'when a removed member does not exist',
      [{ op: 'remove', path: '/spec/none' }],
      "error in remove for path: '/spec/none': Unable to remove nonexistent key: none: missing value",
    ],
    [
      'when a removed index is past the end',
      [{ op: 'remove', path: '/spec/list/2' }],
      "error in remove for path: '/spec/list/2': Unable to access invalid index: 2: invalid index referenced",
    ],
    [
      'when the parent of a remove is missing',
      [{ op: 'remove', path: '/x/y' }],
      'remove operation does not apply: doc is missing path: "/x/y": missing value',
    ],
    [
      'when a replaced index does not exist',
      [{ op: 'replace', path: '/spec/list/9', value: 1 }],
      'replace operation does not apply: doc is missing key: /spec/list/9: missing value',
    ],
    [
      'when the parent of a replace is missing',
      [{ op: 'replace', path: '/x/y', value: 1 }],
      'replace operation does not apply: doc is missing path: /x/y: missing value',
    ],
    [
      'when the root is replaced by a scalar',
      [{ op: 'replace', path: '', value: 1 }],
      'replace operation value must be object or array: %!w(<nil>)',
    ],
    [
      'when a moved member does not exist',
      [{ op: 'move', from: '/spec/none', path: '/spec/x' }],
      "error in move for path: 'none': Unable to remove nonexistent key: none: missing value",
    ],
    [
      'when a move has no destination parent',
      [{ op: 'move', from: '/spec/replicas', path: '/x/y' }],
      'move operation does not apply: doc is missing destination path: /x/y: missing value',
    ],
    [
      'when a move has no from',
      [{ op: 'move', path: '/x' }],
      'move operation failed to decode from: operation, missing from field: missing value',
    ],
    [
      'when a copy has no source parent',
      [{ op: 'copy', from: '/x/y', path: '/z' }],
      'copy operation does not apply: doc is missing from path: /x/y: missing value',
    ],
    ['when an add has no path', [{ op: 'add', value: 1 }], 'add operation failed to decode path: missing value'],
    [
      'when a replace has no path',
      [{ op: 'replace', value: 1 }],
      'replace operation failed to decode path: operation missing path field: missing value',
    ],
    [
      'when a test path is not a string',
      [{ op: 'test', path: 5 }],
      'test operation failed to decode path: json: cannot unmarshal number into Go value of type string',
    ],
    ['when the op is unknown', [{ op: 'frobnicate', path: '/a' }], 'Unexpected kind: frobnicate'],
    ['when the op is missing', [{ path: '/a' }], 'Unexpected kind: unknown'],
    ['when the op is not a string', [{ op: 1, path: '/a' }], 'Unexpected kind: unknown'],
  ])('%s', (_name, operations, message) => {
    let caught: unknown;
    try {
      applyJsonPatch(doc, operations);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(PatchError);
    expect(caught).toMatchObject({ failure: 'Invalid', message });
  });

  it('when copies add more than the copy limit in all', () => {
    const big = 'x'.repeat(JSON_PATCH_MAX_COPY_BYTES / 2);
    const copy = (path: string): JsonPatchOperation => ({ op: 'copy', from: '/big', path });
    expect(() => applyJsonPatch({ big }, [copy('/a'), copy('/b')])).toThrow(
      `Unable to complete the copy, the accumulated size increase of copy is ${2 * (big.length + 2)}, exceeding the limit ${JSON_PATCH_MAX_COPY_BYTES}`,
    );
  });

  it('when the document is not an object or a list', () => {
    expect(() => applyJsonPatch('x', [])).toThrow(
      'json: cannot unmarshal string into Go value of type jsonpatch.partialDoc',
    );
  });
});
