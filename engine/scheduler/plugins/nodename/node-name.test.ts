import { describe, expect, it } from 'vitest';
import { TestFramework, summary } from '../../testing/test-framework.ts';
import { makeNode, makePod } from '../../testing/wrappers.ts';
import { ErrReason, Name } from './node-name.ts';

describe('NodeName', () => {
  const tf = new TestFramework({ nodes: [makeNode().name('foo').obj(), makeNode().name('bar').obj()] });

  it.each([
    { name: 'a pod without spec.nodeName fits every node', pod: makePod().obj(), foo: 'Success', bar: 'Success' },
    {
      name: 'a pod naming a node fits that node only',
      pod: makePod().node('foo').obj(),
      foo: 'Success',
      bar: `UnschedulableAndUnresolvable: ${ErrReason}`,
    },
  ])('$name', ({ pod, foo, bar }) => {
    const { nodes } = tf.filter(Name, pod);
    expect(summary(nodes.get('foo')!)).toBe(foo);
    expect(summary(nodes.get('bar')!)).toBe(bar);
  });
});
