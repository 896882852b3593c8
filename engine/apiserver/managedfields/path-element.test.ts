import { describe, expect, test } from 'vitest';
import {
  UnknownElementTypeError,
  canonicalElement,
  compareElements,
  compareValues,
  fieldElement,
  formatPath,
  indexElement,
  keyElement,
  parseElement,
  sortElements,
  valueElement,
} from './path-element.ts';

describe('path elements', () => {
  test.each([
    ['a field is its name after f:', fieldElement('replicas'), 'f:replicas'],
    [
      'a key sorts its fields by name',
      keyElement([
        ['protocol', 'TCP'],
        ['containerPort', 80],
      ]),
      'k:{"containerPort":80,"protocol":"TCP"}',
    ],
    ['a set value is its JSON', valueElement('example.com/finalizer'), 'v:"example.com/finalizer"'],
    ['an index is its number', indexElement(3), 'i:3'],
  ])('%s', (_name, actual, expected) => {
    expect(actual).toBe(expected);
  });

  test.each([
    [
      'a key with unsorted fields',
      'k:{"protocol":"TCP","containerPort":80}',
      'k:{"containerPort":80,"protocol":"TCP"}',
    ],
    ['a value written with spaces', 'v: "x"', 'v:"x"'],
    ['an index with a sign', 'i:+2', 'i:2'],
    ['a field', 'f:a.b/c', 'f:a.b/c'],
  ])('canonicalizes %s', (_name, text, expected) => {
    expect(canonicalElement(text)).toBe(expected);
  });

  test.each([
    ['a one-character key', 'f', 'key must be 2 characters long:'],
    ['a key without a colon', 'fx', 'missing colon: fx'],
    ['a key element that is not an object', 'k:[1]', 'invalid key element: k:[1]'],
    ['an index that is not a number', 'i:x', 'strconv.Atoi: parsing "x": invalid syntax'],
  ])('refuses %s', (_name, text, message) => {
    expect(() => parseElement(text)).toThrow(message);
  });

  test('reports an unknown element type so that readers can skip it', () => {
    expect(() => parseElement('z:whatever')).toThrow(UnknownElementTypeError);
  });

  test('orders fields before keys before values before indices', () => {
    const sorted = sortElements(['i:1', 'v:"a"', 'k:{"name":"b"}', 'f:z', 'f:a', 'k:{"name":"a"}', 'i:0']);
    expect(sorted).toEqual(['f:a', 'f:z', 'k:{"name":"a"}', 'k:{"name":"b"}', 'v:"a"', 'i:0', 'i:1']);
  });

  test('orders keys field by field, numbers numerically', () => {
    expect(compareElements('k:{"containerPort":9,"protocol":"TCP"}', 'k:{"containerPort":80,"protocol":"TCP"}')).toBe(
      -1,
    );
    expect(compareElements('k:{"a":1}', 'k:{"a":1,"b":2}')).toBe(-1);
  });

  test.each([
    ['numbers before strings', 1, 'a', -1],
    ['strings before booleans', 'a', true, -1],
    ['false before true', false, true, -1],
    ['lists before maps', [1], { a: 1 }, -1],
    ['maps before null', { a: 1 }, null, -1],
    ['equal lists as equal', [1, 'a'], [1, 'a'], 0],
  ])('compares values: %s', (_name, a, b, expected) => {
    expect(compareValues(a, b)).toBe(expected);
  });

  test('prints paths as conflicts show them', () => {
    const path = [
      'f:spec',
      'f:template',
      'f:spec',
      'f:containers',
      'k:{"name":"nginx"}',
      'f:ports',
      'k:{"containerPort":80,"protocol":"TCP"}',
    ];
    expect(formatPath(path)).toBe(
      '.spec.template.spec.containers[name="nginx"].ports[containerPort=80,protocol="TCP"]',
    );
    expect(formatPath(['f:metadata', 'f:finalizers', 'v:"a"'])).toBe('.metadata.finalizers[="a"]');
    expect(formatPath(['f:args', 'i:0'])).toBe('.args[0]');
  });
});
