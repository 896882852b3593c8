import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/object.ts';
import type { WorkloadHarness } from '../common/test-harness.ts';
import {
  PODS,
  eventsAbout,
  eventually,
  markPodsReady,
  podsWith,
  startWorkloadHarness,
} from '../common/test-harness.ts';
import type { Pod, ReplicaSet } from '../common/workload-types.ts';
import { deploymentControllers } from '../deployment/index.ts';

const REPLICA_SETS = { group: 'apps', version: 'v1', resource: 'replicasets' };
const RCS = { group: '', version: 'v1', resource: 'replicationcontrollers' };
const QUOTAS = { group: '', version: 'v1', resource: 'resourcequotas' };

const template = (app: string) => ({
  metadata: { labels: { app } },
  spec: { containers: [{ name: 'c', image: 'busybox' }] },
});

function replicaSet(name: string, replicas: number): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name },
    spec: { replicas, selector: { matchLabels: { app: name } }, template: template(name) },
  };
}

describe('the replica set controller', () => {
  let h: WorkloadHarness;

  beforeEach(async () => {
    h = await startWorkloadHarness(deploymentControllers);
  });

  afterEach(async () => {
    await h.close();
  });

  const activePods = async (app: string) =>
    (await podsWith(h.client, 'default', { app })).filter((p) => !p.metadata.deletionTimestamp);
  const waitForPods = (app: string, count: number) =>
    eventually(async () => {
      const pods = await activePods(app);
      return pods.length === count ? pods : undefined;
    }, `${app} has ${count} pods`);
  const waitForStatus = (gvr: typeof RCS, name: string, expected: Record<string, number>) =>
    eventually(
      async () => {
        const rs = (await h.client.get(gvr, 'default', name)) as ReplicaSet;
        const status = rs.status as Record<string, number> | undefined;
        return Object.entries(expected).every(([k, v]) => (status?.[k] ?? 0) === v) ? rs : undefined;
      },
      `${name} reports ${JSON.stringify(expected)}`,
    );

  it('creates pods named after the replica set, owned by it, and reports them in its status', async () => {
    const rs = await h.client.create(REPLICA_SETS, 'default', replicaSet('web', 3));
    const pods = await waitForPods('web', 3);
    for (const pod of pods) {
      expect(pod.metadata.name).toMatch(/^web-[a-z0-9]{5}$/);
      expect(pod.metadata.ownerReferences).toEqual([
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: 'web',
          uid: rs.metadata.uid,
          controller: true,
          blockOwnerDeletion: true,
        },
      ]);
    }
    await waitForStatus(REPLICA_SETS, 'web', {
      replicas: 3,
      fullyLabeledReplicas: 3,
      readyReplicas: 0,
      observedGeneration: 1,
    });
    await markPodsReady(h, 'default', { app: 'web' });
    await waitForStatus(REPLICA_SETS, 'web', { replicas: 3, readyReplicas: 3, availableReplicas: 3 });
    // Events of one lab millisecond share a name and only the first is kept (see the report): look for one.
    const created = new Set(pods.map((p) => `SuccessfulCreate: Created pod: ${p.metadata.name}`));
    await eventually(async () => {
      const list = await eventsAbout(h.client, rs);
      return list.some((e) => created.has(e)) || undefined;
    }, 'a SuccessfulCreate event');
  });

  it('creates a replacement when a pod is deleted and deletes the surplus when scaled down', async () => {
    const rs = await h.client.create(REPLICA_SETS, 'default', replicaSet('web', 2));
    const [first] = await waitForPods('web', 2);
    await h.client.delete(PODS, 'default', first!.metadata.name ?? '');
    const after = await eventually(async () => {
      const pods = await activePods('web');
      return pods.length === 2 && !pods.some((p) => p.metadata.uid === first!.metadata.uid) ? pods : undefined;
    }, 'a replacement pod exists');
    expect(after).toHaveLength(2);
    h.clock.step(1000);
    await h.client.patch(REPLICA_SETS, 'default', 'web', 'merge', { spec: { replicas: 0 } });
    await waitForPods('web', 0);
    await eventually(async () => {
      const events = await eventsAbout(h.client, rs);
      return events.some((e) => /^SuccessfulDelete: Deleted pod: web-[a-z0-9]{5}$/.test(e)) || undefined;
    }, 'a SuccessfulDelete event');
  });

  it('deletes unready pods before ready ones', async () => {
    await h.client.create(REPLICA_SETS, 'default', replicaSet('web', 2));
    const [ready] = await waitForPods('web', 2);
    await markPodsReady(h, 'default', { app: 'web' });
    // The other pod is reported not ready.
    const others = (await activePods('web')).filter((p) => p.metadata.uid !== ready!.metadata.uid);
    await h.client.patch(
      PODS,
      'default',
      others[0]!.metadata.name ?? '',
      'merge',
      {
        status: { conditions: [{ type: 'Ready', status: 'False', lastTransitionTime: '2025-01-01T00:00:00Z' }] },
      },
      { subresource: 'status' },
    );
    await waitForStatus(REPLICA_SETS, 'web', { readyReplicas: 1 });
    await h.client.patch(REPLICA_SETS, 'default', 'web', 'merge', { spec: { replicas: 1 } });
    const [kept] = await waitForPods('web', 1);
    expect(kept?.metadata.uid).toBe(ready!.metadata.uid);
  });

  it('adopts orphan pods matching its selector and releases pods whose labels stop matching', async () => {
    const orphan: Pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'stray', labels: { app: 'web' } },
      spec: { containers: [{ name: 'c', image: 'busybox' }] },
    };
    await h.client.create(PODS, 'default', orphan);
    // The controller must know the orphan before the replica set appears, or it creates two pods and then deletes one.
    await eventually(
      async () => h.informers.informerFor(PODS).lister.get('default', 'stray'),
      'the pod informer has the orphan',
    );
    const rs = await h.client.create(REPLICA_SETS, 'default', replicaSet('web', 2));
    await waitForPods('web', 2);
    const adopted = (await h.client.get(PODS, 'default', 'stray')) as Pod;
    expect(adopted.metadata.ownerReferences?.[0]).toMatchObject({
      kind: 'ReplicaSet',
      uid: rs.metadata.uid,
      controller: true,
    });
    await h.client.patch(PODS, 'default', 'stray', 'merge', { metadata: { labels: { app: 'elsewhere' } } });
    await eventually(async () => {
      const released = (await h.client.get(PODS, 'default', 'stray')) as Pod;
      return (
        released.metadata.ownerReferences === undefined || released.metadata.ownerReferences.length === 0 || undefined
      );
    }, 'the pod is released');
    await waitForPods('web', 2);
  });

  it('reports ReplicaFailure and FailedCreate when a quota refuses pods, and clears it once they fit', async () => {
    await h.client.create(QUOTAS, 'default', {
      apiVersion: 'v1',
      kind: 'ResourceQuota',
      metadata: { name: 'pods' },
      spec: { hard: { pods: '0' } },
    });
    const rs = await h.client.create(REPLICA_SETS, 'default', replicaSet('web', 2));
    const failed = await eventually(async () => {
      const current = (await h.client.get(REPLICA_SETS, 'default', 'web')) as ReplicaSet;
      return current.status?.conditions?.find((c) => c.type === 'ReplicaFailure');
    }, 'the ReplicaFailure condition is set');
    expect(failed).toMatchObject({ status: 'True', reason: 'FailedCreate' });
    expect(failed.message).toContain('exceeded quota: pods');
    await eventually(async () => {
      const events = await eventsAbout(h.client, rs);
      return (
        events.some((e) => e.startsWith('FailedCreate: Error creating: pods "web-') && e.includes('exceeded quota')) ||
        undefined
      );
    }, 'a FailedCreate event');
    await h.client.delete(QUOTAS, 'default', 'pods');
    await eventually(async () => {
      h.clock.step(1000);
      const current = (await h.client.get(REPLICA_SETS, 'default', 'web')) as ReplicaSet;
      return (current.status?.replicas === 2 && !current.status.conditions) || undefined;
    }, 'the failure clears');
  });

  it('runs replication controllers with their map selectors', async () => {
    const rc = await h.client.create(RCS, 'default', {
      apiVersion: 'v1',
      kind: 'ReplicationController',
      metadata: { name: 'legacy' },
      spec: { replicas: 2, selector: { app: 'legacy' }, template: template('legacy') },
    });
    const pods = await waitForPods('legacy', 2);
    expect(pods[0]?.metadata.ownerReferences?.[0]).toMatchObject({
      apiVersion: 'v1',
      kind: 'ReplicationController',
      uid: rc.metadata.uid,
    });
    await markPodsReady(h, 'default', { app: 'legacy' });
    await waitForStatus(RCS, 'legacy', { replicas: 2, readyReplicas: 2, availableReplicas: 2 });
    await eventually(async () => {
      const list = await eventsAbout(h.client, rc);
      return list.some((e) => /^SuccessfulCreate: Created pod: legacy-[a-z0-9]{5}$/.test(e)) || undefined;
    }, 'the replication controller records a creation');
  });
});
