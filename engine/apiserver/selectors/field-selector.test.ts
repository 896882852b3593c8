// Tests for field selectors, with cases from upstream's fields/selector_test.go.
import { describe, expect, it } from 'vitest';
import {
  escapeFieldValue,
  FieldSelector,
  fieldLabelNotSupported,
  notAKnownFieldSelector,
  parseFieldSelector,
  unescapeFieldValue,
} from './field-selector.ts';
import { SelectorError } from './selector-error.ts';

const getter =
  (fields: Record<string, string>) =>
  (field: string): string | undefined =>
    fields[field];

describe('FieldSelector.parse', () => {
  it.each([
    ['x=a,y=b,z=c', 'x=a,y=b,z=c'],
    ['', ''],
    ['x!=a,y=b', 'x!=a,y=b'],
    ['x=a||y\\=b', 'x=a||y\\=b'],
    ['x=a\\=\\=b', 'x=a\\=\\=b'],
    ['y==b,x=a', 'x=a,y=b'],
    ['x=a,a=x', 'a=x,x=a'],
    ['metadata.name=a\\,b', 'metadata.name=a\\,b'],
    ['a=a,', 'a=a'],
    [',a=a', 'a=a'],
    ['=', ''],
    ['=,x=1', 'x=1'],
    ['x=', 'x='],
    ['=v', '=v'],
    ['함=수,목=록', '목=록,함=수'],
    ['spec.nodeName=node-1,status.phase!=Running', 'spec.nodeName=node-1,status.phase!=Running'],
  ])('parses %j and prints it as %j', (input, printed) => {
    expect(FieldSelector.parse(input).toString()).toBe(printed);
  });

  it.each([
    ['x=a||y=b', 'invalid field selector: unescaped character in value: 61'],
    ['x==a==b', 'invalid field selector: unescaped character in value: 61'],
    ['x=a,b', "invalid selector: 'x=a,b'; can't understand 'b'"],
    ['x in (a)', "invalid selector: 'x in (a)'; can't understand 'x in (a)'"],
    ['x in (a,b,c)', "invalid selector: 'x in (a,b,c)'; can't understand 'b'"],
    ['x', "invalid selector: 'x'; can't understand 'x'"],
    ['k=\\a', 'invalid field selector: invalid escape sequence: \\a'],
    ['k=\\', 'invalid field selector: invalid escape sequence: \\'],
  ])('rejects %j with the message %j', (input, message) => {
    expect(() => FieldSelector.parse(input)).toThrow(new SelectorError(message));
  });

  it('lists each field it reads once, in order', () => {
    const selector = FieldSelector.parse('status.phase!=Failed,metadata.name=a,status.phase!=Succeeded');
    expect(selector.fields()).toEqual(['metadata.name', 'status.phase']);
    expect(selector.requirements).toEqual([
      { field: 'metadata.name', operator: '=', value: 'a' },
      { field: 'status.phase', operator: '!=', value: 'Failed' },
      { field: 'status.phase', operator: '!=', value: 'Succeeded' },
    ]);
  });

  it('parses by the upstream name parseFieldSelector too', () => {
    expect(parseFieldSelector('b=2,a=1').toString()).toBe('a=1,b=2');
  });

  it('reports an empty selector as empty and a non-empty one as not', () => {
    expect(FieldSelector.parse('').isEmpty()).toBe(true);
    expect(FieldSelector.everything().isEmpty()).toBe(true);
    expect(FieldSelector.parse('a=b').isEmpty()).toBe(false);
  });
});

describe('FieldSelector.matches', () => {
  const fieldset = { foo: 'bar', baz: 'blah', complex: '=value\\,\\' };
  it.each<[string, Record<string, string>, boolean]>([
    ['', { x: 'y' }, true],
    ['x=y', { x: 'y' }, true],
    ['x=y,z=w', { x: 'y', z: 'w' }, true],
    ['x!=y,z!=w', { x: 'z', z: 'a' }, true],
    ['notin=in', { notin: 'in' }, true],
    ['x=y', { x: 'z' }, false],
    ['x=y,z=w', { x: 'w', z: 'w' }, false],
    ['x!=y,z!=w', { x: 'z', z: 'w' }, false],
    ['foo=bar', fieldset, true],
    ['baz=blah', fieldset, true],
    ['foo=bar,baz=blah', fieldset, true],
    ['foo=bar,baz=blah,complex=\\=value\\\\\\,\\\\', fieldset, true],
    ['foo=blah', fieldset, false],
    ['baz=bar', fieldset, false],
    ['foo=bar,foobar=bar,baz=blah', fieldset, false],
    ['missing=', {}, true],
    ['missing!=', {}, false],
    ['spec.nodeName==', { 'spec.nodeName': '' }, true],
  ])('says %j matches %j: %s', (selector, fields, expected) => {
    expect(FieldSelector.parse(selector).matches(getter(fields))).toBe(expected);
  });
});

describe('FieldSelector.requiresExactMatch', () => {
  it.each<[string, string, string | undefined]>([
    ['metadata.name=web', 'metadata.name', 'web'],
    ['metadata.name==web', 'metadata.name', 'web'],
    ['metadata.name!=web', 'metadata.name', undefined],
    ['metadata.name!=a,metadata.name=b', 'metadata.name', 'b'],
    ['spec.nodeName=n1', 'metadata.name', undefined],
    ['', 'metadata.name', undefined],
  ])('finds in %j the value required of %s: %s', (selector, field, value) => {
    expect(FieldSelector.parse(selector).requiresExactMatch(field)).toBe(value);
  });
});

describe('FieldSelector.checkFields', () => {
  const podFields = new Set(['metadata.name', 'metadata.namespace', 'spec.nodeName', 'status.phase']);
  const podRejection = (field: string): string | undefined =>
    podFields.has(field) ? undefined : fieldLabelNotSupported(field);

  it('accepts a selector whose fields are all supported', () => {
    expect(() => FieldSelector.parse('spec.nodeName=n1,status.phase!=Running').checkFields(podRejection)).not.toThrow();
  });

  it('rejects the first unsupported field in term order', () => {
    expect(() => FieldSelector.parse('spec.foo=1,spec.bar=2').checkFields(podRejection)).toThrow(
      new SelectorError('field label not supported: spec.bar'),
    );
  });

  it('words the rejection of kinds without their own field selectors as upstream does', () => {
    expect(() => FieldSelector.parse('spec.replicas=1').checkFields(notAKnownFieldSelector)).toThrow(
      new SelectorError('"spec.replicas" is not a known field selector: only "metadata.name", "metadata.namespace"'),
    );
  });
});

describe('escapeFieldValue and unescapeFieldValue', () => {
  it.each([
    ['', ''],
    ['a', 'a'],
    ['=', '\\='],
    [',', '\\,'],
    ['\\', '\\\\'],
    ['\\=\\,\\', '\\\\\\=\\\\\\,\\\\'],
  ])('escapes %j as %j and back', (raw, escaped) => {
    expect(escapeFieldValue(raw)).toBe(escaped);
    expect(unescapeFieldValue(escaped)).toBe(raw);
  });

  it.each(['\\', '\\\\\\', '\\a'])('rejects the invalid escape sequence in %j', (value) => {
    expect(() => unescapeFieldValue(value)).toThrow(/^invalid field selector: invalid escape sequence: /);
  });
});
