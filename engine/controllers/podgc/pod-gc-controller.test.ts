import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/object.ts';
import { NODES, PODS, WorkloadTestCluster } from '../common/workload-test-cluster.ts';
import type { Pod } from '../common/workload-types.ts';
import { podGCControllers } from './index.ts';

/** Keeps deleted pods around, so the test can read what the collector wrote before deleting them. */
const HOLD = 'kubelab.io/test-hold';

describe('the pod garbage collector', () => {
  let lab: WorkloadTestCluster;

  const node = (name: string, spec: Record<string, unknown> = {}, ready = 'True') =>
    lab.client.create(NODES, '', {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name },
      spec,
      status: { conditions: [{ type: 'Ready', status: ready }] },
    });
  const pod = (name: string, nodeName?: string) =>
    lab.client.create(PODS, 'default', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, finalizers: [HOLD] },
      spec: { nodeName, containers: [{ name: 'main', image: 'busybox' }] },
    });
  const current = (name: string) => lab.getOrUndefined(PODS, 'default', name) as Promise<Pod | undefined>;
  const deleting = async (name: string) => (await current(name))?.metadata.deletionTimestamp;
  const finished = async (name: string, phase: 'Succeeded' | 'Failed', reason?: string) => {
    const created = (await pod(name, 'node-a')) as KubeObject;
    await lab.client.patch(PODS, 'default', name, 'merge', { status: { phase, reason } }, { subresource: 'status' });
    return created;
  };

  beforeEach(async () => {
    lab = await WorkloadTestCluster.start();
    await node('node-a');
  });

  afterEach(async () => {
    await lab.close();
  });

  it('deletes the pods of a deleted node after the quarantine, marked Failed and DisruptionTarget', async () => {
    await lab.run(podGCControllers(lab.context));
    await node('node-b');
    await lab.setPodRunning(await pod('web-1', 'node-b'), true);
    await lab.setPodRunning(await pod('web-2', 'node-a'), true);
    await lab.client.delete(NODES, '', 'node-b');

    await lab.advance(30_000, 1000);
    expect(await deleting('web-1')).toBeUndefined();
    await lab.eventually(() => deleting('web-1'), 'web-1 is deleted', { stepMs: 1000, tries: 40 });
    const orphan = await current('web-1');
    expect(orphan?.metadata.deletionGracePeriodSeconds).toBe(0);
    expect(orphan?.status?.phase).toBe('Failed');
    expect(orphan?.status?.conditions).toContainEqual(
      expect.objectContaining({
        type: 'DisruptionTarget',
        status: 'True',
        reason: 'DeletionByPodGC',
        message: 'PodGC: node no longer exists',
        lastTransitionTime: '2024-05-01T00:01:00Z',
      }),
    );
    expect(await deleting('web-2')).toBeUndefined();
  });

  it('deletes the oldest terminated pods beyond the threshold, evicted ones first', async () => {
    await finished('done-1', 'Succeeded');
    lab.clock.step(1000);
    await finished('done-2', 'Failed');
    lab.clock.step(1000);
    await finished('evicted', 'Failed', 'Evicted');
    lab.clock.step(1000);
    await finished('done-3', 'Succeeded');
    await lab.setPodRunning(await pod('running', 'node-a'), true);
    await lab.run(podGCControllers(lab.context, { terminatedPodThreshold: 2 }));

    await lab.eventually(() => deleting('done-1'), 'done-1 is deleted');
    expect(await deleting('evicted')).toBeDefined();
    for (const name of ['done-2', 'done-3', 'running']) expect(await deleting(name)).toBeUndefined();
    expect((await current('done-1'))?.status?.phase).toBe('Succeeded');
  });

  it('marks Failed and deletes again terminating pods that were never scheduled', async () => {
    // The API server deletes an unscheduled pod at once; only finalizers keep it terminating.
    await pod('pending');
    await lab.client.delete(PODS, 'default', 'pending', { gracePeriodSeconds: 30 });
    expect((await current('pending'))?.status?.phase).toBe('Pending');
    await lab.run(podGCControllers(lab.context));

    await lab.eventually(async () => (await current('pending'))?.status?.phase === 'Failed', 'the pod is Failed');
  });

  it('force-deletes terminating pods of a node that is down and out of service, and only those', async () => {
    await node('node-b', { taints: [{ key: 'node.kubernetes.io/out-of-service', effect: 'NoExecute' }] }, 'False');
    await lab.setPodRunning(await pod('stuck', 'node-b'), true);
    await lab.setPodRunning(await pod('healthy', 'node-a'), true);
    for (const name of ['stuck', 'healthy']) await lab.client.delete(PODS, 'default', name, { gracePeriodSeconds: 30 });
    await lab.run(podGCControllers(lab.context));

    await lab.eventually(
      async () => (await current('stuck'))?.metadata.deletionGracePeriodSeconds === 0,
      'stuck is deleted at once',
    );
    expect((await current('stuck'))?.status?.phase).toBe('Failed');
    await lab.advance(40_000, 1000);
    expect((await current('healthy'))?.metadata.deletionGracePeriodSeconds).toBe(30);
  });
});
