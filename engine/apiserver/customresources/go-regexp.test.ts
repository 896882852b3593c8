import { describe, expect, it } from 'vitest';
import { compileGoRegexp } from './go-regexp.ts';

describe('compileGoRegexp', () => {
  it.each<[string, string, boolean]>([
    ['^[a-z0-9]([-a-z0-9]*[a-z0-9])?$', 'my-name', true],
    ['^[a-z0-9]([-a-z0-9]*[a-z0-9])?$', '-bad', false],
    ['(?i)^abc$', 'ABC', true],
    ['(?s)^a.b$', 'a\nb', true],
    ['^a.b$', 'a\nb', false],
    ['^(?P<major>\\d+)\\.(?P<minor>\\d+)$', '1.32', true],
    ['^[[:alpha:]][[:digit:]]+$', 'v132', true],
    ['^[[:upper:]]+$', 'abc', false],
    ['\\Aabc\\z', 'abc', true],
    ['\\Aabc\\z', 'abc\n', false],
    ['^\\Qa.b*\\E$', 'a.b*', true],
    ['^\\Qa.b*\\E$', 'axbb', false],
    ['^\\pL+$', 'héllo', true],
    ['^\\p{Lu}', 'Émile', true],
    ['^a\\-b\\:c\\@d$', 'a-b:c@d', true],
    ['^[\\-a]+$', 'a-a', true],
    ['^.$', '😀', true],
    ['unanchored', 'an unanchored match', true],
  ])('compiles %j so that %j matches: %s', (pattern, text, matches) => {
    expect(compileGoRegexp(pattern).test(text)).toBe(matches);
  });

  it('returns the same compiled pattern twice', () => {
    expect(compileGoRegexp('^x+$')).toBe(compileGoRegexp('^x+$'));
  });

  it('throws for a pattern JavaScript cannot compile', () => {
    expect(() => compileGoRegexp('(unclosed')).toThrow(SyntaxError);
  });
});
