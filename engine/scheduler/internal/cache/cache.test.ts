import { describe, expect, it } from 'vitest';
import { PodInfo } from '../../framework/pod-info.ts';
import { makeNode, makePod } from '../../testing/wrappers.ts';
import { SchedulerCache } from './cache.ts';
import { Snapshot } from './snapshot.ts';

const node = (name: string, zone?: string) =>
  makeNode()
    .name(name)
    .labels(zone ? { 'topology.kubernetes.io/zone': zone } : {})
    .capacity({ cpu: '4', memory: '8Gi' })
    .obj();
const podOn = (name: string, nodeName: string, cpu = '1') =>
  new PodInfo(makePod().name(name).node(nodeName).req({ cpu }).obj());

function cacheWith(...names: string[]): { cache: SchedulerCache; snapshot: Snapshot } {
  const cache = new SchedulerCache();
  for (const name of names) cache.addNode(node(name));
  const snapshot = new Snapshot();
  cache.updateSnapshot(snapshot);
  return { cache, snapshot };
}

describe('SchedulerCache', () => {
  it('counts an assumed pod on its node until the binding is confirmed', () => {
    const { cache, snapshot } = cacheWith('a');
    const assumed = new PodInfo(makePod().name('p').req({ cpu: '1' }).obj()).assumedOn('a');

    cache.assumePod(assumed);
    cache.updateSnapshot(snapshot);
    expect(snapshot.get('a')?.requested.milliCPU).toBe(1000);
    expect(cache.isAssumedPod(assumed.pod)).toBe(true);

    cache.addPod(podOn('p', 'a'));
    expect(cache.isAssumedPod(assumed.pod)).toBe(false);
    expect(cache.podCount).toBe(1);
  });

  it('forgets an assumed pod whose binding failed', () => {
    const { cache, snapshot } = cacheWith('a');
    const assumed = new PodInfo(makePod().name('p').req({ cpu: '1' }).obj()).assumedOn('a');
    cache.assumePod(assumed);

    cache.forgetPod(assumed.pod);
    cache.updateSnapshot(snapshot);

    expect(snapshot.get('a')?.requested.milliCPU).toBe(0);
    expect(cache.podCount).toBe(0);
  });

  it('refuses to assume a pod twice', () => {
    const { cache } = cacheWith('a');
    const assumed = new PodInfo(makePod().name('p').obj()).assumedOn('a');
    cache.assumePod(assumed);
    expect(() => cache.assumePod(assumed)).toThrow(/can't be assumed/);
  });

  it('copies into the snapshot only the nodes that changed since the last update', () => {
    const { cache, snapshot } = cacheWith('a', 'b', 'c');
    const [a, b, c] = ['a', 'b', 'c'].map((n) => snapshot.get(n)!);

    cache.addPod(podOn('p', 'b'));
    cache.updateSnapshot(snapshot);

    expect(snapshot.get('b')).toBe(b);
    expect(b!.pods.map((p) => p.pod.metadata.name)).toEqual(['p']);
    expect(snapshot.get('a')).toBe(a);
    expect(a!.pods).toEqual([]);
    expect(c!.generation).toBeLessThan(b!.generation);
    expect(snapshot.generation).toBe(b!.generation);
  });

  it('keeps snapshot copies apart from the cache: a change waits for the next update', () => {
    const { cache, snapshot } = cacheWith('a');
    cache.addPod(podOn('p', 'a'));
    expect(snapshot.get('a')?.pods).toHaveLength(0);
    cache.updateSnapshot(snapshot);
    expect(snapshot.get('a')?.pods).toHaveLength(1);
  });

  it('adds and removes nodes in the snapshot list', () => {
    const { cache, snapshot } = cacheWith('a', 'b');
    cache.addNode(node('c'));
    cache.updateSnapshot(snapshot);
    expect(snapshot.list().map((n) => n.name)).toEqual(['a', 'b', 'c']);

    cache.removeNode(node('a'));
    cache.updateSnapshot(snapshot);
    expect(snapshot.list().map((n) => n.name)).toEqual(['b', 'c']);
    expect(snapshot.get('a')).toBeUndefined();
  });

  it('lists nodes round-robin across zones', () => {
    const cache = new SchedulerCache();
    for (const [name, zone] of [
      ['a1', 'a'],
      ['a2', 'a'],
      ['b1', 'b'],
      ['b2', 'b'],
      ['c1', 'c'],
    ] as const) {
      cache.addNode(node(name, zone));
    }
    const snapshot = new Snapshot();
    cache.updateSnapshot(snapshot);
    expect(snapshot.list().map((n) => n.name)).toEqual(['a1', 'b1', 'c1', 'a2', 'b2']);
  });

  it('keeps the lists of nodes with affinity pods up to date', () => {
    const { cache, snapshot } = cacheWith('a', 'b');
    const withAntiAffinity = makePod()
      .name('anti')
      .node('b')
      .podAntiAffinity({ topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'x' } } })
      .obj();

    cache.addPod(new PodInfo(withAntiAffinity));
    cache.updateSnapshot(snapshot);
    expect(snapshot.havePodsWithAffinityList().map((n) => n.name)).toEqual(['b']);
    expect(snapshot.havePodsWithRequiredAntiAffinityList().map((n) => n.name)).toEqual(['b']);

    cache.removePod(withAntiAffinity);
    cache.updateSnapshot(snapshot);
    expect(snapshot.havePodsWithRequiredAntiAffinityList()).toEqual([]);
  });

  it('keeps a deleted node while pods still refer to it, but not in the snapshot', () => {
    const { cache, snapshot } = cacheWith('a');
    cache.addPod(podOn('p', 'a'));
    cache.removeNode(node('a'));
    cache.updateSnapshot(snapshot);
    expect(snapshot.numNodes).toBe(0);
    expect(cache.getPod('p')?.pod.spec.nodeName).toBe('a');
  });

  it('tells which nodes changed since an update, oldest first', () => {
    const { cache, snapshot } = cacheWith('a', 'b', 'c');
    const start = snapshot.version;
    const names = (since: number) => snapshot.changedSince(since)?.map((n) => n.name);
    cache.addPod(podOn('p1', 'b'));
    cache.updateSnapshot(snapshot);
    const afterB = snapshot.version;
    cache.updateSnapshot(snapshot);
    cache.addPod(podOn('p2', 'a'));
    cache.addPod(podOn('p3', 'c'));
    cache.updateSnapshot(snapshot);

    expect(names(start)).toEqual(['b', 'c', 'a']);
    expect(names(afterB)).toEqual(['c', 'a']);
    expect(names(snapshot.version)).toEqual([]);
  });

  it("shares the cache's image summaries with the snapshot", () => {
    const cache = new SchedulerCache();
    cache.addNode(makeNode().name('a').images({ 'x:1': 10 }).obj());
    cache.addNode(makeNode().name('b').images({ 'x:1': 10 }).obj());
    const snapshot = new Snapshot();
    cache.updateSnapshot(snapshot);
    expect(snapshot.imageStates.get('x:1')?.nodes.size).toBe(2);
    expect(snapshot.get('a')?.imageStates.get('x:1')).toBe(snapshot.imageStates.get('x:1'));
  });
});
