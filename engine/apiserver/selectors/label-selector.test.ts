// Tests for label selectors: parsing, printing, matching and LabelSelectorAsSelector, with cases from upstream's
// selector_test.go and error messages as a 1.32 API server returns them.
import { describe, expect, it } from 'vitest';
import { LabelRequirement } from './label-requirement.ts';
import type { LabelOperator } from './label-requirement.ts';
import { LabelSelector, labelSelectorAsSelector, parseLabelSelector } from './label-selector.ts';
import type { MetaLabelSelector } from './label-selector.ts';
import { SelectorError } from './selector-error.ts';

const LABEL_VALUE_REGEX_ERROR =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and " +
  "end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is " +
  "'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

describe('LabelSelector.parse', () => {
  it.each([
    ['x=a,y=b,z=c', 'x=a,y=b,z=c'],
    ['', ''],
    ['x!=a,y=b', 'x!=a,y=b'],
    ['x=', 'x='],
    ['x= ', 'x='],
    ['x=,z= ', 'x=,z='],
    ['x= ,z= ', 'x=,z='],
    ['!x', '!x'],
    ['x>1', 'x>1'],
    ['x>1,z<5', 'x>1,z<5'],
    ['x==a', 'x==a'],
    ['\rx', 'x'],
    ['a ', 'a'],
    ['this-is-a-dns.domain.com/key-with-dash', 'this-is-a-dns.domain.com/key-with-dash'],
    [
      'this-is-another-dns.domain.com/key-with-dash in (so,what)',
      'this-is-another-dns.domain.com/key-with-dash in (so,what)',
    ],
    ['0.1.2.domain/99 notin (10.10.100.1, tick.tack.clock)', '0.1.2.domain/99 notin (10.10.100.1,tick.tack.clock)'],
    ['foo  in\t (abc)', 'foo in (abc)'],
    ['x notin\n (abc)', 'x notin (abc)'],
    ['x  notin\t\t\t(abc,def)', 'x notin (abc,def)'],
    ['x in (def,abc)', 'x in (abc,def)'],
    ['x in (abc,)', 'x in (,abc)'],
    ['x in ()', 'x in ()'],
    ['x notin ( )', 'x notin ()'],
    ['x notin (, a)', 'x notin (,a)'],
    ['x notin (abc,,def),bar,z in (),w', 'bar,w,x notin (,abc,def),z in ()'],
    ['a in (x,y,notin, z,in)', 'a in (in,notin,x,y,z)'],
    ['x=a,a=x', 'a=x,x=a'],
    ['notin=in', 'notin=in'],
    ['x in (a,a,b)', 'x in (a,b)'],
  ])('parses %j and prints it as %j', (input, printed) => {
    expect(LabelSelector.parse(input).toString()).toBe(printed);
  });

  it.each([
    ['x==a==b', "found '==', expected: ',' or 'end of string'"],
    ['!x=a', "found '=', expected: ',' or 'end of string'"],
    [
      'x<a',
      `unable to parse requirement: values[0]: Invalid value: "a": for 'Gt', 'Lt' operators, the value must be an integer`,
    ],
    ['x,,y', "found ',', expected: identifier after ','"],
    [',x,y', "found ',', expected: !, identifier, or 'end of string'"],
    ['x nott in (y)', "unable to parse requirement: found 'nott', expected: in, notin, =, ==, !=, gt, lt"],
    ['a in (xyz),', "found '', expected: identifier after ','"],
    ['a in (xyz)b notin ()', "found 'b', expected: ',' or 'end of string'"],
    ['a in (xyz abc)', "unable to parse requirement: found 'abc', expected: ',' or ')'"],
    ['a notin(', "unable to parse requirement: found '', expected: ',', ')' or identifier"],
    ['a (', "unable to parse requirement: found '(', expected: in, notin, =, ==, !=, gt, lt"],
    ['(', "found '(', expected: !, identifier, or 'end of string'"],
    ['x in (a,,)', "unable to parse requirement: found ')', expected: ',', or identifier"],
    ['a=(', "unable to parse requirement: found '(', expected: identifier"],
    ['a in b', "unable to parse requirement: found 'b' expected: '('"],
    ['!', "unable to parse requirement: found '', expected: identifier"],
    ['/a', 'unable to parse requirement: <nil>: Invalid value: "/a": prefix part must be non-empty'],
    [
      `${'k'.repeat(64)}=v`,
      `unable to parse requirement: <nil>: Invalid value: "${'k'.repeat(64)}": name part must be no more than 63 characters`,
    ],
    [
      `x=${'v'.repeat(64)}`,
      `unable to parse requirement: values[0][x]: Invalid value: "${'v'.repeat(64)}": must be no more than 63 characters`,
    ],
    ['x=a||y=b', `unable to parse requirement: values[0][x]: Invalid value: "a||y": ${LABEL_VALUE_REGEX_ERROR}`],
  ])('rejects %j with the message %j', (input, message) => {
    expect(() => LabelSelector.parse(input)).toThrow(new SelectorError(message));
  });
});

describe('LabelSelector.matches', () => {
  const labelset = { foo: 'bar', baz: 'blah' };
  it.each<[string, Record<string, string> | undefined, boolean]>([
    ['', { x: 'y' }, true],
    ['', undefined, true],
    ['x=y', { x: 'y' }, true],
    ['x=y,z=w', { x: 'y', z: 'w' }, true],
    ['x!=y,z!=w', { x: 'z', z: 'a' }, true],
    ['notin=in', { notin: 'in' }, true],
    ['x', { x: 'z' }, true],
    ['!x', { y: 'z' }, true],
    ['x>1', { x: '2' }, true],
    ['x<1', { x: '0' }, true],
    ['x=z', {}, false],
    ['x=z', undefined, false],
    ['x!=z', undefined, true],
    ['x=y', { x: 'z' }, false],
    ['x=y,z=w', { x: 'w', z: 'w' }, false],
    ['x!=y,z!=w', { x: 'z', z: 'w' }, false],
    ['x', { y: 'z' }, false],
    ['!x', { x: 'z' }, false],
    ['x>1', { x: '0' }, false],
    ['x<1', { x: '2' }, false],
    ['z>1', { z: 'v2' }, false],
    ['x>0', { x: '+1' }, true],
    ['x>9223372036854775806', { x: '9223372036854775807' }, true],
    ['x>1', { x: '9223372036854775808' }, false],
    ['foo=bar', labelset, true],
    ['baz=blah', labelset, true],
    ['foo=bar,baz=blah', labelset, true],
    ['foo=blah', labelset, false],
    ['baz=bar', labelset, false],
    ['foo=bar,foobar=bar,baz=blah', labelset, false],
    ['x in (foo),y notin (alpha)', { x: 'foo', y: 'baz' }, true],
    ['x in (foo),y in (alpha)', { x: 'foo', y: 'baz' }, false],
    ['x notin (),y', { y: '' }, true],
    ['!x,y', { y: '' }, true],
    ['x notin (),!y', { y: '' }, false],
    ['x in ()', { y: 'baz' }, false],
    ['x in ()', { x: '' }, true],
    ['x=', { x: '' }, true],
    ['x,y in (a)', { x: '1', y: 'a' }, true],
    ['toString', {}, false],
  ])('says %j matches %j: %s', (selector, labels, expected) => {
    expect(LabelSelector.parse(selector).matches(labels)).toBe(expected);
  });
});

describe('LabelSelector.fromLabelSelector', () => {
  it.each<[string, MetaLabelSelector, string]>([
    ['an empty selector', {}, ''],
    ['null fields', { matchLabels: null, matchExpressions: null }, ''],
    ['match labels', { matchLabels: { tier: 'web', app: 'shop' } }, 'app=shop,tier=web'],
    [
      'labels and expressions',
      {
        matchLabels: { app: 'web' },
        matchExpressions: [
          { key: 'tier', operator: 'In', values: ['b', 'a'] },
          { key: 'env', operator: 'NotIn', values: ['prod'] },
          { key: 'zone', operator: 'Exists' },
          { key: 'canary', operator: 'DoesNotExist', values: [] },
        ],
      },
      'app=web,!canary,env notin (prod),tier in (a,b),zone',
    ],
  ])('builds a selector from %s and prints it as %j', (_name, selector, printed) => {
    const built = LabelSelector.fromLabelSelector(selector);
    expect(built.toString()).toBe(printed);
    expect(built.matchesNothing()).toBe(false);
  });

  it.each([null, undefined])('turns an absent selector (%s) into one that matches nothing', (selector) => {
    const built = LabelSelector.fromLabelSelector(selector);
    expect(built.matchesNothing()).toBe(true);
    expect(built.isEmpty()).toBe(false);
    expect(built.matches({})).toBe(false);
    expect(built.toString()).toBe('');
  });

  it('matches labels as the parsed form of the same selector does', () => {
    const built = LabelSelector.fromLabelSelector({
      matchLabels: { app: 'web' },
      matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['db'] }],
    });
    expect(built.matches({ app: 'web', tier: 'front' })).toBe(true);
    expect(built.matches({ app: 'web' })).toBe(true);
    expect(built.matches({ app: 'web', tier: 'db' })).toBe(false);
    expect(built.matches({ tier: 'front' })).toBe(false);
  });

  it.each<[string, MetaLabelSelector, string]>([
    [
      'an unknown operator',
      { matchExpressions: [{ key: 'a', operator: 'Equals', values: ['b'] }] },
      '"Equals" is not a valid label selector operator',
    ],
    [
      'In without values',
      { matchExpressions: [{ key: 'a', operator: 'In', values: [] }] },
      "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty",
    ],
    [
      'Exists with values',
      { matchExpressions: [{ key: 'a', operator: 'Exists', values: ['b', 'c'] }] },
      'values: Invalid value: []string{"b", "c"}: values set must be empty for exists and does not exist',
    ],
    [
      'a key with an empty prefix',
      { matchLabels: { '/a': 'b' } },
      'key: Invalid value: "/a": prefix part must be non-empty',
    ],
    [
      'a bad key and no values',
      { matchExpressions: [{ key: '/a', operator: 'NotIn' }] },
      '[key: Invalid value: "/a": prefix part must be non-empty, ' +
        "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty]",
    ],
    ['a bad value', { matchLabels: { a: 'b c' } }, `values[0][a]: Invalid value: "b c": ${LABEL_VALUE_REGEX_ERROR}`],
  ])('rejects %s as upstream does', (_name, selector, message) => {
    expect(() => LabelSelector.fromLabelSelector(selector)).toThrow(new SelectorError(message));
  });
});

describe('LabelSelector.fromSet', () => {
  it.each<[Record<string, string> | undefined, Record<string, string>, boolean]>([
    [{}, { foo: 'bar' }, true],
    [undefined, { foo: 'bar' }, true],
    [{ foo: 'bar' }, { foo: 'bar', baz: 'blah' }, true],
    [{ foo: 'bar', baz: 'blah' }, { foo: 'bar', baz: 'blah' }, true],
    [{ foo: '=blah' }, { foo: 'bar', baz: 'blah' }, false],
    [{ foo: 'bar', foobar: 'bar' }, { foo: 'bar', baz: 'blah' }, false],
  ])('says the set %j matches %j: %s', (set, labels, expected) => {
    expect(LabelSelector.fromSet(set).matches(labels)).toBe(expected);
  });

  it('prints a set sorted by key and reports an empty set as empty', () => {
    expect(LabelSelector.fromSet({ b: '2', a: '1' }).toString()).toBe('a=1,b=2');
    expect(LabelSelector.fromSet({}).isEmpty()).toBe(true);
    expect(LabelSelector.fromSet(undefined).isEmpty()).toBe(true);
  });
});

describe('LabelSelector.requiresExactMatch', () => {
  it.each<[string, string, string | undefined]>([
    ['app=web', 'app', 'web'],
    ['app==web', 'app', 'web'],
    ['app in (web)', 'app', 'web'],
    ['app in (web,db)', 'app', undefined],
    ['app!=web', 'app', undefined],
    ['app', 'app', undefined],
    ['tier=db', 'app', undefined],
    ['app notin (a),app=web', 'app', undefined],
  ])('finds in %j the single value required of %s: %s', (selector, label, value) => {
    expect(LabelSelector.parse(selector).requiresExactMatch(label)).toBe(value);
  });

  it('exposes the requirements sorted by key', () => {
    const { requirements } = LabelSelector.parse('z=1,a in (x,y),!m');
    expect(requirements.map((r) => [r.key, r.operator, r.values])).toEqual([
      ['a', 'in', ['x', 'y']],
      ['m', '!', []],
      ['z', '=', ['1']],
    ]);
  });

  it('reports an empty selector as empty and a non-empty one as not', () => {
    expect(LabelSelector.everything().isEmpty()).toBe(true);
    expect(LabelSelector.parse('').isEmpty()).toBe(true);
    expect(LabelSelector.parse('a').isEmpty()).toBe(false);
  });
});

describe('LabelRequirement.create', () => {
  it.each<[string, LabelOperator, string[], string]>([
    [
      'x5',
      '=',
      ['bar', 'foo'],
      'values: Invalid value: []string{"bar", "foo"}: exact-match compatibility requires one single value',
    ],
    ['x13', 'gt', [], "values: Invalid value: []string(nil): for 'Gt', 'Lt' operators, exactly one value is required"],
    ['x14', 'gt', ['bar'], `values[0]: Invalid value: "bar": for 'Gt', 'Lt' operators, the value must be an integer`],
    [
      'x15',
      'lt',
      ['1', 'x'],
      `[values: Invalid value: []string{"1", "x"}: for 'Gt', 'Lt' operators, exactly one value is required, ` +
        `values[1]: Invalid value: "x": for 'Gt', 'Lt' operators, the value must be an integer]`,
    ],
    [
      'a'.repeat(254),
      'exists',
      [],
      `key: Invalid value: "${'a'.repeat(254)}": name part must be no more than 63 characters`,
    ],
    ['x17', '=', ['a\tb'], `values[0][x17]: Invalid value: "a\\tb": ${LABEL_VALUE_REGEX_ERROR}`],
  ])('rejects key %s with operator %s and values %j', (key, operator, values, message) => {
    expect(() => LabelRequirement.create(key, operator, values)).toThrow(new SelectorError(message));
  });

  it.each<[LabelOperator, string[], string]>([
    ['in', ['foo'], 'x in (foo)'],
    ['notin', ['b', 'a'], 'x notin (a,b)'],
    ['exists', [], 'x'],
    ['!', [], '!x'],
    ['gt', ['1'], 'x>1'],
    ['lt', ['6'], 'x<6'],
    ['==', ['y'], 'x==y'],
    ['!=', ['y'], 'x!=y'],
  ])('accepts operator %s with values %j and prints %j', (operator, values, printed) => {
    expect(LabelRequirement.create('x', operator, values).toString()).toBe(printed);
  });
});

describe('upstream-named entry points', () => {
  it('parses with parseLabelSelector and converts with labelSelectorAsSelector', () => {
    expect(parseLabelSelector('b=2,a=1').toString()).toBe('a=1,b=2');
    expect(labelSelectorAsSelector({ matchLabels: { app: 'web' } }).toString()).toBe('app=web');
    expect(labelSelectorAsSelector(undefined).matchesNothing()).toBe(true);
  });
});
