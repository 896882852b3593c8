import { describe, expect, it } from 'vitest';
import { TestFramework, summary } from '../../testing/test-framework.ts';
import { makeNode, makePod } from '../../testing/wrappers.ts';
import {
  ErrReasonAffinityRulesNotMatch,
  ErrReasonAntiAffinityRulesNotMatch,
  ErrReasonExistingAntiAffinityRulesNotMatch,
} from './filtering.ts';
import { Name } from './inter-pod-affinity.ts';

const ZONE = 'topology.kubernetes.io/zone';
const node = (name: string, zone: string) =>
  makeNode()
    .name(name)
    .labels({ [ZONE]: zone })
    .obj();
const term = (app: string, topologyKey = ZONE) => ({ topologyKey, labelSelector: { matchLabels: { app } } });

describe('InterPodAffinity Filter', () => {
  const nodes = [node('a1', 'a'), node('a2', 'a'), node('b1', 'b')];

  it.each([
    {
      name: 'required affinity admits the zone where a matching pod runs',
      pods: [makePod().name('db').labels({ app: 'db' }).node('a1').obj()],
      pod: makePod().name('web').podAffinity(term('db')),
      want: { a1: 'Success', a2: 'Success', b1: `UnschedulableAndUnresolvable: ${ErrReasonAffinityRulesNotMatch}` },
    },
    {
      name: 'required anti-affinity keeps the pod out of a zone with a matching pod',
      pods: [makePod().name('web-0').labels({ app: 'web' }).node('a1').obj()],
      pod: makePod().name('web-1').labels({ app: 'web' }).podAntiAffinity(term('web')),
      want: {
        a1: `Unschedulable: ${ErrReasonAntiAffinityRulesNotMatch}`,
        a2: `Unschedulable: ${ErrReasonAntiAffinityRulesNotMatch}`,
        b1: 'Success',
      },
    },
    {
      name: "an existing pod's anti-affinity keeps matching pods away",
      pods: [makePod().name('loner').node('b1').podAntiAffinity(term('web', 'kubernetes.io/hostname')).obj()],
      pod: makePod().name('web').labels({ app: 'web' }),
      want: { a1: 'Success', a2: 'Success', b1: `Unschedulable: ${ErrReasonExistingAntiAffinityRulesNotMatch}` },
    },
    {
      name: 'the first pod of a group that wants to be together may go anywhere',
      pods: [],
      pod: makePod().name('web').labels({ app: 'web' }).podAffinity(term('web')),
      want: { a1: 'Success', a2: 'Success', b1: 'Success' },
    },
  ])('$name', ({ pods, pod, want }) => {
    const tf = new TestFramework({ nodes, pods });
    const { nodes: statuses } = tf.filter(Name, pod.obj());
    expect(Object.fromEntries([...statuses].map(([n, s]) => [n, summary(s)]))).toEqual(want);
  });

  it('is skipped when neither the pod nor existing pods have required terms', () => {
    const tf = new TestFramework({ nodes, pods: [makePod().name('x').node('a1').obj()] });
    expect(tf.filter(Name, makePod().obj()).preFilter?.code).toBe('Skip');
  });
});

describe('InterPodAffinity Score', () => {
  it('prefers the topology of pods matching preferred affinity', () => {
    const tf = new TestFramework({
      nodes: [node('a1', 'a'), node('b1', 'b')],
      pods: [makePod().name('cache').labels({ app: 'cache' }).node('a1').obj()],
    });
    const scores = tf.score(Name, makePod().name('web').preferredPodAffinity(10, term('cache')).obj())!;
    expect(Object.fromEntries(scores)).toEqual({ a1: 100, b1: 0 });
  });

  it('is skipped when no pod has affinity terms', () => {
    const tf = new TestFramework({ nodes: [node('a1', 'a')], pods: [makePod().name('x').node('a1').obj()] });
    expect(tf.score(Name, makePod().obj())).toBeNull();
  });
});
