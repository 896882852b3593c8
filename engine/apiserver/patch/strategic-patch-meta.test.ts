import { describe, expect, it } from 'vitest';
import type { ResolvedSchema, SchemaTable } from '../../api/schema-table.ts';
import { resolveField, tableLookup } from '../../api/schema-table.ts';
import { goKindOfItems, listFieldMeta, mapFieldMeta } from './strategic-patch-meta.ts';

const table: SchemaTable = {
  definitions: {
    'test.Spec': {
      type: 'object',
      properties: {
        containers: { type: 'array', items: { ref: 'test.Container' }, patchStrategy: 'merge', patchMergeKey: 'name' },
        volumes: {
          type: 'array',
          items: { ref: 'test.Container' },
          patchStrategy: 'merge,retainKeys',
          patchMergeKey: 'name',
        },
        strategy: { ref: 'test.Container', patchStrategy: 'retainKeys' },
        odd: { type: 'array', items: { type: 'string' }, patchStrategy: 'merge,replace,retainKeys' },
        labels: { type: 'object', additionalProperties: { type: 'string' } },
        tolerations: { type: 'array', items: { ref: 'test.Container' } },
      },
    },
    'test.Container': { type: 'object', properties: { name: { type: 'string' } } },
  },
};
const lookup = tableLookup(table);
const spec = resolveField(lookup, { ref: 'test.Spec' });

describe('listFieldMeta', () => {
  it.each<[string, string, string, string, string | undefined]>([
    ['a merging list has its strategy, merge key and item schema', 'containers', 'merge', 'name', 'test.Container'],
    ['retainKeys is set aside from a list strategy', 'volumes', 'merge', 'name', 'test.Container'],
    ['an atomic list has no strategy', 'tolerations', '', '', 'test.Container'],
    ['an unknown field has no metadata', 'unknown', '', '', undefined],
  ])('%s', (_name, field, strategy, mergeKey, itemRef) => {
    const meta = listFieldMeta(lookup, spec, field);
    expect({ strategy: meta.strategy, mergeKey: meta.mergeKey, itemRef: meta.schema?.field?.ref }).toEqual({
      strategy,
      mergeKey,
      itemRef,
    });
  });

  it('refuses a strategy with more than two parts', () => {
    expect(() => listFieldMeta(lookup, spec, 'odd')).toThrow('unexpected patch strategy: [merge replace retainKeys]');
  });

  it('knows nothing below an unknown node', () => {
    expect(listFieldMeta(lookup, undefined, 'containers')).toEqual({ schema: undefined, strategy: '', mergeKey: '' });
  });
});

describe('mapFieldMeta', () => {
  it('gives a retainKeys struct no strategy of its own', () => {
    const meta = mapFieldMeta(lookup, spec, 'strategy');
    expect([meta.strategy, meta.schema?.definition]).toEqual(['', table.definitions['test.Container']]);
  });

  it('gives the values of a map their schema', () => {
    const labels = mapFieldMeta(lookup, spec, 'labels').schema;
    expect(mapFieldMeta(lookup, labels, 'app').schema?.type).toBe('string');
  });

  it('ignores inherited names like "constructor"', () => {
    expect(mapFieldMeta(lookup, spec, 'constructor').schema).toBeUndefined();
  });
});

describe('goKindOfItems', () => {
  it.each<[string, ResolvedSchema | undefined, string]>([
    ['a struct', resolveField(lookup, { ref: 'test.Container' }), 'struct'],
    ['a string', { type: 'string' }, 'string'],
    ['a quantity, which is a struct in Go', { type: 'string', format: 'quantity' }, 'struct'],
    ['an int32', { type: 'integer', format: 'int32' }, 'int32'],
    ['a map', { type: 'object' }, 'map'],
    ['nothing known', undefined, 'interface'],
  ])('names %s', (_name, items, kind) => {
    expect(goKindOfItems(items)).toBe(kind);
  });
});
