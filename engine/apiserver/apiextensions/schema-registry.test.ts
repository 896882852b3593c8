import { describe, expect, it } from 'vitest';
import type { DefinitionSchema, SchemaLookup } from '../../api/schema-table.ts';
import { SchemaRegistry } from './schema-registry.ts';

const builtinPod: DefinitionSchema = { type: 'object', properties: { spec: { type: 'object' } } };
const builtin: SchemaLookup = { definition: (name) => (name === 'io.k8s.api.core.v1.Pod' ? builtinPod : undefined) };
const widget: DefinitionSchema = { type: 'object', properties: { size: { type: 'integer' } } };
const widgetV2: DefinitionSchema = { type: 'object', properties: { size: { type: 'string' } } };

describe('SchemaRegistry', () => {
  it('answers built-in definitions and nothing for unknown names', () => {
    const registry = new SchemaRegistry(builtin);
    expect(registry.definition('io.k8s.api.core.v1.Pod')).toBe(builtinPod);
    expect(registry.definition('com.example.v1.Widget')).toBeUndefined();
  });

  it('answers a CRD table once it is set, even for a name looked up before', () => {
    const registry = new SchemaRegistry(builtin);
    expect(registry.definition('com.example.v1.Widget')).toBeUndefined();
    registry.set('widgets.example.com/v1', { definitions: { 'com.example.v1.Widget': widget } });
    expect(registry.definition('com.example.v1.Widget')).toBe(widget);
  });

  it('answers the replaced table after a set under the same owner', () => {
    const registry = new SchemaRegistry(builtin);
    registry.set('widgets.example.com/v1', { definitions: { 'com.example.v1.Widget': widget } });
    expect(registry.definition('com.example.v1.Widget')).toBe(widget);
    registry.set('widgets.example.com/v1', { definitions: { 'com.example.v1.Widget': widgetV2 } });
    expect(registry.definition('com.example.v1.Widget')).toBe(widgetV2);
  });

  it('forgets a removed table', () => {
    const registry = new SchemaRegistry(builtin);
    registry.set('widgets.example.com/v1', { definitions: { 'com.example.v1.Widget': widget } });
    expect(registry.definition('com.example.v1.Widget')).toBe(widget);
    registry.remove('widgets.example.com/v1');
    expect(registry.definition('com.example.v1.Widget')).toBeUndefined();
  });
});
