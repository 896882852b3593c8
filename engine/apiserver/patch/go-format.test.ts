import { describe, expect, it } from 'vitest';
import { goString, goTypeOf, goTypeString, goValue } from './go-format.ts';

describe('goValue', () => {
  it.each<[string, unknown, string]>([
    ['a string prints bare', 'nginx', 'nginx'],
    ['an integer prints in decimal', 80, '80'],
    ['a float prints in %v form', 1.5, '1.5'],
    ['a large float prints with an exponent', 1234567.5, '1.2345675e+06'],
    ['a boolean prints as a word', true, 'true'],
    ['nil prints as <nil>', null, '<nil>'],
    ['a map prints with its keys sorted', { name: 'web', image: 'nginx' }, 'map[image:nginx name:web]'],
    ['an empty string value prints as nothing', { name: '' }, 'map[name:]'],
    ['a list prints space-separated', ['a', 1, null], '[a 1 <nil>]'],
    ['nested values print recursively', { ports: [{ containerPort: 80 }] }, 'map[ports:[map[containerPort:80]]]'],
  ])('%s', (_name, value, expected) => {
    expect(goValue(value)).toBe(expected);
  });
});

describe('goString', () => {
  it.each<[string, unknown, string]>([
    ['a string prints bare', 'replace', 'replace'],
    ['an integer is a bad verb', 5, '%!s(int64=5)'],
    ['a float is a bad verb', 0.5, '%!s(float64=0.5)'],
    ['a boolean is a bad verb', false, '%!s(bool=false)'],
    ['nil is a bad verb', null, '%!s(<nil>)'],
    ['a map applies the verb to its values', { a: 1, b: 'x' }, 'map[a:%!s(int64=1) b:x]'],
  ])('%s', (_name, value, expected) => {
    expect(goString(value)).toBe(expected);
  });
});

describe('goTypeOf', () => {
  it.each<[string, unknown, string]>([
    ['an object is a map', {}, 'map[string]interface {}'],
    ['an array is a slice', [], '[]interface {}'],
    ['an integral number is an int64', 3, 'int64'],
    ['a fractional number is a float64', 3.5, 'float64'],
    ['a string is a string', 'x', 'string'],
    ['a boolean is a bool', true, 'bool'],
    ['null has the nil type', null, '%!s(<nil>)'],
  ])('%s', (_name, value, expected) => {
    expect(goTypeString(goTypeOf(value))).toBe(expected);
  });
});
