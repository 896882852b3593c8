import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../api/object.ts';
import type { Pod, PodDisruptionBudget } from '../../framework/api-types.ts';
import { CycleState } from '../../framework/cycle-state.ts';
import { NodeToStatus } from '../../framework/fit-error.ts';
import { PodInfo } from '../../framework/pod-info.ts';
import type { Candidate } from '../../framework/preemption/candidate.ts';
import { pickOneNodeForPreemption } from '../../framework/preemption/pick-one-node.ts';
import { Status } from '../../framework/status.ts';
import { TEST_NOW, TestFramework } from '../../testing/test-framework.ts';
import { makeNode, makePod } from '../../testing/wrappers.ts';
import { Name } from './default-preemption.ts';
import type { DefaultPreemptionPlugin } from './default-preemption.ts';

const pdb = (name: string, app: string, disruptionsAllowed: number): KubeObject => ({
  apiVersion: 'policy/v1',
  kind: 'PodDisruptionBudget',
  metadata: { name, namespace: 'default' },
  spec: { selector: { matchLabels: { app } } },
  status: { disruptionsAllowed },
});

const running = (name: string, node: string, priority: number, cpu = '1') =>
  makePod().name(name).node(node).priority(priority).req({ cpu }).startTime('2024-04-30T00:00:00Z');

/** Runs the plugin's PreFilter plugins for the pod (as the cycle did) and selects victims on a copy of the node. */
function selectVictims(tf: TestFramework, pod: Pod, nodeName: string, pdbs: KubeObject[] = []) {
  const state = new CycleState();
  const podInfo = new PodInfo(pod);
  tf.framework.runPreFilterPlugins(state, podInfo);
  const plugin = tf.plugin<DefaultPreemptionPlugin>(Name);
  const selection = plugin.selectVictimsOnNode(
    state,
    podInfo,
    tf.nodeInfo(nodeName).snapshot(),
    pdbs as PodDisruptionBudget[],
  );
  return { ...selection, names: selection.victims.map((v) => v.metadata.name) };
}

describe('DefaultPreemption victim selection', () => {
  it('evicts only lower-priority pods, and reprieves the most important ones that can stay', () => {
    const tf = new TestFramework({
      nodes: [makeNode().name('n').capacity({ cpu: '3' }).obj()],
      pods: [running('low', 'n', 0).obj(), running('mid', 'n', 5).obj(), running('high', 'n', 100).obj()],
    });
    const preemptor = makePod().name('preemptor').priority(50).req({ cpu: '1' }).obj();

    const { names, numViolatingVictim, status } = selectVictims(tf, preemptor, 'n');

    expect(status).toBeNull();
    expect(names).toEqual(['low']);
    expect(numViolatingVictim).toBe(0);
  });

  it('reprieves pods a PodDisruptionBudget protects before the others', () => {
    const tf = new TestFramework({
      nodes: [makeNode().name('n').capacity({ cpu: '2' }).obj()],
      pods: [running('db', 'n', 0).labels({ app: 'db' }).obj(), running('web', 'n', 0).obj()],
    });
    const preemptor = makePod().name('preemptor').priority(10).req({ cpu: '1' }).obj();

    const { names, numViolatingVictim } = selectVictims(tf, preemptor, 'n', [pdb('db', 'db', 0)]);

    expect(names).toEqual(['web']);
    expect(numViolatingVictim).toBe(0);
  });

  it('counts the protected pods it still has to evict', () => {
    const tf = new TestFramework({
      nodes: [makeNode().name('n').capacity({ cpu: '2' }).obj()],
      pods: [running('db-0', 'n', 0).labels({ app: 'db' }).obj(), running('db-1', 'n', 0).labels({ app: 'db' }).obj()],
    });
    const preemptor = makePod().name('preemptor').priority(10).req({ cpu: '2' }).obj();

    const { names, numViolatingVictim } = selectVictims(tf, preemptor, 'n', [pdb('db', 'db', 1)]);

    expect(names).toHaveLength(2);
    expect(numViolatingVictim).toBe(1);
  });

  it.each([
    {
      name: 'a node with no lower-priority pod has no victims',
      pods: [running('same', 'n', 10).obj()],
      want: 'UnschedulableAndUnresolvable: No preemption victims found for incoming pod',
    },
    {
      name: 'a node too small even when emptied cannot help',
      pods: [running('low', 'n', 0).obj()],
      want: 'Unschedulable: Insufficient cpu',
      cpu: '8',
    },
  ])('$name', ({ pods, want, cpu = '1' }) => {
    const tf = new TestFramework({ nodes: [makeNode().name('n').capacity({ cpu: '1' }).obj()], pods });
    const { status } = selectVictims(tf, makePod().name('preemptor').priority(10).req({ cpu }).obj(), 'n');
    expect(`${status?.code}: ${status?.message()}`).toBe(want);
  });
});

describe('DefaultPreemption PostFilter', () => {
  const unschedulableOn = (...nodes: string[]) => {
    const m = new NodeToStatus();
    for (const n of nodes) m.set(n, new Status('Unschedulable', ['Insufficient cpu']));
    return m;
  };

  it('nominates the node where preemption hurts least, marks the victim and deletes it', async () => {
    const tf = new TestFramework({
      nodes: [makeNode().name('n1').capacity({ cpu: '1' }).obj(), makeNode().name('n2').capacity({ cpu: '1' }).obj()],
      pods: [running('important', 'n1', 500).obj(), running('cheap', 'n2', 0).obj()],
    });
    const preemptor = makePod().name('preemptor').priority(100).req({ cpu: '1' }).obj();
    const state = new CycleState();
    tf.framework.runPreFilterPlugins(state, new PodInfo(preemptor));

    const outcome = await tf
      .plugin<DefaultPreemptionPlugin>(Name)
      .postFilter(state, new PodInfo(preemptor), unschedulableOn('n1', 'n2'));

    expect(outcome.status).toBeNull();
    expect(outcome.result).toEqual({ nominatedNodeName: 'n2', mode: 'Override' });
    expect(outcome.victims?.map((v) => v.metadata.name)).toEqual(['cheap']);
    expect(tf.calls.map((c) => `${c.verb} ${c.path}`)).toEqual(['patch default/cheap/status', 'delete default/cheap']);
    expect(tf.calls[0]!.body).toMatchObject({
      status: { conditions: [{ type: 'DisruptionTarget', status: 'True', reason: 'PreemptionByScheduler' }] },
    });
    expect(tf.events).toEqual([
      { reason: 'Preempted', message: 'Preempted by pod preemptor on node n2', object: 'cheap' },
    ]);
  });

  it('explains per node why preemption cannot help', async () => {
    const tf = new TestFramework({
      nodes: [makeNode().name('n1').capacity({ cpu: '1' }).obj(), makeNode().name('n2').capacity({ cpu: '1' }).obj()],
      pods: [running('same', 'n1', 100).obj()],
    });
    const preemptor = makePod().name('preemptor').priority(100).req({ cpu: '1' }).obj();
    const m = unschedulableOn('n1');
    m.set('n2', new Status('UnschedulableAndUnresolvable', ['node(s) had untolerated taint {x: }']));

    const outcome = await tf
      .plugin<DefaultPreemptionPlugin>(Name)
      .postFilter(new CycleState(), new PodInfo(preemptor), m);

    expect(outcome.status?.message()).toBe(
      'preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.',
    );
    expect(tf.calls).toEqual([]);
  });

  it('does not preempt for a pod with preemptionPolicy Never', async () => {
    const tf = new TestFramework({
      nodes: [makeNode().name('n').capacity({ cpu: '1' }).obj()],
      pods: [running('low', 'n', 0).obj()],
    });
    const preemptor = makePod().name('p').priority(100).preemptionPolicy('Never').req({ cpu: '1' }).obj();

    const outcome = await tf
      .plugin<DefaultPreemptionPlugin>(Name)
      .postFilter(new CycleState(), new PodInfo(preemptor), unschedulableOn('n'));

    expect(outcome.status?.message()).toBe('preemption: not eligible due to preemptionPolicy=Never.');
  });
});

describe('pickOneNodeForPreemption', () => {
  const victim = (priority: number, start = '2024-04-30T00:00:00Z') =>
    makePod().name(`v${priority}`).priority(priority).startTime(start).obj();
  const candidate = (name: string, pods: Pod[], numPDBViolations = 0): Candidate => ({
    name,
    victims: { pods, numPDBViolations },
  });

  it.each([
    {
      name: 'prefers the fewest PodDisruptionBudget violations',
      candidates: [candidate('a', [victim(1)], 1), candidate('b', [victim(5), victim(4)], 0)],
      want: 'b',
    },
    {
      name: 'then the lowest highest-priority victim',
      candidates: [candidate('a', [victim(10)]), candidate('b', [victim(5), victim(4)])],
      want: 'b',
    },
    {
      name: 'then the smallest sum of priorities',
      candidates: [candidate('a', [victim(5), victim(4)]), candidate('b', [victim(5), victim(1)])],
      want: 'b',
    },
    {
      name: 'then the fewest victims',
      candidates: [candidate('a', [victim(5), victim(0)]), candidate('b', [victim(5)])],
      want: 'b',
    },
    {
      name: 'then the latest-started highest-priority victims',
      candidates: [
        candidate('a', [victim(5, '2024-04-01T00:00:00Z')]),
        candidate('b', [victim(5, '2024-04-20T00:00:00Z')]),
      ],
      want: 'b',
    },
  ])('$name', ({ candidates, want }) => {
    expect(pickOneNodeForPreemption(candidates, TEST_NOW)?.name).toBe(want);
  });
});
