import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { SchemaTable } from '../../api/schema-table.ts';
import { resolveField, tableLookup } from '../../api/schema-table.ts';
import type { PatchFailure } from './patch-error.ts';
import { applyStrategicMergePatch } from './strategic-merge-patch.ts';

// The MergeItem type upstream's strategicpatch tests use, as a schema table.
const item = { ref: 'test.MergeItem' };
const mergeItemTable: SchemaTable = {
  definitions: {
    'test.MergeItem': {
      type: 'object',
      properties: {
        name: { type: 'string' },
        value: { type: 'string' },
        other: { type: 'string' },
        mergingList: { type: 'array', items: item, patchStrategy: 'merge', patchMergeKey: 'name' },
        nonMergingList: { type: 'array', items: item },
        mergingIntList: { type: 'array', items: { type: 'integer' }, patchStrategy: 'merge' },
        nonMergingIntList: { type: 'array', items: { type: 'integer' } },
        mergeItemPtr: { type: 'array', items: item, patchStrategy: 'merge', patchMergeKey: 'name' },
        simpleMap: { type: 'object', additionalProperties: { type: 'string' } },
        replacingItem: { type: 'object', patchStrategy: 'replace' },
        retainKeysMap: { ref: 'test.RetainKeysMergeItem', patchStrategy: 'retainKeys' },
        retainKeysMergingList: {
          type: 'array',
          items: item,
          patchStrategy: 'merge,retainKeys',
          patchMergeKey: 'name',
        },
      },
    },
    'test.RetainKeysMergeItem': {
      type: 'object',
      properties: {
        name: { type: 'string' },
        value: { type: 'string' },
        other: { type: 'string' },
        simpleMap: { type: 'object', additionalProperties: { type: 'string' } },
        mergingIntList: { type: 'array', items: { type: 'integer' }, patchStrategy: 'merge' },
        mergingList: { type: 'array', items: item, patchStrategy: 'merge', patchMergeKey: 'name' },
        nonMergingList: { type: 'array', items: item },
      },
    },
  },
};
const lookup = tableLookup(mergeItemTable);
const mergeItem = resolveField(lookup, item);

function apply(original: string, patch: string): unknown {
  return applyStrategicMergePatch(parse(original), parse(patch), mergeItem, lookup);
}

describe('applyStrategicMergePatch merges as upstream does', () => {
  it.each<[string, string, string, string]>([
    [
      'a merging list of primitives adds new values once',
      'mergingIntList: [1, 2]',
      'mergingIntList: [2, 3]',
      'mergingIntList: [1, 2, 3]',
    ],
    [
      'a non-merging list of primitives is replaced',
      'nonMergingIntList: [1, 2]',
      'nonMergingIntList: [3]',
      'nonMergingIntList: [3]',
    ],
    [
      'a map is emptied by $patch: delete',
      'simpleMap: {key1: "1", key2: "1"}',
      'simpleMap: {$patch: delete}',
      'simpleMap: {}',
    ],
    [
      'a map is replaced by $patch: replace',
      'simpleMap: {a: "1"}',
      'simpleMap: {$patch: replace, b: "2"}',
      'simpleMap: {b: "2"}',
    ],
    [
      'the whole object is replaced by a top-level $patch: replace',
      '{name: "1", value: "1"}',
      '{other: a, $patch: replace}',
      '{other: a}',
    ],
    [
      'a merging list is emptied by a lone $patch: replace item',
      'mergingList: [{name: 1}, {name: 2}]',
      'mergingList: [{$patch: replace}]',
      'mergingList: []',
    ],
    ['empty merging lists merge to an empty list', 'mergingList: []', 'mergingList: []', 'mergingList: []'],
    [
      'every duplicate of a deleted item goes',
      'mergingList: [{name: 1}, {name: 1}, {name: 2, value: a}, {name: 3}, {name: 3}]',
      'mergingList: [{name: 1, $patch: delete}, {name: 3, $patch: delete}]',
      'mergingList: [{name: 2, value: a}]',
    ],
    [
      'deleting a missing item changes nothing',
      'mergingList: [{name: 1}]',
      'mergingList: [{name: 9, $patch: delete}]',
      'mergingList: [{name: 1}]',
    ],
    [
      'items merge by merge key, keeping live fields',
      'mergingList: [{name: 1, value: a}, {name: 2, value: b}]',
      'mergingList: [{name: 2, other: x}]',
      'mergingList: [{name: 1, value: a}, {name: 2, value: b, other: x}]',
    ],
    [
      'null deletes a field of a list item',
      'mergingList: [{name: 1, value: a, other: b}]',
      'mergingList: [{name: 1, value: null}]',
      'mergingList: [{name: 1, other: b}]',
    ],
    [
      'the order of the patch is kept in a merging list',
      'mergingList: [{name: 1}, {name: 2, value: b}, {name: 3}]',
      'mergingList: [{name: 3, value: c}, {name: 1, value: a}, {name: 2, other: x}]',
      'mergingList: [{name: 3, value: c}, {name: 1, value: a}, {name: 2, value: b, other: x}]',
    ],
    [
      'items the patch leaves out keep their live place',
      'mergingList: [{name: 1}, {name: 2, value: b}, {name: 3}]',
      'mergingList: [{name: 3, value: c}, {name: 1, value: a}]',
      'mergingList: [{name: 2, value: b}, {name: 3, value: c}, {name: 1, value: a}]',
    ],
    [
      'the order of the patch is kept in a merging int list',
      'mergingIntList: [1, 2, 3]',
      'mergingIntList: [3, 1, 2]',
      'mergingIntList: [3, 1, 2]',
    ],
    [
      'values the patch leaves out keep their live place',
      'mergingIntList: [1, 2, 3]',
      'mergingIntList: [3, 1]',
      'mergingIntList: [2, 3, 1]',
    ],
    [
      '$setElementOrder may name items the list does not have',
      'mergingList: [{name: 1}, {name: 3}]',
      '{$setElementOrder/mergingList: [{name: 3}, {name: 2}, {name: 1}], mergingList: [{name: 3, value: "3"}, {name: 1, value: "1"}]}',
      'mergingList: [{name: 3, value: "3"}, {name: 1, value: "1"}]',
    ],
    [
      '$setElementOrder alone reorders an int list',
      'mergingIntList: [1, 3]',
      '$setElementOrder/mergingIntList: [3, 2, 1]',
      'mergingIntList: [3, 1]',
    ],
    [
      '$deleteFromPrimitiveList ignores values not in the list',
      'mergingIntList: [1, 2]',
      '$deleteFromPrimitiveList/mergingIntList: [3]',
      'mergingIntList: [1, 2]',
    ],
    [
      '$deleteFromPrimitiveList leaves a null list alone',
      'mergingIntList: null',
      '$deleteFromPrimitiveList/mergingIntList: [3]',
      'mergingIntList: null',
    ],
    [
      '$deleteFromPrimitiveList creates no missing list',
      'foo: [bar]',
      '$deleteFromPrimitiveList/mergingIntList: [3]',
      'foo: [bar]',
    ],
    [
      '$deleteFromPrimitiveList deletes from a merging list',
      'mergingIntList: [1, 2, 3]',
      '$deleteFromPrimitiveList/mergingIntList: [2]',
      'mergingIntList: [1, 3]',
    ],
    [
      '$deleteFromPrimitiveList deletes from a non-merging list too',
      'nonMergingIntList: [1, 2, 3]',
      '$deleteFromPrimitiveList/nonMergingIntList: [2]',
      'nonMergingIntList: [1, 3]',
    ],
    [
      'a map with the retainKeys strategy still merges without $retainKeys',
      'retainKeysMap: {name: foo, value: a}',
      'retainKeysMap: {value: b, other: c}',
      'retainKeysMap: {name: foo, value: b, other: c}',
    ],
    [
      'an empty map merges into a retainKeys map',
      'retainKeysMap: {name: foo, value: a}',
      'retainKeysMap: {}',
      'retainKeysMap: {name: foo, value: a}',
    ],
    [
      'a retainKeys list merges its items without $retainKeys',
      'retainKeysMergingList: [{name: bar}, {name: foo, value: a}]',
      'retainKeysMergingList: [{name: foo, value: null, other: b}]',
      'retainKeysMergingList: [{name: bar}, {name: foo, other: b}]',
    ],
    [
      '$retainKeys clears a defaulted field',
      'retainKeysMap: {value: foo}',
      'retainKeysMap: {$retainKeys: [other], other: bar}',
      'retainKeysMap: {other: bar}',
    ],
    [
      '$retainKeys switches a discriminated union',
      'retainKeysMap: {name: type1, value: foo}',
      'retainKeysMap: {$retainKeys: [name, other], name: type2, other: bar}',
      'retainKeysMap: {name: type2, other: bar}',
    ],
    [
      '$retainKeys works inside the items of a merging list',
      'retainKeysMergingList: [{name: foo, value: a, other: b}]',
      'retainKeysMergingList: [{name: foo, $retainKeys: [name, value], value: c}]',
      'retainKeysMergingList: [{name: foo, value: c}]',
    ],
    [
      'a non-merging list of maps is replaced',
      'nonMergingList: [{name: 1, value: a}]',
      'nonMergingList: [{name: 2}]',
      'nonMergingList: [{name: 2}]',
    ],
    [
      'a map with the replace strategy is replaced',
      'replacingItem: {a: 1, b: 2}',
      'replacingItem: {c: 3}',
      'replacingItem: {c: 3}',
    ],
    ['null deletes a field', '{name: foo, value: a}', '{value: null}', '{name: foo}'],
    ['null for a missing field changes nothing', '{name: foo}', '{value: null}', '{name: foo}'],
    ['nulls in a new map are dropped', '{}', 'complex: {nested: null, nested2: foo}', 'complex: {nested2: foo}'],
    [
      'nulls in maps inside a new list are dropped',
      '{}',
      'complex: [{inner: {one: foo, two: null}}]',
      'complex: [{inner: {one: foo}}]',
    ],
    ['null items of a new list stay', '{}', 'complex: [key1, null, key2]', 'complex: [key1, null, key2]'],
    ['nulls already in the object stay', '{thing: null}', 'nested: {value: 5}', '{thing: null, nested: {value: 5}}'],
    ['a new map that carries $patch is not added', '{}', 'simpleMap: {$patch: replace, a: b}', '{}'],
    [
      'a new item of a merging list comes first, as sent, nulls included',
      'mergingList: [{name: 1}]',
      'mergingList: [{name: 2, value: null}]',
      'mergingList: [{name: 2, value: null}, {name: 1}]',
    ],
    [
      'fields without a schema merge like a JSON merge patch',
      '{unknown: {a: 1, list: [1, 2]}}',
      '{unknown: {b: 2, list: [3]}}',
      '{unknown: {a: 1, b: 2, list: [3]}}',
    ],
  ])('%s', (_name, original, patch, expected) => {
    expect(apply(original, patch)).toEqual(parse(expected));
  });
});

describe('applyStrategicMergePatch orders merged lists as upstream does', () => {
  // Current object, the patch kubectl apply computes (upstream's ThreeWay), and the result upstream expects.
  it.each<[string, string, string, string]>([
    [
      'new items take their places from $setElementOrder',
      'mergingList: [{name: 1, other: a}, {name: 2, value: "2", other: b}]',
      '{$setElementOrder/mergingList: [{name: 4}, {name: 1}, {name: 2}, {name: 3}], mergingList: [{name: 4, value: "4"}, {name: 3, value: "3"}]}',
      'mergingList: [{name: 4, value: "4"}, {name: 1, other: a}, {name: 2, value: "2", other: b}, {name: 3, value: "3"}]',
    ],
    [
      '$setElementOrder reorders the live items',
      'mergingList: [{name: 1, other: a}, {name: 3, value: "3"}, {name: 4, value: "4"}, {name: 2, value: "2"}]',
      '$setElementOrder/mergingList: [{name: 4}, {name: 2}, {name: 3}, {name: 1}]',
      'mergingList: [{name: 4, value: "4"}, {name: 2, value: "2"}, {name: 3, value: "3"}, {name: 1, other: a}]',
    ],
    [
      'a server-only item at the end stays at the end',
      'mergingList: [{name: 1, other: a}, {name: 3}, {name: 4}, {name: 2}, {name: 9}]',
      '$setElementOrder/mergingList: [{name: 4}, {name: 2}, {name: 3}, {name: 1}]',
      'mergingList: [{name: 4}, {name: 2}, {name: 3}, {name: 1, other: a}, {name: 9}]',
    ],
    [
      'a server-only item stays after the item it followed',
      'mergingList: [{name: 1, other: a}, {name: 2}, {name: 9}, {name: 3}, {name: 4}]',
      '$setElementOrder/mergingList: [{name: 2}, {name: 1}, {name: 4}, {name: 3}]',
      'mergingList: [{name: 2}, {name: 1, other: a}, {name: 9}, {name: 4}, {name: 3}]',
    ],
    [
      'several server-only items stay together',
      'mergingList: [{name: 1}, {name: 2}, {name: 7}, {name: 9}, {name: 8}, {name: 3}, {name: 4}]',
      '$setElementOrder/mergingList: [{name: 2}, {name: 1}, {name: 4}, {name: 3}]',
      'mergingList: [{name: 2}, {name: 1}, {name: 7}, {name: 9}, {name: 8}, {name: 4}, {name: 3}]',
    ],
    [
      'duplicates of a merge key stay together',
      'mergingList: [{name: 1}, {name: 2, value: dup1}, {name: 3}, {name: 2, value: dup2}, {name: 4}]',
      '$setElementOrder/mergingList: [{name: 2}, {name: 1}, {name: 4}, {name: 3}, {name: 2}]',
      'mergingList: [{name: 2, value: dup1}, {name: 2, value: dup2}, {name: 1}, {name: 4}, {name: 3}]',
    ],
    [
      'duplicate values of an int list stay together',
      'mergingIntList: [1, 2, 3, 2, 4]',
      '$setElementOrder/mergingIntList: [2, 1, 4, 3, 2]',
      'mergingIntList: [2, 2, 1, 4, 3]',
    ],
    [
      'an added item goes after the server-only items that took the place of a deleted one',
      'mergingList: [{name: 1}, {name: 2, other: b}, {name: 4, other: c}]',
      '{$setElementOrder/mergingList: [{name: 2}, {name: 3}], mergingList: [{name: 3}, {name: 1, $patch: delete}]}',
      'mergingList: [{name: 2, other: b}, {name: 4, other: c}, {name: 3}]',
    ],
    [
      'an int list can be reordered and shortened at once',
      'mergingIntList: [1, 2, 3, 4]',
      '{$setElementOrder/mergingIntList: [1, 2, 4], $deleteFromPrimitiveList/mergingIntList: [3]}',
      'mergingIntList: [1, 2, 4]',
    ],
    [
      'one list is shortened and another reordered',
      'mergingList: [{name: a, value: a}, {name: b, value: b}]\nmergeItemPtr: [{name: c, value: c}, {name: d, value: d}]',
      '{$setElementOrder/mergingList: [{name: b}], $setElementOrder/mergeItemPtr: [{name: d}, {name: c}], mergingList: [{$patch: delete, name: a}]}',
      'mergingList: [{name: b, value: b}]\nmergeItemPtr: [{name: d, value: d}, {name: c, value: c}]',
    ],
  ])('%s', (_name, current, patch, expected) => {
    expect(apply(current, patch)).toEqual(parse(expected));
  });
});

describe('applyStrategicMergePatch refuses', () => {
  it.each<[string, string, string, PatchFailure, string]>([
    [
      'a list item without its merge key',
      'mergingList: [{name: 1, value: a}]',
      'mergingList: [{value: b}]',
      'Unknown',
      'map: map[value:b] does not contain declared merge key: name',
    ],
    [
      'a patch list in another order than $setElementOrder',
      'mergingList: [{name: 1}, {name: 3}, {name: 2}]',
      '{$setElementOrder/mergingList: [{name: 1}, {name: 2}, {name: 3}], mergingList: [{name: 3, value: "3"}, {name: 1, value: "1"}]}',
      'Unknown',
      "The order in patch list:\n[map[name:3 value:3] map[name:1 value:1]]\n doesn't match $setElementOrder list:\n[map[name:1] map[name:2] map[name:3]]\n",
    ],
    [
      '$patch: merge on a map',
      'simpleMap: {a: b}',
      'simpleMap: {$patch: merge}',
      'Unknown',
      'unknown patch type: merge in map: map[$patch:merge]',
    ],
    [
      'an unknown $patch on a map',
      '{}',
      '{$patch: 1}',
      'Unknown',
      'unknown patch type: %!s(int64=1) in map: map[$patch:1]',
    ],
    [
      '$patch: merge in a list',
      'mergingList: [{name: 1}]',
      'mergingList: [{$patch: merge}]',
      'Unknown',
      'merging lists cannot yet be specified in the patch',
    ],
    [
      'an unknown $patch in a list',
      'mergingList: [{name: 1}]',
      'mergingList: [{$patch: x}]',
      'Unknown',
      'unknown patch type: x in map: map[$patch:x]',
    ],
    [
      'a list item deletion without its merge key',
      'mergingList: [{name: 1}]',
      'mergingList: [{$patch: delete}]',
      'Unknown',
      'map: map[$patch:delete] does not contain declared merge key: name',
    ],
    [
      '$retainKeys that is not a list',
      'retainKeysMap: {name: a}',
      'retainKeysMap: {$retainKeys: name}',
      'BadRequest',
      'invalid patch format of retainKeys',
    ],
    [
      'a patch field $retainKeys does not list',
      'retainKeysMap: {name: a}',
      'retainKeysMap: {$retainKeys: [name], value: b}',
      'BadRequest',
      'invalid patch format of retainKeys',
    ],
    [
      '$setElementOrder without a list name',
      'mergingIntList: [1]',
      '$setElementOrder: [1]',
      'BadRequest',
      'invalid patch format of setElementOrder list',
    ],
    [
      '$setElementOrder that is not a list',
      'mergingIntList: [1]',
      '$setElementOrder/mergingIntList: 1',
      'Unknown',
      'expected a []interface {}, but received a int64',
    ],
    [
      '$deleteFromPrimitiveList with a bad prefix',
      'mergingIntList: [1]',
      '$deleteFromPrimitiveListX/mergingIntList: [1]',
      'BadRequest',
      'invalid patch format of primitive list',
    ],
    [
      'lists of lists',
      'mergingIntList: [1]',
      'mergingIntList: [[2]]',
      'Unknown',
      'list element types are not identical: [[1] [[2]]]',
    ],
    [
      'a merging list of lists',
      'mergingIntList: [[1]]',
      'mergingIntList: [[2]]',
      'Invalid',
      'lists of lists are not supported',
    ],
    [
      'items of different types',
      'mergingIntList: [1, 2]',
      'mergingIntList: [a]',
      'Unknown',
      'list element types are not identical: [[1 2] [a]]',
    ],
    [
      'a map item in a list of primitives without a merge key',
      'nonMergingList: [{name: 1}]',
      '$deleteFromPrimitiveList/nonMergingList: [{name: 1}]',
      'Unknown',
      'cannot merge lists without merge key for struct',
    ],
    [
      '$setElementOrder of a list that is empty on both sides',
      'mergingIntList: []',
      '$setElementOrder/mergingIntList: [1]',
      'Unknown',
      'no elements in any of the given slices',
    ],
    [
      'a patch that is a list',
      '{}',
      '[1]',
      'BadRequest',
      'json: cannot unmarshal array into Go value of type map[string]interface {}',
    ],
  ])('%s', (_name, original, patch, failure, message) => {
    expect(() => apply(original, patch)).toThrow(expect.objectContaining({ failure, message }));
  });

  it('an object that is not a map', () => {
    expect(() => applyStrategicMergePatch([1], {}, mergeItem, lookup)).toThrow(
      expect.objectContaining({ failure: 'BadRequest', message: 'invalid JSON document' }),
    );
  });
});

describe('applyStrategicMergePatch', () => {
  it('changes neither the object nor the patch', () => {
    const original = parse('mergingList: [{name: 1, value: a}]\nsimpleMap: {a: b}');
    const patch = parse(
      '{$setElementOrder/mergingList: [{name: 2}, {name: 1}], mergingList: [{name: 2}], simpleMap: {a: null}}',
    );
    const before = structuredClone({ original, patch });
    const result = applyStrategicMergePatch(original, patch, mergeItem, lookup);
    expect({ original, patch }).toEqual(before);
    expect(result).toEqual(parse('mergingList: [{name: 2}, {name: 1, value: a}]\nsimpleMap: {}'));
  });

  it('treats a null patch as no change', () => {
    expect(applyStrategicMergePatch({ name: 'a' }, null, mergeItem, lookup)).toEqual({ name: 'a' });
  });
});

// Just enough of the Deployment schema for kubectl's patches, with upstream's patch strategies.
const ref = (name: string) => ({ ref: `k8s.${name}` });
const deploymentTable: SchemaTable = {
  definitions: {
    'k8s.Deployment': { type: 'object', properties: { metadata: ref('ObjectMeta'), spec: ref('DeploymentSpec') } },
    'k8s.ObjectMeta': {
      type: 'object',
      properties: {
        name: { type: 'string' },
        labels: { type: 'object', additionalProperties: { type: 'string' } },
        annotations: { type: 'object', additionalProperties: { type: 'string' } },
        finalizers: { type: 'array', items: { type: 'string' }, patchStrategy: 'merge' },
      },
    },
    'k8s.DeploymentSpec': {
      type: 'object',
      properties: {
        replicas: { type: 'integer', format: 'int32' },
        strategy: { ...ref('DeploymentStrategy'), patchStrategy: 'retainKeys' },
        template: ref('PodTemplateSpec'),
      },
    },
    'k8s.DeploymentStrategy': {
      type: 'object',
      properties: { type: { type: 'string' }, rollingUpdate: ref('RollingUpdateDeployment') },
    },
    'k8s.RollingUpdateDeployment': {
      type: 'object',
      properties: { maxSurge: ref('IntOrString'), maxUnavailable: ref('IntOrString') },
    },
    'k8s.IntOrString': { type: 'string', format: 'int-or-string' },
    'k8s.PodTemplateSpec': { type: 'object', properties: { metadata: ref('ObjectMeta'), spec: ref('PodSpec') } },
    'k8s.PodSpec': {
      type: 'object',
      properties: {
        containers: { type: 'array', items: ref('Container'), patchStrategy: 'merge', patchMergeKey: 'name' },
        volumes: { type: 'array', items: ref('Volume'), patchStrategy: 'merge,retainKeys', patchMergeKey: 'name' },
        tolerations: { type: 'array', items: ref('Toleration') },
      },
    },
    'k8s.Container': {
      type: 'object',
      properties: {
        name: { type: 'string' },
        image: { type: 'string' },
        command: { type: 'array', items: { type: 'string' } },
        env: { type: 'array', items: ref('EnvVar'), patchStrategy: 'merge', patchMergeKey: 'name' },
        ports: { type: 'array', items: ref('ContainerPort'), patchStrategy: 'merge', patchMergeKey: 'containerPort' },
      },
    },
    'k8s.EnvVar': { type: 'object', properties: { name: { type: 'string' }, value: { type: 'string' } } },
    'k8s.ContainerPort': {
      type: 'object',
      properties: { containerPort: { type: 'integer' }, name: { type: 'string' }, protocol: { type: 'string' } },
    },
    'k8s.Volume': {
      type: 'object',
      properties: { name: { type: 'string' }, configMap: { type: 'object' }, secret: { type: 'object' } },
    },
    'k8s.Toleration': { type: 'object', properties: { key: { type: 'string' }, operator: { type: 'string' } } },
  },
};
const k8sLookup = tableLookup(deploymentTable);
const deploymentSchema = resolveField(k8sLookup, ref('Deployment'));

const deployment = `
metadata:
  name: web
  labels: {app: web, tier: front}
  finalizers: [example.com/a, example.com/b]
spec:
  replicas: 2
  strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 25%, maxUnavailable: 25%}}
  template:
    spec:
      containers:
      - name: app
        image: nginx:1.25
        env: [{name: A, value: "1"}, {name: B, value: "2"}]
        ports: [{containerPort: 80, name: http}]
      - name: sidecar
        image: busybox
        command: [sleep, "3600"]
      volumes:
      - {name: config, configMap: {name: web-config}}
      tolerations:
      - {key: a, operator: Exists}
`;

describe("applyStrategicMergePatch applies kubectl's patches to a Deployment", () => {
  const base = parse(deployment) as Record<string, unknown>;
  const containers = (result: unknown): unknown =>
    (result as { spec: { template: { spec: { containers: unknown } } } }).spec.template.spec.containers;

  it.each<[string, string, (result: unknown) => unknown, unknown]>([
    [
      'kubectl set image changes one container by name',
      'spec: {template: {spec: {containers: [{name: app, image: "nginx:1.26"}]}}}',
      containers,
      parse(`
        - {name: app, image: "nginx:1.26", env: [{name: A, value: "1"}, {name: B, value: "2"}], ports: [{containerPort: 80, name: http}]}
        - {name: sidecar, image: busybox, command: [sleep, "3600"]}`),
    ],
    [
      'kubectl set env adds a variable and keeps the others',
      'spec: {template: {spec: {containers: [{name: app, env: [{name: C, value: "3"}]}]}}}',
      (result) => (containers(result) as { env: unknown }[])[0]?.env,
      parse('[{name: C, value: "3"}, {name: A, value: "1"}, {name: B, value: "2"}]'),
    ],
    [
      'kubectl set env B- deletes a variable with $patch: delete',
      'spec: {template: {spec: {containers: [{name: app, env: [{name: B, $patch: delete}]}]}}}',
      (result) => (containers(result) as { env: unknown }[])[0]?.env,
      parse('[{name: A, value: "1"}]'),
    ],
    [
      'a container is deleted with $patch: delete',
      'spec: {template: {spec: {containers: [{name: sidecar, $patch: delete}]}}}',
      (result) => (containers(result) as { name: string }[]).map((c) => c.name),
      ['app'],
    ],
    [
      'a port merges by its number',
      'spec: {template: {spec: {containers: [{name: app, ports: [{containerPort: 80, protocol: TCP}, {containerPort: 443}]}]}}}',
      (result) => (containers(result) as { ports: unknown }[])[0]?.ports,
      parse('[{containerPort: 80, name: http, protocol: TCP}, {containerPort: 443}]'),
    ],
    [
      'a command, an atomic list, is replaced',
      'spec: {template: {spec: {containers: [{name: sidecar, command: [sh]}]}}}',
      (result) => (containers(result) as { command?: unknown }[])[1]?.command,
      ['sh'],
    ],
    [
      'tolerations, an atomic list, are replaced',
      'spec: {template: {spec: {tolerations: [{key: b, operator: Exists}]}}}',
      (result) => (result as { spec: { template: { spec: { tolerations: unknown } } } }).spec.template.spec.tolerations,
      [{ key: 'b', operator: 'Exists' }],
    ],
    [
      'kubectl apply reorders containers with $setElementOrder',
      '{spec: {template: {spec: {$setElementOrder/containers: [{name: sidecar}, {name: app}]}}}}',
      (result) => (containers(result) as { name: string }[]).map((c) => c.name),
      ['sidecar', 'app'],
    ],
    [
      'kubectl apply adds a variable at the place $setElementOrder gives it',
      `spec: {template: {spec: {containers: [{name: app,
        $setElementOrder/env: [{name: A}, {name: NEW}, {name: B}], env: [{name: NEW, value: x}]}]}}}`,
      (result) => (containers(result) as { env: { name: string }[] }[])[0]?.env.map((e) => e.name),
      ['A', 'NEW', 'B'],
    ],
    [
      'a switch from RollingUpdate to Recreate with $retainKeys drops rollingUpdate',
      'spec: {strategy: {$retainKeys: [type], type: Recreate}}',
      (result) => (result as { spec: { strategy: unknown } }).spec.strategy,
      { type: 'Recreate' },
    ],
    [
      'a switch to Recreate without $retainKeys keeps rollingUpdate, as upstream does',
      'spec: {strategy: {type: Recreate}}',
      (result) => (result as { spec: { strategy: unknown } }).spec.strategy,
      { type: 'Recreate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
    ],
    [
      'a volume switched to a secret with $retainKeys loses its configMap',
      'spec: {template: {spec: {volumes: [{name: config, $retainKeys: [name, secret], secret: {secretName: s}}]}}}',
      (result) => (result as { spec: { template: { spec: { volumes: unknown } } } }).spec.template.spec.volumes,
      [{ name: 'config', secret: { secretName: 's' } }],
    ],
    [
      '$deleteFromPrimitiveList removes a finalizer',
      'metadata: {$deleteFromPrimitiveList/finalizers: [example.com/a]}',
      (result) => (result as { metadata: { finalizers: unknown } }).metadata.finalizers,
      ['example.com/b'],
    ],
    [
      'a new finalizer comes first and a listed one is not repeated',
      'metadata: {finalizers: [example.com/c, example.com/b]}',
      (result) => (result as { metadata: { finalizers: unknown } }).metadata.finalizers,
      ['example.com/c', 'example.com/a', 'example.com/b'],
    ],
    [
      'null removes a label',
      'metadata: {labels: {tier: null, version: v2}}',
      (result) => (result as { metadata: { labels: unknown } }).metadata.labels,
      { app: 'web', version: 'v2' },
    ],
    [
      'an annotation is added to the pod template, as kubectl rollout restart does',
      'spec: {template: {metadata: {annotations: {kubectl.kubernetes.io/restartedAt: "2024-05-01T10:00:00Z"}}}}',
      (result) => (result as { spec: { template: { metadata: unknown } } }).spec.template.metadata,
      { annotations: { 'kubectl.kubernetes.io/restartedAt': '2024-05-01T10:00:00Z' } },
    ],
    [
      '$patch: replace on the container list replaces it',
      'spec: {template: {spec: {containers: [{name: only, image: x}, {$patch: replace}]}}}',
      containers,
      [{ name: 'only', image: 'x' }],
    ],
  ])('%s', (_name, patch, pick, expected) => {
    expect(pick(applyStrategicMergePatch(base, parse(patch), deploymentSchema, k8sLookup))).toEqual(expected);
  });
});
