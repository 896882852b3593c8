import { describe, expect, it } from 'vitest';
import { AttemptBuilder } from './decision-record.ts';
import { CycleState } from './framework/cycle-state.ts';
import { PodInfo } from './framework/pod-info.ts';
import { GenericScheduler, adaptivePercentage, numFeasibleNodesToFind } from './generic-scheduler.ts';
import { TestFramework } from './testing/test-framework.ts';
import { makeNode, makePod } from './testing/wrappers.ts';

const nodes = (count: number, cpu = '4') =>
  Array.from({ length: count }, (_, i) => makeNode().name(`node-${i}`).capacity({ cpu }).obj());

describe('numFeasibleNodesToFind', () => {
  it.each([
    { numAllNodes: 50, percentage: 0, want: 50 },
    { numAllNodes: 100, percentage: 0, want: 100 },
    { numAllNodes: 1000, percentage: 0, want: 420 },
    { numAllNodes: 5000, percentage: 0, want: 500 },
    { numAllNodes: 6000, percentage: 0, want: 300 },
    { numAllNodes: 10_000, percentage: 0, want: 500 },
    { numAllNodes: 1000, percentage: 100, want: 1000 },
    { numAllNodes: 1000, percentage: 5, want: 100 },
  ])(
    'finds $want of $numAllNodes nodes (percentageOfNodesToScore $percentage)',
    ({ numAllNodes, percentage, want }) => {
      expect(numFeasibleNodesToFind(percentage, numAllNodes)).toBe(want);
    },
  );

  it('adapts the percentage to the cluster: 50% − nodes/125, at least 5%', () => {
    expect([100, 1000, 5000, 6000].map((n) => adaptivePercentage(0, n))).toEqual([50, 42, 10, 5]);
  });
});

describe('GenericScheduler.schedulePod', () => {
  it('evaluates only enough nodes in a large cluster, and starts the next cycle where this one stopped', () => {
    const tf = new TestFramework({ nodes: nodes(1000) });
    const scheduler = new GenericScheduler(tf.cache, tf.snapshot, () => 0);
    const record = new AttemptBuilder(1, 0, 10);

    const outcome = scheduler.schedulePod(tf.framework, new CycleState(), new PodInfo(makePod().obj()), record);

    expect(outcome.kind).toBe('scheduled');
    expect(outcome.kind === 'scheduled' && outcome.result).toMatchObject({ evaluatedNodes: 420, feasibleNodes: 420 });
    expect(scheduler.nextStartNodeIndex).toBe(420);
    expect(record.render().nodes).toMatchObject({
      total: 1000,
      evaluated: 420,
      skipped: 580,
      feasibleNodesToFind: 420,
    });
  });

  it('places the pod on the best-scoring node', () => {
    const tf = new TestFramework({
      nodes: [...nodes(2, '4'), makeNode().name('roomy').capacity({ cpu: '64', memory: '256Gi' }).obj()],
      pods: [makePod().name('busy').node('node-0').req({ cpu: '3' }).obj()],
    });
    const scheduler = new GenericScheduler(tf.cache, tf.snapshot, () => 0);
    const outcome = scheduler.schedulePod(
      tf.framework,
      new CycleState(),
      new PodInfo(makePod().req({ cpu: '1', memory: '1Gi' }).obj()),
    );
    expect(outcome.kind === 'scheduled' && outcome.result.suggestedHost).toBe('roomy');
  });

  it('reports the nodes and reasons when no node fits', () => {
    const tf = new TestFramework({ nodes: nodes(3, '1') });
    const scheduler = new GenericScheduler(tf.cache, tf.snapshot, () => 0);
    const outcome = scheduler.schedulePod(
      tf.framework,
      new CycleState(),
      new PodInfo(makePod().req({ cpu: '2' }).obj()),
    );
    expect(outcome.kind === 'unschedulable' && outcome.fitError.error()).toBe(
      '0/3 nodes are available: 3 Insufficient cpu.',
    );
    expect(outcome.kind === 'unschedulable' && [...outcome.fitError.diagnosis.unschedulablePlugins]).toEqual([
      'NodeResourcesFit',
    ]);
  });

  it('tries the nominated node first and takes it when it fits', () => {
    const tf = new TestFramework({ nodes: nodes(200) });
    const scheduler = new GenericScheduler(tf.cache, tf.snapshot, () => 0);
    const pod = makePod().nominatedNodeName('node-150').obj();
    const outcome = scheduler.schedulePod(tf.framework, new CycleState(), new PodInfo(pod));
    expect(outcome.kind === 'scheduled' && outcome.result).toMatchObject({
      suggestedHost: 'node-150',
      evaluatedNodes: 1,
    });
  });

  it('says so when the cluster has no nodes', () => {
    const tf = new TestFramework();
    const scheduler = new GenericScheduler(tf.cache, tf.snapshot, () => 0);
    const outcome = scheduler.schedulePod(tf.framework, new CycleState(), new PodInfo(makePod().obj()));
    expect(outcome.kind === 'error' && outcome.status.message()).toBe('no nodes available to schedule pods');
  });
});
