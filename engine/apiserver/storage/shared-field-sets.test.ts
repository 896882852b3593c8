import { describe, expect, it } from 'vitest';
import type { JsonObject, KubeObject } from '../../api/object.ts';
import { SharedFieldSets } from './shared-field-sets.ts';

const controllerFields = (): JsonObject => ({ 'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } }, 'f:spec': {} });
const kubeletFields = (): JsonObject => ({ 'f:status': { 'f:phase': {} } });

function pod(name: string, ...trees: JsonObject[]): KubeObject {
  return {
    metadata: {
      name,
      managedFields: trees.map((fieldsV1, i) => ({ manager: `m${i}`, operation: 'Update', fieldsV1 })),
    },
  };
}

const treeOf = (obj: KubeObject, i: number) => obj.metadata.managedFields![i]!.fieldsV1;

describe('SharedFieldSets', () => {
  it('gives objects with equal fieldsV1 trees one tree', () => {
    const shared = new SharedFieldSets();
    const a = shared.share(pod('a', controllerFields(), kubeletFields()));
    const b = shared.share(pod('b', controllerFields(), kubeletFields()));
    expect(treeOf(a, 0)).toBe(treeOf(b, 0));
    expect(treeOf(a, 1)).toBe(treeOf(b, 1));
    expect(shared.size).toBe(2);
  });

  it('keeps different trees apart and their contents unchanged', () => {
    const shared = new SharedFieldSets();
    const a = shared.share(pod('a', controllerFields()));
    const b = shared.share(pod('b', kubeletFields()));
    expect(treeOf(a, 0)).not.toBe(treeOf(b, 0));
    expect(treeOf(a, 0)).toEqual(controllerFields());
    expect(treeOf(b, 0)).toEqual(kubeletFields());
  });

  it('freezes a shared tree down to its leaves, so a change without a copy fails', () => {
    const shared = new SharedFieldSets();
    const tree = treeOf(shared.share(pod('a', controllerFields())), 0)!;
    expect(() => {
      (tree['f:metadata'] as JsonObject)['f:name'] = {};
    }).toThrow(TypeError);
  });

  it('leaves objects without managedFields as they are', () => {
    const shared = new SharedFieldSets();
    const obj: KubeObject = { metadata: { name: 'plain' } };
    expect(shared.share(obj)).toEqual({ metadata: { name: 'plain' } });
    expect(shared.size).toBe(0);
  });
});
