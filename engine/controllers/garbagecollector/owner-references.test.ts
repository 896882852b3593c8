import { describe, expect, it } from 'vitest';
import type { OwnerReference } from '../../api/object.ts';
import type { ObjectIdentity } from './graph.ts';
import { GraphNode } from './graph.ts';
import { alternateOwnerIdentity, partitionDependents, referencesDiff } from './owner-references.ts';

const ref = (name: string, extra: Partial<OwnerReference> = {}): OwnerReference => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  name,
  uid: 'uid-owner',
  ...extra,
});

const dependent = (name: string, namespace: string, owners: OwnerReference[]): GraphNode =>
  new GraphNode({ apiVersion: 'v1', kind: 'Secret', name, uid: `uid-${name}`, namespace }, owners, false);

const owner = (extra: Partial<ObjectIdentity> = {}): ObjectIdentity => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  name: 'owner',
  uid: 'uid-owner',
  namespace: 'lab',
  ...extra,
});

describe('referencesDiff', () => {
  it('tells added, removed and changed references apart by uid', () => {
    const kept = { ...ref('kept'), uid: 'k' };
    const removed = { ...ref('removed'), uid: 'r' };
    const before = { ...ref('changed'), uid: 'c' };
    const after = { ...before, blockOwnerDeletion: true };
    const added = { ...ref('added'), uid: 'a' };
    expect(referencesDiff([kept, removed, before], [kept, after, added])).toEqual({
      added: [added],
      removed: [removed],
      changed: [{ oldRef: before, newRef: after }],
    });
  });
});

describe('partitionDependents', () => {
  it.each([
    { case: 'a reference with the same coordinates matches', refs: [ref('owner')], ns: 'lab', want: [true, false] },
    {
      case: 'a reference to the uid under another name does not',
      refs: [ref('other')],
      ns: 'lab',
      want: [false, true],
    },
    {
      case: 'a dependent in another namespace than a namespaced owner does not',
      refs: [ref('owner')],
      ns: 'elsewhere',
      want: [false, true],
    },
    {
      case: 'a dependent naming the uid both ways is in both lists',
      refs: [ref('owner'), ref('other')],
      ns: 'lab',
      want: [true, true],
    },
  ])('$case', ({ refs, ns, want }) => {
    const dep = dependent('dep', ns, refs);
    const { matching, nonmatching } = partitionDependents([dep], owner());
    expect([matching.includes(dep), nonmatching.includes(dep)]).toEqual(want);
  });
});

describe('alternateOwnerIdentity', () => {
  it('finds no alternative when every dependent agrees', () => {
    expect(alternateOwnerIdentity([dependent('a', 'lab', [ref('owner')])], owner())).toBeUndefined();
  });

  it('picks the first identity following the absent one, in kind, apiVersion, namespace, name order', () => {
    const deps = [
      dependent('a', 'lab', [ref('owner', { kind: 'Secret' })]),
      dependent('b', 'lab', [ref('owner', { kind: 'Apple' })]),
    ];
    expect(alternateOwnerIdentity(deps, owner())).toEqual(owner({ kind: 'Secret' }));
  });

  it('wraps around to the first identity when none follows the absent one', () => {
    const deps = [dependent('a', 'lab', [ref('owner', { kind: 'Apple' })])];
    expect(alternateOwnerIdentity(deps, owner())).toEqual(owner({ kind: 'Apple' }));
  });

  it('keeps a cluster-scoped kind cluster-scoped in the alternatives', () => {
    const absent = owner({ kind: 'Node', namespace: '' });
    const deps = [dependent('a', 'lab', [ref('other', { kind: 'Node' })])];
    expect(alternateOwnerIdentity(deps, absent)).toEqual(owner({ kind: 'Node', name: 'other', namespace: '' }));
  });
});
