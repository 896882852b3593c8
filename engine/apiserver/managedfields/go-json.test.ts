import { describe, expect, test } from 'vitest';
import { goJson, goJsonString } from './go-json.ts';

describe('goJson', () => {
  test.each([
    ['sorts object keys as Go sorts map keys', { b: 1, a: { d: true, c: null } }, '{"a":{"c":null,"d":true},"b":1}'],
    ['escapes <, > and & as Go does', 'a<b>&c', '"a\\u003cb\\u003e\\u0026c"'],
    ['escapes the line and paragraph separators', '\u2028\u2029', '"\\u2028\\u2029"'],
    ['leaves other unicode as it is', 'héllo ☃', '"héllo ☃"'],
    ['writes integers without a fraction', 80, '80'],
    ['writes lists in order', [3, 'x', false], '[3,"x",false]'],
    ['leaves out members whose value is undefined', { a: undefined, b: 1 }, '{"b":1}'],
  ])('%s', (_name, value, expected) => {
    expect(goJson(value)).toBe(expected);
  });

  test('quotes a string like JSON with Go escaping', () => {
    expect(goJsonString('say "hi"\n')).toBe('"say \\"hi\\"\\n"');
  });
});
