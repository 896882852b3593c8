import { describe, expect, it } from 'vitest';
import { TestFramework, summary } from '../../testing/test-framework.ts';
import { makeNode, makePod } from '../../testing/wrappers.ts';
import { ErrReasonUnschedulable, Name } from './node-unschedulable.ts';

const tolerateUnschedulable = { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' };

describe('NodeUnschedulable', () => {
  const tf = new TestFramework({
    nodes: [makeNode().name('schedulable').obj(), makeNode().name('cordoned').unschedulable().obj()],
  });

  it.each([
    {
      name: 'a cordoned node rejects a pod',
      pod: makePod().obj(),
      cordoned: `UnschedulableAndUnresolvable: ${ErrReasonUnschedulable}`,
    },
    {
      name: 'a cordoned node takes a pod tolerating the unschedulable taint',
      pod: makePod().tolerations(tolerateUnschedulable).obj(),
      cordoned: 'Success',
    },
  ])('$name', ({ pod, cordoned }) => {
    const { nodes } = tf.filter(Name, pod);
    expect(summary(nodes.get('schedulable')!)).toBe('Success');
    expect(summary(nodes.get('cordoned')!)).toBe(cordoned);
  });
});
