import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../api/object.ts';
import { TestFramework, summary } from '../../testing/test-framework.ts';
import { makeNode, makePod } from '../../testing/wrappers.ts';
import { ErrReasonConstraintsNotMatch, ErrReasonNodeLabelNotMatch } from './filtering.ts';
import { Name } from './pod-topology-spread.ts';

const zoneNode = (name: string, zone?: string) =>
  makeNode()
    .name(name)
    .labels(zone ? { zone } : {})
    .obj();
const web = (name: string, node: string) => makePod().name(name).labels({ app: 'web' }).node(node).obj();
const spreadByZone = (maxSkew: number, whenUnsatisfiable = 'DoNotSchedule') =>
  makePod()
    .name('incoming')
    .labels({ app: 'web' })
    .spreadConstraint({
      maxSkew,
      topologyKey: 'zone',
      whenUnsatisfiable,
      labelSelector: { matchLabels: { app: 'web' } },
    });

describe('PodTopologySpread Filter', () => {
  // zone a holds two web pods, zone b one, zone c none.
  const tf = new TestFramework({
    nodes: [zoneNode('a1', 'a'), zoneNode('b1', 'b'), zoneNode('c1', 'c'), zoneNode('nolabel')],
    pods: [web('w1', 'a1'), web('w2', 'a1'), web('w3', 'b1')],
  });

  it.each([
    {
      name: 'maxSkew 1 allows only the emptiest zone',
      maxSkew: 1,
      want: { a1: ErrReasonConstraintsNotMatch, b1: ErrReasonConstraintsNotMatch, c1: 'Success' },
    },
    {
      name: 'maxSkew 2 also allows a zone one pod ahead',
      maxSkew: 2,
      want: { a1: ErrReasonConstraintsNotMatch, b1: 'Success', c1: 'Success' },
    },
    { name: 'maxSkew 3 allows every zone', maxSkew: 3, want: { a1: 'Success', b1: 'Success', c1: 'Success' } },
  ])('$name', ({ maxSkew, want }) => {
    const { nodes } = tf.filter(Name, spreadByZone(maxSkew).obj());
    const got = Object.fromEntries(['a1', 'b1', 'c1'].map((n) => [n, summary(nodes.get(n)!).replace(/^\w+: /, '')]));
    expect(got).toEqual(want);
    expect(summary(nodes.get('nolabel')!)).toBe(`UnschedulableAndUnresolvable: ${ErrReasonNodeLabelNotMatch}`);
  });

  it('is skipped for a pod without hard constraints', () => {
    expect(tf.filter(Name, makePod().obj()).preFilter?.code).toBe('Skip');
  });
});

describe('PodTopologySpread Score', () => {
  it('prefers the zones with fewer matching pods for soft constraints', () => {
    const tf = new TestFramework({
      nodes: [zoneNode('a1', 'a'), zoneNode('b1', 'b'), zoneNode('c1', 'c')],
      pods: [web('w1', 'a1'), web('w2', 'a1'), web('w3', 'b1')],
    });
    const scores = tf.score(Name, spreadByZone(1, 'ScheduleAnyway').obj())!;
    expect(scores.get('c1')).toBe(100);
    expect(scores.get('c1')!).toBeGreaterThan(scores.get('b1')!);
    expect(scores.get('b1')!).toBeGreaterThan(scores.get('a1')!);
  });

  it('spreads the pods of a ReplicaSet by the system default constraints', () => {
    const replicaSet: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'web', namespace: 'default', uid: 'rs' },
      spec: { selector: { matchLabels: { app: 'web' } } },
    };
    const owned = (name: string, node: string) => {
      const pod = web(name, node);
      pod.metadata.ownerReferences = [
        { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: 'rs', controller: true },
      ];
      return pod;
    };
    const tf = new TestFramework({
      nodes: [makeNode().name('busy').obj(), makeNode().name('idle').obj()],
      pods: [owned('w1', 'busy'), owned('w2', 'busy')],
      replicaSets: [replicaSet],
    });
    const incoming = makePod().name('w3').labels({ app: 'web' }).obj();
    incoming.metadata.ownerReferences = [
      { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: 'rs', controller: true },
    ];
    const scores = tf.score(Name, incoming)!;
    expect(scores.get('idle')!).toBeGreaterThan(scores.get('busy')!);
  });

  // Pods' own soft constraints; nodes without every key score 0. Constraints on the same key count the same domains.
  const rackNode = (name: string, zone: string | undefined, rack: string) =>
    makeNode()
      .name(name)
      .labels({ rack, ...(zone ? { zone } : {}) })
      .obj();
  const soft = (topologyKey: string, maxSkew = 1) => ({
    maxSkew,
    topologyKey,
    whenUnsatisfiable: 'ScheduleAnyway',
    labelSelector: { matchLabels: { app: 'web' } },
  });
  it.each([
    { name: 'by zone', constraints: [soft('zone')], want: { a1: 25, a2: 25, b1: 100, nozone: 0 } },
    {
      name: 'twice by zone',
      constraints: [soft('zone'), soft('zone', 3)],
      want: { a1: 42, a2: 42, b1: 100, nozone: 0 },
    },
    {
      name: 'by zone and host',
      constraints: [soft('zone'), soft('kubernetes.io/hostname')],
      want: { a1: 42, a2: 57, b1: 100, nozone: 0 },
    },
    {
      name: 'by zone and rack',
      constraints: [soft('zone'), soft('rack', 2)],
      want: { a1: 77, a2: 100, b1: 100, nozone: 0 },
    },
  ])('scores soft constraints $name', ({ constraints, want }) => {
    const tf = new TestFramework({
      nodes: [
        rackNode('a1', 'a', 'r1'),
        rackNode('a2', 'a', 'r2'),
        rackNode('b1', 'b', 'r1'),
        rackNode('nozone', undefined, 'r2'),
      ],
      pods: [web('w1', 'a1'), web('w2', 'a1'), web('w3', 'b1'), web('w4', 'nozone'), web('w5', 'a2')],
    });
    const pod = makePod().name('incoming').labels({ app: 'web' });
    for (const c of constraints) pod.spreadConstraint(c);
    expect(Object.fromEntries(tf.score(Name, pod.obj())!)).toEqual(want);
  });
});
