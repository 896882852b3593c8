import { describe, expect, it } from 'vitest';
import { goJson, goText, isGoInteger } from './go-format.ts';

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
