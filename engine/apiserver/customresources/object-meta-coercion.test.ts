import { describe, expect, it } from 'vitest';
import { TypeMismatchError } from '../endpoints/decode/typed-decode.ts';
import { FieldPath } from '../errors/field-error.ts';
import { coerceEmbeddedObjectMeta, coerceObjectMeta, decodeObjectMeta } from './object-meta-coercion.ts';
import { parseSchemaProps } from './schema-props.ts';

describe('decodeObjectMeta', () => {
  it('drops and reports fields ObjectMeta does not have, at any depth', () => {
    const { meta, unknownFields } = decodeObjectMeta({
      name: 'a',
      color: 'red',
      ownerReferences: [{ apiVersion: 'v1', kind: 'Pod', name: 'p', uid: 'u', extra: 1 }],
    });
    expect(meta).toEqual({ name: 'a', ownerReferences: [{ apiVersion: 'v1', kind: 'Pod', name: 'p', uid: 'u' }] });
    expect(unknownFields).toEqual(['metadata.color', 'metadata.ownerReferences[0].extra']);
  });

  it.each<[string, unknown]>([
    ['labels that are not a map', { labels: 'x' }],
    ['a malformed creationTimestamp', { creationTimestamp: 'yesterday' }],
    ['metadata that is not an object', 'x'],
  ])('refuses %s', (_name, value) => {
    expect(() => decodeObjectMeta(value)).toThrow(TypeMismatchError);
  });
});

describe('coerceObjectMeta', () => {
  it('replaces metadata by its decoded form and prefixes the dropped paths', () => {
    const obj: Record<string, unknown> = { metadata: { name: 'a', junk: true, labels: null } };
    expect(coerceObjectMeta(obj, FieldPath.root('spec').child('template'))).toEqual(['spec.template.metadata.junk']);
    expect(obj['metadata']).toEqual({ name: 'a' });
  });

  it('leaves an object without metadata alone', () => {
    const obj = { spec: {} };
    expect(coerceObjectMeta(obj)).toEqual([]);
    expect(obj).toEqual({ spec: {} });
  });
});

describe('coerceEmbeddedObjectMeta', () => {
  it('coerces the metadata of embedded resources in lists and maps, not of other objects', () => {
    const embedded = {
      type: 'object',
      'x-kubernetes-embedded-resource': true,
      'x-kubernetes-preserve-unknown-fields': true,
    };
    const schema = parseSchemaProps({
      type: 'object',
      properties: {
        list: { type: 'array', items: embedded },
        map: { type: 'object', additionalProperties: embedded },
        plain: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
      },
    });
    const obj = {
      list: [{ metadata: { b: 1 } }],
      map: { k: { metadata: { a: 1 } } },
      plain: { metadata: { c: 1 } },
    };
    expect(coerceEmbeddedObjectMeta(obj, schema)).toEqual(['list[0].metadata.b', 'map[k].metadata.a']);
    expect(obj.plain).toEqual({ metadata: { c: 1 } });
  });
});
