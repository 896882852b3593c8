import { describe, expect, it } from 'vitest';
import { TypeMismatchError } from '../endpoints/decode/typed-decode.ts';
import { parseSchemaProps } from './schema-props.ts';
import { pruneCustomResource, pruneNonNullableNulls, pruneUnknownFields } from './pruning.ts';
import { PIPELINE_SCHEMA } from './test-crds.ts';

const pipeline = parseSchemaProps(PIPELINE_SCHEMA);

describe('pruneUnknownFields', () => {
  it.each<[string, Record<string, unknown>, Record<string, unknown>, string[]]>([
    [
      'drops a field the schema does not specify',
      { spec: { mode: 'fast', foo: 1 } },
      { spec: { mode: 'fast' } },
      ['spec.foo'],
    ],
    ['drops an unknown top-level field', { spec: {}, extraneous: true }, { spec: {} }, ['extraneous']],
    [
      'drops unknown fields inside items of arrays of objects',
      { spec: { stages: [{ name: 'a', steps: [{ run: 'x', shell: 'sh' }], color: 'red' }] } },
      { spec: { stages: [{ name: 'a', steps: [{ run: 'x' }] }] } },
      ['spec.stages[0].color', 'spec.stages[0].steps[0].shell'],
    ],
    [
      'keeps every field below x-kubernetes-preserve-unknown-fields',
      { spec: { extra: { anything: { deep: [1, { x: 2 }] } } } },
      { spec: { extra: { anything: { deep: [1, { x: 2 }] } } } },
      [],
    ],
    [
      'keeps the apiVersion, kind and metadata of an embedded resource',
      { spec: { template: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [] } } } },
      { spec: { template: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [] } } } },
      [],
    ],
    [
      'keeps the apiVersion, kind and metadata of the object itself',
      { apiVersion: 'ci.example.io/v1', kind: 'Pipeline', metadata: { name: 'p' } },
      { apiVersion: 'ci.example.io/v1', kind: 'Pipeline', metadata: { name: 'p' } },
      [],
    ],
    [
      'keeps the keys of a map of strings',
      { spec: { stages: [{ name: 'a', steps: [{ env: { A: '1' } }] }] } },
      {
        spec: { stages: [{ name: 'a', steps: [{ env: { A: '1' } }] }] },
      },
      [],
    ],
  ])('%s', (_name, obj, expected, unknown) => {
    expect(pruneUnknownFields(obj, pipeline, true)).toEqual(unknown);
    expect(obj).toEqual(expected);
  });

  it('drops everything inside an object whose schema says nothing of its fields', () => {
    const obj = { spec: { a: 1 } };
    const schema = parseSchemaProps({ type: 'object', properties: { spec: { type: 'object' } } });
    expect(pruneUnknownFields(obj, schema, true)).toEqual(['spec.a']);
    expect(obj).toEqual({ spec: {} });
  });

  it('still prunes specified fields below x-kubernetes-preserve-unknown-fields', () => {
    const schema = parseSchemaProps({
      type: 'object',
      'x-kubernetes-preserve-unknown-fields': true,
      properties: { spec: { type: 'object', properties: { a: { type: 'string' } } } },
    });
    const obj = { kept: 1, spec: { a: 'x', b: 'y' } };
    expect(pruneUnknownFields(obj, schema, true)).toEqual(['spec.b']);
    expect(obj).toEqual({ kept: 1, spec: { a: 'x' } });
  });
});

describe('pruneNonNullableNulls', () => {
  it('drops nulls of fields that are neither nullable nor defaulted', () => {
    const schema = parseSchemaProps({
      type: 'object',
      properties: {
        plain: { type: 'string' },
        nullable: { type: 'string', nullable: true },
        defaulted: { type: 'string', default: 'x' },
      },
    });
    const obj = { plain: null, nullable: null, defaulted: null, unknown: null };
    pruneNonNullableNulls(obj, schema);
    expect(obj).toEqual({ nullable: null, defaulted: null, unknown: null });
  });
});

describe('pruneCustomResource', () => {
  it('reports unknown metadata fields first, then pruned fields, then those of embedded metadata', () => {
    const obj = {
      apiVersion: 'ci.example.io/v1',
      kind: 'Pipeline',
      metadata: { name: 'p', colour: 'blue' },
      spec: { foo: 1, template: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x', bogus: true } } },
    };
    expect(pruneCustomResource(obj, pipeline)).toEqual(['metadata.colour', 'spec.foo', 'spec.template.metadata.bogus']);
    expect(obj).toEqual({
      apiVersion: 'ci.example.io/v1',
      kind: 'Pipeline',
      metadata: { name: 'p' },
      spec: { template: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x' } } },
    });
  });

  it('refuses metadata of the wrong type as a decoding error', () => {
    expect(() => pruneCustomResource({ metadata: { labels: 'x' } }, pipeline)).toThrow(TypeMismatchError);
  });
});
