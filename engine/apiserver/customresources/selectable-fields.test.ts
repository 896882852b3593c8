import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/object.ts';
import { selectableFieldSelectors } from './selectable-fields.ts';

const obj: KubeObject = { metadata: { name: 'x' }, spec: { color: 'blue', size: 3, ratio: 0.5, enabled: true } };

describe('selectableFieldSelectors', () => {
  const selectors = selectableFieldSelectors([
    '.spec.color',
    '.spec.size',
    '.spec.ratio',
    '.spec.enabled',
    '.spec.missing',
    '.spec[',
  ]);

  it('names each selector after its path without the leading dot and skips paths that do not parse', () => {
    expect(Object.keys(selectors)).toEqual(['spec.color', 'spec.size', 'spec.ratio', 'spec.enabled', 'spec.missing']);
  });

  it.each([
    ['spec.color', 'blue'],
    ['spec.size', '3'],
    ['spec.ratio', '0.5'],
    ['spec.enabled', 'true'],
    ['spec.missing', ''],
  ])('reads %s as %j', (name, value) => {
    expect(selectors[name]?.(obj)).toBe(value);
  });
});
