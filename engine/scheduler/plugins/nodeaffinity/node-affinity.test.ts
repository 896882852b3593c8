import { describe, expect, it } from 'vitest';
import { TestFramework, summary } from '../../testing/test-framework.ts';
import { makeNode, makePod } from '../../testing/wrappers.ts';
import { CycleState } from '../../framework/cycle-state.ts';
import { PodInfo } from '../../framework/pod-info.ts';
import { ErrReasonPod, Name } from './node-affinity.ts';
import type { NodeAffinityPlugin } from './node-affinity.ts';

const REJECTED = `UnschedulableAndUnresolvable: ${ErrReasonPod}`;

describe('NodeAffinity Filter', () => {
  const tf = new TestFramework({
    nodes: [
      makeNode().name('ssd-a').labels({ disk: 'ssd', zone: 'a' }).obj(),
      makeNode().name('hdd-b').labels({ disk: 'hdd', zone: 'b' }).obj(),
    ],
  });

  it.each([
    {
      name: 'nodeSelector keeps the pod to matching nodes',
      pod: makePod().nodeSelector({ disk: 'ssd' }),
      hdd: REJECTED,
    },
    {
      name: 'required affinity with In matches the listed values',
      pod: makePod().nodeAffinityIn({ key: 'zone', operator: 'In', values: ['a'] }),
      hdd: REJECTED,
    },
    {
      name: 'NotIn excludes the listed values',
      pod: makePod().nodeAffinityIn({ key: 'zone', operator: 'NotIn', values: ['b'] }),
      hdd: REJECTED,
    },
    {
      name: 'Exists matches nodes with the label',
      pod: makePod().nodeAffinityIn({ key: 'disk', operator: 'Exists' }),
      hdd: 'Success',
    },
  ])('$name', ({ pod, hdd }) => {
    const { nodes } = tf.filter(Name, pod.obj());
    expect(summary(nodes.get('ssd-a')!)).toBe('Success');
    expect(summary(nodes.get('hdd-b')!)).toBe(hdd);
  });

  it('is skipped for a pod without node affinity or selector', () => {
    expect(tf.filter(Name, makePod().obj()).preFilter?.code).toBe('Skip');
  });

  it('narrows the nodes to those named by a metadata.name field selector', () => {
    const pod = makePod().obj();
    pod.spec.affinity = {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['hdd-b'] }] }],
        },
      },
    };
    const outcome = tf.plugin<NodeAffinityPlugin>(Name).preFilter(new CycleState(), new PodInfo(pod));
    expect(outcome.status).toBeNull();
    expect([...(outcome.result?.nodeNames ?? [])]).toEqual(['hdd-b']);
  });
});

describe('NodeAffinity Score', () => {
  it('sums the weights of the preferred terms a node matches, normalized to 100', () => {
    const tf = new TestFramework({
      nodes: [
        makeNode().name('both').labels({ disk: 'ssd', zone: 'a' }).obj(),
        makeNode().name('zone').labels({ zone: 'a' }).obj(),
        makeNode().name('none').obj(),
      ],
    });
    const pod = makePod()
      .preferredNodeAffinity(2, { key: 'disk', operator: 'In', values: ['ssd'] })
      .preferredNodeAffinity(6, { key: 'zone', operator: 'In', values: ['a'] })
      .obj();
    expect(Object.fromEntries(tf.score(Name, pod)!)).toEqual({ both: 100, zone: 75, none: 0 });
  });
});
