import { describe, expect, it } from 'vitest';
import { TestFramework, summary } from '../../testing/test-framework.ts';
import { makeNode, makePod } from '../../testing/wrappers.ts';
import { BalancedAllocationName } from './balanced-allocation.ts';
import { Name } from './fit.ts';

describe('NodeResourcesFit Filter', () => {
  const tf = new TestFramework({
    nodes: [makeNode().name('small').capacity({ cpu: '1', memory: '1Gi', pods: '2', 'example.com/gpu': '1' }).obj()],
    pods: [makePod().name('existing').node('small').req({ cpu: '500m', memory: '512Mi' }).obj()],
  });

  it.each([
    { name: 'a pod within the free resources fits', pod: makePod().req({ cpu: '500m' }), expected: 'Success' },
    {
      name: 'a pod asking for more cpu than is free does not fit',
      pod: makePod().req({ cpu: '600m' }),
      expected: 'Unschedulable: Insufficient cpu',
    },
    {
      name: 'every missing resource is listed',
      pod: makePod().req({ cpu: '2', memory: '1Gi' }),
      expected: 'Unschedulable: Insufficient cpu, Insufficient memory',
    },
    {
      name: 'extended resources count like the others',
      pod: makePod().req({ 'example.com/gpu': '2' }),
      expected: 'Unschedulable: Insufficient example.com/gpu',
    },
  ])('$name', ({ pod, expected }) => {
    expect(summary(tf.filter(Name, pod.obj()).nodes.get('small')!)).toBe(expected);
  });

  it('counts pods against allocatable pods', () => {
    const full = new TestFramework({
      nodes: [makeNode().name('n').capacity({ cpu: '4', pods: '1' }).obj()],
      pods: [makePod().name('existing').node('n').obj()],
    });
    expect(summary(full.filter(Name, makePod().obj()).nodes.get('n')!)).toBe('Unschedulable: Too many pods');
  });
});

describe('NodeResourcesFit Score (LeastAllocated) and NodeResourcesBalancedAllocation', () => {
  // Upstream's example: a pod asking 3000m cpu and 5000 bytes on nodes of 4000m/10000 and 6000m/10000.
  const tf = new TestFramework({
    nodes: [
      makeNode().name('node1').capacity({ cpu: '4', memory: '10000' }).obj(),
      makeNode().name('node2').capacity({ cpu: '6', memory: '10000' }).obj(),
    ],
  });
  const pod = makePod().req({ cpu: '3', memory: '5000' }).obj();

  it('scores the share of cpu and memory left free', () => {
    expect(Object.fromEntries(tf.score(Name, pod)!)).toEqual({ node1: 37, node2: 50 });
  });

  it('scores how evenly cpu and memory would be used', () => {
    expect(Object.fromEntries(tf.score(BalancedAllocationName, pod)!)).toEqual({ node1: 87, node2: 100 });
  });

  it('counts containers without requests as 100m cpu and 200Mi memory when spreading', () => {
    const big = new TestFramework({
      nodes: [makeNode().name('n').capacity({ cpu: '1', memory: '1000Mi' }).obj()],
    });
    // cpu (1000-100)/1000 → 90, memory (1000-200)/1000 → 80: 85.
    expect(big.score(Name, makePod().req({}).obj())!.get('n')).toBe(85);
  });
});
