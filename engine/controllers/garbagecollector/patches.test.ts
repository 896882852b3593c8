import { describe, expect, it } from 'vitest';
import type { KubeObject, OwnerReference } from '../../api/object.ts';
import { GraphNode } from './graph.ts';
import {
  deleteOwnerRefJsonMergePatch,
  deleteOwnerRefStrategicMergePatch,
  removeFinalizerMergePatch,
  unblockOwnerReferencesJsonMergePatch,
  unblockOwnerReferencesStrategicMergePatch,
} from './patches.ts';

const ref = (uid: string, blockOwnerDeletion?: boolean): OwnerReference => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  name: uid,
  uid,
  ...(blockOwnerDeletion === undefined ? {} : { blockOwnerDeletion }),
});

const live = (ownerReferences?: OwnerReference[], finalizers?: string[]): KubeObject => ({
  metadata: { name: 'dep', uid: 'dep-uid', resourceVersion: '7', ownerReferences, finalizers },
});

describe('the garbage collector patches', () => {
  it.each([
    {
      case: 'a strategic merge patch deletes references by uid, naming the dependent uid as a precondition',
      patch: deleteOwnerRefStrategicMergePatch('dep-uid', ['a', 'b']),
      want: {
        metadata: {
          ownerReferences: [
            { $patch: 'delete', uid: 'a' },
            { $patch: 'delete', uid: 'b' },
          ],
          uid: 'dep-uid',
        },
      },
    },
    {
      case: 'a JSON merge patch keeps the other references at the resourceVersion read',
      patch: deleteOwnerRefJsonMergePatch(live([ref('a'), ref('b')]), ['a']),
      want: { metadata: { resourceVersion: '7', ownerReferences: [ref('b')] } },
    },
    {
      case: 'a JSON merge patch removing the last reference removes the field',
      patch: deleteOwnerRefJsonMergePatch(live([ref('a')]), ['a']),
      want: { metadata: { resourceVersion: '7', ownerReferences: null } },
    },
    {
      case: 'a strategic merge patch unblocks only the blocking references',
      patch: unblockOwnerReferencesStrategicMergePatch(
        new GraphNode(
          { apiVersion: 'v1', kind: 'Secret', name: 'dep', uid: 'dep-uid', namespace: 'lab' },
          [ref('a', true), ref('b')],
          false,
        ),
      ),
      want: { metadata: { ownerReferences: [ref('a', false)], uid: 'dep-uid' } },
    },
    {
      case: 'a JSON merge patch unblocks every reference',
      patch: unblockOwnerReferencesJsonMergePatch(live([ref('a', true), ref('b')])),
      want: { metadata: { resourceVersion: '7', ownerReferences: [ref('a', false), ref('b', false)] } },
    },
    {
      case: 'removing a finalizer keeps the others',
      patch: removeFinalizerMergePatch(live(undefined, ['orphan', 'example.com/hold']), 'orphan'),
      want: { metadata: { resourceVersion: '7', finalizers: ['example.com/hold'] } },
    },
    {
      case: 'removing the last finalizer removes the field',
      patch: removeFinalizerMergePatch(live(undefined, ['foregroundDeletion']), 'foregroundDeletion'),
      want: { metadata: { resourceVersion: '7', finalizers: null } },
    },
  ])('$case', ({ patch, want }) => {
    expect(patch).toEqual(want);
  });
});
