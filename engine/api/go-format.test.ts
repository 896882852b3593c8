import { describe, expect, it } from 'vitest';
import {
  goJson,
  goQuote,
  goString,
  goStringSlice,
  goText,
  goTypeOf,
  goTypeString,
  goValue,
  isGoInteger,
} from './go-format.ts';

describe('goText', () => {
  it.each([
    ['a string is printed as it is', 'web', 'web'],
    ['a boolean is true or false', true, 'true'],
    ['an integer is printed in decimal', 1000000, '1000000'],
    ['a small float keeps its digits', 3.14, '3.14'],
    ['a float from a million up uses an exponent', 1234567.5, '1.2345675e+06'],
    ['a float below 1e-4 uses an exponent', 0.00001234, '1.234e-05'],
    ['a float of 1e-4 is written out', 0.0001, '0.0001'],
    ['a negative float keeps its sign', -2.5, '-2.5'],
  ])('%s', (_name, value, want) => {
    expect(goText(value)).toBe(want);
  });
});

describe('goJson', () => {
  it.each([
    ['map keys are sorted', { b: 1, a: [true, null] }, '{"a":[true,null],"b":1}'],
    ['HTML characters are escaped', ['<a & b>'], '["\\u003ca \\u0026 b\\u003e"]'],
    ['nested maps are sorted too', { z: { y: 1, x: 2 } }, '{"z":{"x":2,"y":1}}'],
  ])('%s', (_name, value, want) => {
    expect(goJson(value)).toBe(want);
  });
});

describe('isGoInteger', () => {
  it.each([
    ['a whole number decodes to an int64', 42, true],
    ['a fraction decodes to a float64', 4.2, false],
    ['a number beyond int64 decodes to a float64', 1e19, false],
  ])('%s', (_name, value, want) => {
    expect(isGoInteger(value)).toBe(want);
  });
});

describe('goQuote', () => {
  it.each([
    ['abc', '"abc"'],
    ['', '""'],
    ['say "hi"', '"say \\"hi\\""'],
    ['back\\slash', '"back\\\\slash"'],
    ['tab\there\nnewline', '"tab\\there\\nnewline"'],
    ['\x01\x7f', '"\\x01\\x7f"'],
    ['héllo 世界', '"héllo 世界"'],
    ['\u200b', '"\\u200b"'],
  ])('quotes %j as Go prints it: %s', (input, quoted) => {
    expect(goQuote(input)).toBe(quoted);
  });
});

describe('goStringSlice', () => {
  it.each<[string[] | undefined, string]>([
    [undefined, '[]string(nil)'],
    [[], '[]string{}'],
    [['a'], '[]string{"a"}'],
    [['a', 'b c'], '[]string{"a", "b c"}'],
  ])('prints %j as %s', (values, printed) => {
    expect(goStringSlice(values)).toBe(printed);
  });
});

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
