import { describe, expect, it } from 'vitest';
import { applyDefaults } from './defaulting.ts';
import { parseSchemaProps } from './schema-props.ts';
import { PIPELINE_SCHEMA } from './test-crds.ts';

const schema = parseSchemaProps({
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      default: {},
      properties: {
        replicas: { type: 'integer', default: 1 },
        note: { type: 'string', nullable: true, default: 'hello' },
        limits: { type: 'object', additionalProperties: { type: 'integer', default: 7 } },
        mode: { type: 'object', default: { kind: 'fast', junk: true }, properties: { kind: { type: 'string' } } },
      },
    },
  },
});

describe('applyDefaults', () => {
  it.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    [
      'fills an absent object, then the defaults inside it',
      {},
      { spec: { replicas: 1, note: 'hello', mode: { kind: 'fast' } } },
    ],
    [
      'keeps values that are set',
      { spec: { replicas: 3, note: 'x', mode: { kind: 'safe' } } },
      {
        spec: { replicas: 3, note: 'x', mode: { kind: 'safe' } },
      },
    ],
    ['keeps a nullable null', { spec: { note: null } }, { spec: { replicas: 1, note: null, mode: { kind: 'fast' } } }],
    [
      'replaces a non-nullable null',
      { spec: { replicas: null } },
      { spec: { replicas: 1, note: 'hello', mode: { kind: 'fast' } } },
    ],
    [
      'defaults null map values',
      { spec: { limits: { cpu: null, mem: 2 } } },
      {
        spec: { replicas: 1, note: 'hello', mode: { kind: 'fast' }, limits: { cpu: 7, mem: 2 } },
      },
    ],
  ])('%s', (_name, obj, expected) => {
    applyDefaults(obj, schema);
    expect(obj).toEqual(expected);
  });

  it('defaults inside the items of arrays of objects, at every depth', () => {
    const obj = {
      spec: { stages: [{ name: 'a', steps: [{ run: 'x' }, { run: 'y', timeoutSeconds: 5 }] }, { name: 'b' }] },
    };
    applyDefaults(obj, parseSchemaProps(PIPELINE_SCHEMA));
    expect(obj.spec.stages).toEqual([
      {
        name: 'a',
        steps: [
          { run: 'x', timeoutSeconds: 60 },
          { run: 'y', timeoutSeconds: 5 },
        ],
      },
      { name: 'b' },
    ]);
  });

  it('gives every object its own copy of a default', () => {
    const first: Record<string, unknown> = {};
    const second: Record<string, unknown> = {};
    applyDefaults(first, schema);
    applyDefaults(second, schema);
    (first['spec'] as Record<string, unknown>)['replicas'] = 9;
    expect((second['spec'] as Record<string, unknown>)['replicas']).toBe(1);
  });

  it('replaces a null list item with the default of the items', () => {
    const items = parseSchemaProps({ type: 'array', items: { type: 'string', default: 'x' } });
    const list = ['a', null];
    applyDefaults(list, items);
    expect(list).toEqual(['a', 'x']);
  });
});
