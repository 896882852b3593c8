// The scheduler against an in-process cluster on a paused lab clock: Nodes created through the API as a kubelet
// registers them (no kubelets run), pods bound through pods/binding with the Scheduled event, a pod that fits
// nowhere reported as kube-scheduler reports it, requeued when a node joins, preemption by priority, and the
// decision log readable afterwards.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/object.ts';
import { EVENTS, NODES, PODS, WorkloadTestCluster } from '../controllers/common/workload-test-cluster.ts';
import { DecisionLog } from './decision-log.ts';
import type { Pod } from './framework/api-types.ts';
import { Scheduler } from './scheduler.ts';
import { makeNode, makePod } from './testing/wrappers.ts';

const PRIORITY_CLASSES = { group: 'scheduling.k8s.io', version: 'v1', resource: 'priorityclasses' };
const CONTROL_PLANE_TAINT = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' };

describe('Scheduler', () => {
  let kit: WorkloadTestCluster;
  let scheduler: Scheduler;
  let decisions: DecisionLog;

  beforeEach(async () => {
    kit = await WorkloadTestCluster.start();
    decisions = new DecisionLog();
    scheduler = new Scheduler({
      client: kit.client,
      clock: kit.clock,
      informers: kit.context.informers,
      recorder: kit.context.recorder('default-scheduler'),
      decisions,
    });
    scheduler.run();
  });

  afterEach(async () => {
    scheduler.stop();
    await kit.close();
  });

  async function createNode(node: KubeObject): Promise<void> {
    await kit.client.create(NODES, '', node);
  }

  async function createPod(pod: Pod): Promise<void> {
    const { uid: _uid, ...metadata } = pod.metadata;
    await kit.client.create(PODS, 'default', { ...pod, metadata });
  }

  async function clusterOfFour(): Promise<void> {
    await createNode(
      makeNode().name('control-plane').capacity({ cpu: '2', memory: '4Gi' }).taints(CONTROL_PLANE_TAINT).obj(),
    );
    for (const name of ['worker-1', 'worker-2', 'worker-3']) {
      await createNode(makeNode().name(name).capacity({ cpu: '2', memory: '4Gi' }).obj());
    }
  }

  const getPod = async (name: string) => (await kit.client.get(PODS, 'default', name)) as Pod;

  async function boundNode(name: string): Promise<string> {
    return kit.eventually(async () => (await getPod(name)).spec.nodeName || undefined, `${name} is bound`);
  }

  it('binds a pod through the binding sub-resource and records the Scheduled event', async () => {
    await clusterOfFour();
    await createPod(makePod().name('web').req({ cpu: '500m' }).obj());

    const node = await boundNode('web');

    expect(node).toMatch(/^worker-/);
    const pod = await getPod('web');
    expect(pod.status?.conditions?.find((c) => c.type === 'PodScheduled')?.status).toBe('True');
    const events = await kit.eventually(async () => {
      const found = (await kit.eventsFor('web')).filter((e) => e.reason === 'Scheduled');
      return found.length ? found : undefined;
    }, 'the Scheduled event exists');
    expect(events[0]!.message).toBe(`Successfully assigned default/web to ${node}`);
    const decision = decisions.get('default', 'web');
    expect(decision?.status.phase).toBe('Scheduled');
    expect(decision?.status.nodeName).toBe(node);
    expect(decision?.status.attempts[0]?.binding).toEqual({ result: 'Bound' });
  });

  it('reports a pod that fits nowhere as kube-scheduler does, then places it when a node joins', async () => {
    await clusterOfFour();
    await createPod(makePod().name('big').req({ cpu: '3' }).obj());

    const message =
      '0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, ' +
      '3 Insufficient cpu. preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, ' +
      '3 No preemption victims found for incoming pod.';
    const condition = await kit.eventually(async () => {
      return (await getPod('big')).status?.conditions?.find((c) => c.type === 'PodScheduled');
    }, 'the PodScheduled condition is set');
    expect(condition).toMatchObject({ status: 'False', reason: 'Unschedulable', message });
    const failed = await kit.eventually(async () => {
      return (await kit.eventsFor('big')).find((e) => e.reason === 'FailedScheduling');
    }, 'the FailedScheduling event exists');
    expect(failed.message).toBe(message);
    expect(scheduler.queue.whereIs(await getPod('big'))).toBe('unschedulablePods');
    const attempt = decisions.get('default', 'big')?.status.attempts[0];
    expect(attempt?.result).toBe('Unschedulable');
    expect(attempt?.filter.rejected).toContainEqual({
      node: 'control-plane',
      plugin: 'TaintToleration',
      code: 'UnschedulableAndUnresolvable',
      reasons: ['node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }'],
    });

    await createNode(makeNode().name('worker-4').capacity({ cpu: '8', memory: '16Gi' }).obj());

    expect(await boundNode('big')).toBe('worker-4');
    expect(decisions.get('default', 'big')?.status.attemptCount).toBe(2);
  });

  it('preempts a lower-priority pod: marks and deletes it, nominates the node, binds once it is gone', async () => {
    await kit.client.create(PRIORITY_CLASSES, '', {
      apiVersion: 'scheduling.k8s.io/v1',
      kind: 'PriorityClass',
      metadata: { name: 'high' },
      value: 1000,
    });
    await createNode(makeNode().name('only').capacity({ cpu: '2', memory: '4Gi' }).obj());
    await createPod(makePod().name('low').req({ cpu: '1500m' }).obj());
    await boundNode('low');

    await createPod(makePod().name('high').priorityClassName('high').req({ cpu: '1' }).obj());

    const nominated = await kit.eventually(
      async () => (await getPod('high')).status?.nominatedNodeName || undefined,
      'the preemptor is nominated',
    );
    expect(nominated).toBe('only');
    const victim = await kit.eventually(async () => {
      const low = await kit.getOrUndefined(PODS, 'default', 'low');
      return low?.metadata.deletionTimestamp ? (low as Pod) : undefined;
    }, 'the victim is being deleted');
    expect(victim.status?.conditions?.find((c) => c.type === 'DisruptionTarget')).toMatchObject({
      status: 'True',
      reason: 'PreemptionByScheduler',
    });
    expect(decisions.get('default', 'high')?.status.attempts[0]?.preemption?.victims).toEqual([
      { namespace: 'default', name: 'low', priority: 0 },
    ]);

    // The kubelet would confirm the deletion once the containers stopped.
    await kit.client.delete(PODS, 'default', 'low', { gracePeriodSeconds: 0 });

    expect(await boundNode('high')).toBe('only');
    const preempted = await kit.eventually(async () => {
      const list = (await kit.list(EVENTS)).filter((e) => e['reason'] === 'Preempted');
      return list.length ? list : undefined;
    }, 'the Preempted event exists');
    expect(String(preempted[0]!['message'])).toMatch(/^Preempted by pod .+ on node only$/);
  });
});
