import { describe, expect, test } from 'vitest';
import type { SchemaTable } from '../../api/schema-table.ts';
import { resolveField, tableLookup } from '../../api/schema-table.ts';
import { testLookup, widgetType } from './test-schema.ts';
import type { ListType, MapType, TypeNode } from './type-node.ts';
import { ZERO_STRUCT, compileSchema, fieldType, implicitZero, resolveType } from './type-node.ts';

function field(map: TypeNode, ...path: string[]): TypeNode {
  let node = map;
  for (const name of path) {
    if (node.kind === 'list') node = node.element;
    node = fieldType(node as MapType, name)!;
  }
  return node;
}

function compileField(table: SchemaTable, fieldSchema: Parameters<typeof resolveField>[1]): TypeNode {
  const lookup = tableLookup(table);
  return compileSchema(lookup, resolveField(lookup, fieldSchema));
}

describe('compileSchema', () => {
  test.each([
    ['a listType=map list is keyed by its map keys', ['spec', 'containers'], { atomic: false, keys: ['name'] }],
    ['a listType=set list has no keys', ['spec', 'tags'], { atomic: false, keys: [] }],
    ['a list without listType is atomic', ['spec', 'args'], { atomic: true, keys: [] }],
  ])('%s', (_name, path, expected) => {
    const list = field(widgetType, ...path) as ListType;
    expect(list.kind).toBe('list');
    expect({ atomic: list.atomic, keys: list.keys }).toEqual(expected);
  });

  test.each([
    ['a struct with mapType atomic is atomic', ['spec', 'selector'], true],
    ['an inline map with mapType atomic is atomic', ['spec', 'nodeSelector'], true],
    ['a struct is granular by default', ['spec', 'strategy'], false],
    ['a map of strings is granular by default', ['metadata', 'labels'], false],
  ])('%s', (_name, path, atomic) => {
    const map = field(widgetType, ...path) as MapType;
    expect(map.kind).toBe('map');
    expect(map.atomic).toBe(atomic);
  });

  test('a list with a merge patch strategy and key but no listType is keyed by the merge key', () => {
    const list = compileField(
      { definitions: { Item: { type: 'object', properties: { id: { type: 'string' } } } } },
      { type: 'array', items: { ref: 'Item' }, patchStrategy: 'merge', patchMergeKey: 'id' },
    ) as ListType;
    expect({ atomic: list.atomic, keys: list.keys }).toEqual({ atomic: false, keys: ['id'] });
  });

  test('a list with a merge patch strategy and no key is a set', () => {
    const list = compileField(
      { definitions: {} },
      { type: 'array', items: { type: 'string' }, patchStrategy: 'merge' },
    );
    expect(list).toMatchObject({ kind: 'list', atomic: false, keys: [] });
  });

  test('a field can make a granular definition atomic and an atomic one granular', () => {
    const table: SchemaTable = {
      definitions: {
        Ref: { type: 'object', properties: { name: { type: 'string' } }, mapType: 'atomic' },
        Holder: {
          type: 'object',
          properties: { granular: { ref: 'Ref', mapType: 'granular' }, atomic: { ref: 'Ref' } },
        },
      },
    };
    const holder = compileField(table, { ref: 'Holder' }) as MapType;
    expect((fieldType(holder, 'granular') as MapType).atomic).toBe(false);
    expect((fieldType(holder, 'atomic') as MapType).atomic).toBe(true);
  });

  test.each([
    ['integers are numeric', { type: 'integer' as const }, 'numeric'],
    ['plain strings are strings', { type: 'string' as const }, 'string'],
    ['int-or-string is untyped', { type: 'string' as const, format: 'int-or-string' as const }, 'untyped'],
    ['date-time is untyped', { type: 'string' as const, format: 'date-time' as const }, 'untyped'],
  ])('%s', (_name, schema, scalar) => {
    expect(compileField({ definitions: {} }, schema)).toEqual({ kind: 'scalar', scalar });
  });

  test('a struct records the fields a Go zero value has: required ones and the metadata, spec and status structs', () => {
    const widget = widgetType as MapType;
    expect(implicitZero(widget, 'metadata')).toBe(ZERO_STRUCT);
    expect(implicitZero(widget, 'spec')).toBe(ZERO_STRUCT);
    expect(implicitZero(widget, 'kind')).toBeUndefined();
    const spec = fieldType(widget, 'spec') as MapType;
    expect(implicitZero(spec, 'containers')).toBeNull();
    const container = (fieldType(spec, 'containers') as ListType).element as MapType;
    expect(implicitZero(container, 'name')).toBe('');
  });

  test('untyped values take the shape of the value', () => {
    const any = compileSchema(testLookup, {});
    expect(resolveType(any, { a: 1 }).kind).toBe('map');
    expect(resolveType(any, [1]).kind).toBe('list');
    expect(resolveType(any, 'x').kind).toBe('scalar');
  });
});
