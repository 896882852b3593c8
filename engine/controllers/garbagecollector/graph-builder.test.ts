import { beforeEach, describe, expect, it } from 'vitest';
import type { KubeObject, OwnerReference } from '../../api/object.ts';
import { WorkQueue } from '../../client/workqueue.ts';
import { VirtualClock } from '../../lab/clock.ts';
import { GraphBuilder } from './graph-builder.ts';
import type { GraphEvent } from './graph-changes.ts';

const ref = (name: string, extra: Partial<OwnerReference> = {}): OwnerReference => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  name,
  uid: `uid-${name}`,
  ...extra,
});

const configMap = (name: string, metadata: Partial<KubeObject['metadata']> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'lab', uid: `uid-${name}`, ...metadata },
});

const event = (type: GraphEvent['type'], obj: KubeObject, oldObj?: KubeObject): GraphEvent => ({
  type,
  obj,
  oldObj,
  apiVersion: 'v1',
  kind: 'ConfigMap',
  virtual: false,
});

/** Takes every key waiting in the queue. */
async function drain(queue: WorkQueue): Promise<string[]> {
  const keys: string[] = [];
  while (queue.length > 0) {
    const key = (await queue.get())!;
    queue.done(key);
    keys.push(key);
  }
  return keys.sort();
}

describe('GraphBuilder', () => {
  let attemptToDelete: WorkQueue;
  let attemptToOrphan: WorkQueue;
  let graph: GraphBuilder;

  beforeEach(() => {
    const clock = new VirtualClock(0);
    clock.setPaused(true);
    attemptToDelete = new WorkQueue(clock, 'attempt-to-delete');
    attemptToOrphan = new WorkQueue(clock, 'attempt-to-orphan');
    graph = new GraphBuilder(attemptToDelete, attemptToOrphan);
  });

  it('adds a virtual node for an owner it has not observed, and queues it to be verified', async () => {
    graph.processGraphChange(event('add', configMap('dep', { ownerReferences: [ref('owner')] })));
    const owner = graph.uidToNode.get('uid-owner');
    expect(owner).toMatchObject({ virtual: true, identity: { name: 'owner', namespace: 'lab' } });
    expect([...owner!.dependents].map((d) => d.identity.name)).toEqual(['dep']);
    expect(await drain(attemptToDelete)).toEqual(['uid-owner']);
  });

  it('marks a virtual node observed when its object arrives', async () => {
    graph.processGraphChange(event('add', configMap('dep', { ownerReferences: [ref('owner')] })));
    graph.processGraphChange(event('add', configMap('owner')));
    expect(graph.uidToNode.get('uid-owner')?.virtual).toBe(false);
  });

  it('queues the dependents of a deleted owner and remembers the owner as absent', async () => {
    graph.processGraphChange(event('add', configMap('owner')));
    graph.processGraphChange(event('add', configMap('dep', { ownerReferences: [ref('owner')] })));
    await drain(attemptToDelete);
    graph.processGraphChange(event('delete', configMap('owner')));
    expect(graph.uidToNode.has('uid-owner')).toBe(false);
    expect(await drain(attemptToDelete)).toEqual(['uid-dep']);
    expect(
      graph.absentOwnerCache.has({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        name: 'owner',
        uid: 'uid-owner',
        namespace: 'lab',
      }),
    ).toBe(true);
  });

  it('queues an owner and its dependents when its deletion with foregroundDeletion starts', async () => {
    const owner = configMap('owner');
    graph.processGraphChange(event('add', owner));
    graph.processGraphChange(event('add', configMap('dep', { ownerReferences: [ref('owner')] })));
    const deleting = configMap('owner', {
      deletionTimestamp: '2025-01-01T00:00:00Z',
      finalizers: ['foregroundDeletion'],
    });
    graph.processGraphChange(event('update', deleting, owner));
    expect(graph.uidToNode.get('uid-owner')).toMatchObject({ beingDeleted: true, deletingDependents: true });
    expect(await drain(attemptToDelete)).toEqual(['uid-dep', 'uid-owner']);
    expect(await drain(attemptToOrphan)).toEqual([]);
  });

  it('queues an owner to be orphaned when its deletion with the orphan finalizer starts, once', async () => {
    const owner = configMap('owner');
    graph.processGraphChange(event('add', owner));
    const deleting = configMap('owner', { deletionTimestamp: '2025-01-01T00:00:00Z', finalizers: ['orphan'] });
    graph.processGraphChange(event('update', deleting, owner));
    expect(await drain(attemptToOrphan)).toEqual(['uid-owner']);
    graph.processGraphChange(
      event('update', { ...deleting, metadata: { ...deleting.metadata, labels: { a: 'b' } } }, deleting),
    );
    expect(await drain(attemptToOrphan)).toEqual([]);
  });

  it('queues an owner again when a dependent stops blocking it', async () => {
    graph.processGraphChange(event('add', configMap('owner')));
    const blocking = configMap('dep', { ownerReferences: [ref('owner', { blockOwnerDeletion: true })] });
    graph.processGraphChange(event('add', blocking));
    await drain(attemptToDelete);
    const unblocked = configMap('dep', { ownerReferences: [ref('owner', { blockOwnerDeletion: false })] });
    graph.processGraphChange(event('update', unblocked, blocking));
    expect(await drain(attemptToDelete)).toEqual(['uid-owner']);
  });

  it('moves a dependent between owners when its references change', async () => {
    graph.processGraphChange(event('add', configMap('a')));
    graph.processGraphChange(event('add', configMap('b')));
    const first = configMap('dep', { ownerReferences: [ref('a')] });
    graph.processGraphChange(event('add', first));
    graph.processGraphChange(event('update', configMap('dep', { ownerReferences: [ref('b')] }), first));
    expect(graph.uidToNode.get('uid-a')?.dependents.size).toBe(0);
    expect(graph.uidToNode.get('uid-b')?.dependents.size).toBe(1);
  });

  it('keeps an observed node when a virtual delete names it with other coordinates', async () => {
    graph.processGraphChange(event('add', configMap('owner')));
    graph.processGraphChange(event('add', configMap('dep', { ownerReferences: [ref('owner', { kind: 'Secret' })] })));
    await drain(attemptToDelete);
    graph.processGraphChange({
      ...event('delete', {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'owner', namespace: 'lab', uid: 'uid-owner' },
      }),
      kind: 'Secret',
      virtual: true,
    });
    expect(graph.uidToNode.get('uid-owner')?.virtual).toBe(false);
    expect(await drain(attemptToDelete)).toEqual(['uid-dep']);
  });

  it('queues a dependent whose reference disagrees with its observed owner', async () => {
    graph.processGraphChange(event('add', configMap('owner')));
    graph.processGraphChange(event('add', configMap('dep', { ownerReferences: [ref('owner', { name: 'renamed' })] })));
    expect(await drain(attemptToDelete)).toEqual(['uid-dep']);
  });
});
