import { describe, expect, it } from 'vitest';
import type { Node } from '../../framework/api-types.ts';
import { PodInfo } from '../../framework/pod-info.ts';
import { SchedulerCache } from '../../internal/cache/cache.ts';
import { Snapshot } from '../../internal/cache/snapshot.ts';
import { makeNode, makePod } from '../../testing/wrappers.ts';
import { filterTopologySpreadConstraints } from './common.ts';
import { DomainCounts } from './domain-counts.ts';
import { calPreScoreState } from './scoring.ts';

const ZONE = 'topology.kubernetes.io/zone';
const node = (name: string, zone?: string): Node =>
  makeNode()
    .name(name)
    .labels(zone ? { [ZONE]: zone } : {})
    .obj();
const web = (name: string, nodeName: string) =>
  new PodInfo(makePod().name(name).labels({ app: 'web' }).node(nodeName).obj());

describe('DomainCounts', () => {
  it('keeps the counts over all nodes that a full count gives, as pods and nodes change', () => {
    const cache = new SchedulerCache();
    const nodes = [node('a', 'z1'), node('b', 'z1'), node('c'), node('d', 'z2')];
    for (const n of nodes) cache.addNode(n);
    const snapshot = new Snapshot();
    const pod = makePod().name('new').labels({ app: 'web' }).obj();
    const constraints = filterTopologySpreadConstraints(
      [
        {
          topologyKey: ZONE,
          whenUnsatisfiable: 'ScheduleAnyway',
          maxSkew: 1,
          labelSelector: { matchLabels: { app: 'web' } },
        },
        {
          topologyKey: 'kubernetes.io/hostname',
          whenUnsatisfiable: 'ScheduleAnyway',
          maxSkew: 1,
          labelSelector: { matchLabels: { app: 'web' } },
        },
      ],
      pod,
      'ScheduleAnyway',
    );
    const counts = new DomainCounts();
    const compare = () => {
      cache.updateSnapshot(snapshot);
      const all = snapshot.list();
      for (const requireAll of [false, true]) {
        const full = calPreScoreState(pod, constraints, all, all, requireAll);
        const kept = calPreScoreState(pod, constraints, all, all, requireAll, { counts, lister: snapshot });
        expect(kept.topologyValueToPodCounts).toEqual(full.topologyValueToPodCounts);
      }
    };
    compare();
    cache.addPod(web('p1', 'a'));
    cache.addPod(web('p2', 'c'));
    compare();
    cache.addPod(web('p3', 'd'));
    cache.addPod(new PodInfo(makePod().name('other').labels({ app: 'db' }).node('b').obj()));
    compare();
    cache.removePod(web('p1', 'a').pod);
    cache.updateNode(nodes[2]!, node('c', 'z2'));
    compare();
    cache.addNode(node('e', 'z1'));
    cache.addPod(web('p4', 'e'));
    compare();
    cache.removeNode(nodes[3]!);
    compare();
  });
});
