import { describe, expect, test } from 'vitest';
import { widgetType } from './test-schema.ts';
import { validateTyped } from './validate-typed.ts';

describe('validateTyped', () => {
  test('accepts a configuration that fits the schema', () => {
    const config = {
      apiVersion: 'example.io/v1',
      kind: 'Widget',
      metadata: { name: 'w', labels: { app: 'w' } },
      spec: { replicas: 1, containers: [{ name: 'a', ports: [{ containerPort: 80, protocol: 'TCP' }] }], tags: ['x'] },
    };
    expect(validateTyped(config, widgetType)).toBeUndefined();
  });

  test.each([
    ['an undeclared field', { spec: { foo: 1 } }, '.spec.foo: field not declared in schema'],
    [
      'an undeclared field inside a list item',
      { spec: { containers: [{ name: 'a', foo: 1 }] } },
      '.spec.containers[name="a"].foo: field not declared in schema',
    ],
    [
      'a string for a number',
      { spec: { replicas: '3' } },
      '.spec.replicas: expected numeric (int or float), got string',
    ],
    [
      'a number for a string',
      { spec: { containers: [{ name: 'a', image: 5 }] } },
      '.spec.containers[name="a"].image: expected string, got &value.valueUnstructured{Value:5}',
    ],
    ['a string for a boolean', { spec: { paused: 'yes' } }, '.spec.paused: expected boolean, got &{yes}'],
    ['a map for a list', { spec: { tags: { a: 'b' } } }, '.spec.tags: expected list, got &{map[a:b]}'],
    ['a list for a struct', { spec: [1] }, '.spec: expected map, got &{[1]}'],
    [
      'duplicate keys',
      { spec: { containers: [{ name: 'a' }, { name: 'a' }] } },
      '.spec.containers: duplicate entries for key [name="a"]',
    ],
    [
      'an item without its key',
      { spec: { containers: [{ image: 'x' }] } },
      '.spec.containers: element 0: associative list with keys has an element that omits key field "name" (and doesn\'t have default value)',
    ],
    [
      'several problems',
      { spec: { replicas: 'x', paused: 1 } },
      'errors:\n  .spec.replicas: expected numeric (int or float), got string\n  .spec.paused: expected boolean, got &{1}',
    ],
  ])('reports %s', (_name, config, message) => {
    expect(validateTyped(config, widgetType)).toBe(message);
  });
});
