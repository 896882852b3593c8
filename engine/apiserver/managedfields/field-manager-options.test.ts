import { describe, expect, test } from 'vitest';
import { updaterContext } from './field-manager-options.ts';
import { memberPaths } from './field-set.ts';
import { testLookup, widgetSchema } from './test-schema.ts';

describe('updaterContext', () => {
  test('compiles the schema and turns reset fields into a set', () => {
    const ctx = updaterContext({
      schema: widgetSchema,
      lookup: testLookup,
      resetFields: [['status'], ['metadata', 'labels']],
    });
    expect(ctx.type.kind).toBe('map');
    expect(ctx.typed).toBe(true);
    expect(memberPaths(ctx.ignored)).toEqual([['f:status'], ['f:metadata', 'f:labels']]);
  });

  test('treats custom resources as unstructured', () => {
    expect(updaterContext({ schema: widgetSchema, lookup: testLookup, unstructured: true }).typed).toBe(false);
  });
});
