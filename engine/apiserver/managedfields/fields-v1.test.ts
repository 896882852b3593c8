import { describe, expect, test } from 'vitest';
import { fieldSetOf, memberPaths } from './field-set.ts';
import { decodeFieldsV1, encodeFieldsV1 } from './fields-v1.ts';

describe('FieldsV1', () => {
  test('writes "." for a path that is a member and has members below', () => {
    const set = fieldSetOf([
      ['f:metadata', 'f:labels'],
      ['f:metadata', 'f:labels', 'f:app'],
      ['f:spec', 'f:replicas'],
    ]);
    expect(JSON.stringify(encodeFieldsV1(set))).toBe(
      '{"f:metadata":{"f:labels":{".":{},"f:app":{}}},"f:spec":{"f:replicas":{}}}',
    );
  });

  test('writes keys in upstream element order, not insertion order', () => {
    const set = fieldSetOf([
      ['f:spec', 'f:ports', 'k:{"port":80,"protocol":"TCP"}'],
      ['f:spec', 'f:ports', 'k:{"port":443,"protocol":"TCP"}'],
      ['f:spec', 'f:clusterIP'],
    ]);
    expect(JSON.stringify(encodeFieldsV1(set))).toBe(
      '{"f:spec":{"f:clusterIP":{},"f:ports":{"k:{\\"port\\":80,\\"protocol\\":\\"TCP\\"}":{},"k:{\\"port\\":443,\\"protocol\\":\\"TCP\\"}":{}}}}',
    );
  });

  test.each([
    ['an empty object is an empty set', {}, []],
    ['{} marks a member', { 'f:a': {} }, [['f:a']]],
    ['"." alone marks a member', { 'f:a': { '.': {} } }, [['f:a']]],
    ['a subtree without "." is not a member itself', { 'f:a': { 'f:b': {} } }, [['f:a', 'f:b']]],
    ['"." with a subtree is a member with members below', { 'f:a': { '.': {}, 'f:b': {} } }, [['f:a'], ['f:a', 'f:b']]],
    ['keys of an unknown element type are skipped', { 'f:a': {}, 'z:b': {} }, [['f:a']]],
    ['key elements are canonicalized', { 'k:{"b":1,"a":2}': {} }, [['k:{"a":2,"b":1}']]],
  ])('reads %s', (_name, fields, expected) => {
    expect(memberPaths(decodeFieldsV1(fields))).toEqual(expected);
  });

  test.each([
    ['a value that is not an object', { 'f:a': 1 }],
    ['a malformed key element', { 'k:{nope': {} }],
    ['a key without a colon', { fa: {} }],
  ])('refuses %s', (_name, fields) => {
    expect(() => decodeFieldsV1(fields)).toThrow();
  });

  test('reads back what it writes', () => {
    const fields = {
      'f:spec': {
        'f:containers': { 'k:{"name":"nginx"}': { '.': {}, 'f:image': {}, 'f:name': {} } },
        'f:finalizers': { '.': {}, 'v:"a"': {} },
      },
    };
    expect(encodeFieldsV1(decodeFieldsV1(fields))).toEqual(fields);
  });
});
