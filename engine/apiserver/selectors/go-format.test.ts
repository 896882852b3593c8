// Tests for Go's %q and %#v formatting of strings in messages.
import { describe, expect, it } from 'vitest';
import { goQuote, goStringSlice } from './go-format.ts';

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
