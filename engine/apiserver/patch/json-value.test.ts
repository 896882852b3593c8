import { describe, expect, it } from 'vitest';
import { getOwn, jsonKind, setOwn } from './json-value.ts';

describe('jsonKind', () => {
  it.each<[unknown, string]>([
    [{}, 'object'],
    [[], 'array'],
    ['x', 'string'],
    [1, 'number'],
    [true, 'bool'],
    [null, 'null'],
  ])('names %j as encoding/json does: %s', (value, kind) => {
    expect(jsonKind(value)).toBe(kind);
  });
});

describe('own properties', () => {
  it('sets "__proto__" as data, not as the prototype', () => {
    const map = {};
    setOwn(map, '__proto__', { polluted: true });
    expect([Object.keys(map), Object.getPrototypeOf(map)]).toEqual([['__proto__'], Object.prototype]);
  });

  it('reads no inherited property', () => {
    expect(getOwn({}, 'toString')).toBeUndefined();
  });
});
