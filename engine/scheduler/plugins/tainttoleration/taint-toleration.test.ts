import { describe, expect, it } from 'vitest';
import { TestFramework, summary } from '../../testing/test-framework.ts';
import { makeNode, makePod } from '../../testing/wrappers.ts';
import { Name } from './taint-toleration.ts';

describe('TaintToleration Filter', () => {
  const tf = new TestFramework({
    nodes: [
      makeNode().name('plain').obj(),
      makeNode().name('dedicated').taints({ key: 'dedicated', value: 'db', effect: 'NoSchedule' }).obj(),
      makeNode().name('soft').taints({ key: 'spot', effect: 'PreferNoSchedule' }).obj(),
    ],
  });

  it.each([
    {
      name: 'a pod without tolerations is kept off a NoSchedule taint',
      pod: makePod(),
      dedicated: 'UnschedulableAndUnresolvable: node(s) had untolerated taint {dedicated: db}',
    },
    {
      name: 'an Equal toleration with the value tolerates the taint',
      pod: makePod().tolerations({ key: 'dedicated', operator: 'Equal', value: 'db', effect: 'NoSchedule' }),
      dedicated: 'Success',
    },
    {
      name: 'an Equal toleration with another value does not',
      pod: makePod().tolerations({ key: 'dedicated', operator: 'Equal', value: 'web', effect: 'NoSchedule' }),
      dedicated: 'UnschedulableAndUnresolvable: node(s) had untolerated taint {dedicated: db}',
    },
    {
      name: 'an Exists toleration without key tolerates everything',
      pod: makePod().tolerations({ operator: 'Exists' }),
      dedicated: 'Success',
    },
  ])('$name', ({ pod, dedicated }) => {
    const { nodes } = tf.filter(Name, pod.obj());
    expect(summary(nodes.get('plain')!)).toBe('Success');
    expect(summary(nodes.get('dedicated')!)).toBe(dedicated);
    expect(summary(nodes.get('soft')!)).toBe('Success');
  });
});

describe('TaintToleration Score', () => {
  const tf = new TestFramework({
    nodes: [
      makeNode().name('clean').obj(),
      makeNode().name('one').taints({ key: 'a', effect: 'PreferNoSchedule' }).obj(),
      makeNode()
        .name('two')
        .taints({ key: 'a', effect: 'PreferNoSchedule' }, { key: 'b', effect: 'PreferNoSchedule' })
        .obj(),
    ],
  });

  it.each([
    { name: 'fewer untolerated PreferNoSchedule taints score higher', pod: makePod(), scores: [100, 50, 0] },
    {
      name: 'tolerated PreferNoSchedule taints do not count',
      pod: makePod().tolerations({ key: 'a', operator: 'Exists', effect: 'PreferNoSchedule' }),
      scores: [100, 100, 0],
    },
  ])('$name', ({ pod, scores }) => {
    const result = tf.score(Name, pod.obj())!;
    expect(['clean', 'one', 'two'].map((n) => result.get(n))).toEqual(scores);
  });
});
