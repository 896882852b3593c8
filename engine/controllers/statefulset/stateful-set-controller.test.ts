import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/object.ts';
import { CONTROLLER_REVISIONS } from '../common/controller-history.ts';
import { PODS, WorkloadTestCluster } from '../common/workload-test-cluster.ts';
import { statefulSetControllers } from './index.ts';
import { PERSISTENT_VOLUME_CLAIMS } from './stateful-pod-control.ts';
import { STATEFULSETS } from './stateful-set-control.ts';
import type { StatefulSet, StatefulSetSpec } from './statefulset-types.ts';

function statefulSet(spec: Partial<StatefulSetSpec> = {}, image = 'nginx:1.27'): StatefulSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      replicas: 3,
      serviceName: 'nginx',
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image }] } },
      ...spec,
    },
  };
}

const claimTemplate = {
  metadata: { name: 'www' },
  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
};

describe('the StatefulSet controller', () => {
  let kit: WorkloadTestCluster;

  beforeEach(async () => {
    kit = await WorkloadTestCluster.start();
    await kit.run(statefulSetControllers(kit.context));
  });

  afterEach(async () => {
    await kit.close();
  });

  const getSet = async (): Promise<StatefulSet> =>
    (await kit.client.get(STATEFULSETS, 'default', 'web')) as StatefulSet;
  const livePods = async (): Promise<KubeObject[]> =>
    (await kit.list(PODS))
      .filter((p) => p.metadata.labels?.['app'] === 'web' && !p.metadata.deletionTimestamp)
      .sort((a, b) => (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''));
  const names = async (): Promise<string[]> => (await livePods()).map((p) => p.metadata.name ?? '');
  const isReady = (pod: KubeObject): boolean =>
    (pod['status'] as { conditions?: { type: string; status: string }[] }).conditions?.some(
      (c) => c.type === 'Ready' && c.status === 'True',
    ) ?? false;
  const readyAll = async (): Promise<void> => {
    for (const pod of await livePods()) if (!isReady(pod)) await kit.setPodRunning(pod, true);
  };
  const waitForNames = (expected: string[]) =>
    kit.eventually(
      async () => {
        const current = await names();
        return JSON.stringify(current) === JSON.stringify(expected) ? current : undefined;
      },
      `the pods are ${expected.join(', ')}`,
    );
  const bind = (pod: KubeObject) =>
    kit.client.request('POST', `/api/v1/namespaces/default/pods/${pod.metadata.name}/binding`, {
      body: {
        apiVersion: 'v1',
        kind: 'Binding',
        metadata: { name: pod.metadata.name },
        target: { kind: 'Node', name: 'node-1' },
      },
    });
  const revisionOf = (pod: KubeObject): string | undefined => pod.metadata.labels?.['controller-revision-hash'];
  const update = async (spec: Partial<StatefulSetSpec>, image: string): Promise<void> => {
    const current = await getSet();
    await kit.client.update(STATEFULSETS, { ...current, spec: { ...current.spec, ...statefulSet(spec, image).spec } });
  };
  const waitForStatus = (check: (set: StatefulSet) => boolean, what: string) =>
    kit.eventually(async () => {
      const set = await getSet();
      return check(set) ? set : undefined;
    }, what);

  it('creates pods one ordinal at a time, each after its predecessor is ready, with identity and claims', async () => {
    await kit.client.create(STATEFULSETS, 'default', statefulSet({ volumeClaimTemplates: [claimTemplate] }));
    await waitForNames(['web-0']);
    await kit.advance(3000);
    expect(await names()).toEqual(['web-0']);

    const [web0] = await livePods();
    expect(web0!.metadata.labels).toMatchObject({
      app: 'web',
      'statefulset.kubernetes.io/pod-name': 'web-0',
      'apps.kubernetes.io/pod-index': '0',
    });
    expect(web0!.metadata.ownerReferences).toMatchObject([{ kind: 'StatefulSet', name: 'web', controller: true }]);
    const spec = web0!['spec'] as { hostname?: string; subdomain?: string; volumes?: unknown[] };
    expect(spec.hostname).toBe('web-0');
    expect(spec.subdomain).toBe('nginx');
    expect(spec.volumes).toContainEqual({ name: 'www', persistentVolumeClaim: { claimName: 'www-web-0' } });
    const claim = await kit.client.get(PERSISTENT_VOLUME_CLAIMS, 'default', 'www-web-0');
    expect(claim.metadata.labels).toEqual({ app: 'web' });
    expect(claim.metadata.ownerReferences).toBeUndefined();

    await kit.setPodRunning(web0!, true);
    await waitForNames(['web-0', 'web-1']);
    await readyAll();
    await waitForNames(['web-0', 'web-1', 'web-2']);
    await readyAll();
    const set = await waitForStatus((s) => s.status?.readyReplicas === 3, 'all three are ready');
    expect(set.status).toMatchObject({
      replicas: 3,
      readyReplicas: 3,
      availableReplicas: 3,
      currentReplicas: 3,
      updatedReplicas: 3,
      observedGeneration: 1,
      collisionCount: 0,
    });
    expect(set.status?.currentRevision).toBe(set.status?.updateRevision);
    // Pods carry the name of their revision.
    expect(revisionOf(web0!)).toBe(set.status?.currentRevision);
    expect(set.status?.currentRevision).toMatch(/^web-[a-z0-9]+$/);
    const events = (await kit.eventsFor('web')).map((e) => `${e.reason}: ${e.message}`);
    expect(events).toContain('SuccessfulCreate: create Claim www-web-0 Pod web-0 in StatefulSet web success');
    expect(events).toContain('SuccessfulCreate: create Pod web-0 in StatefulSet web successful');
    expect(events.filter((e) => e.startsWith('Failed'))).toEqual([]);
  });

  it('in Parallel mode removes every surplus pod at once', async () => {
    await kit.client.create(STATEFULSETS, 'default', statefulSet({ podManagementPolicy: 'Parallel' }));
    await waitForNames(['web-0', 'web-1', 'web-2']);
    await readyAll();
    await waitForStatus((s) => s.status?.readyReplicas === 3, 'all ready');
    await kit.client.patch(STATEFULSETS, 'default', 'web', 'merge', {
      spec: { replicas: 1, podManagementPolicy: 'Parallel' },
    });
    await waitForNames(['web-0']);
    const ordered = await getSet();
    expect(ordered.status?.replicas).toBe(1);
  });

  it('in OrderedReady mode deletes the highest ordinal first and waits until it is gone before the next', async () => {
    await kit.client.create(STATEFULSETS, 'default', statefulSet());
    for (const expected of [['web-0'], ['web-0', 'web-1'], ['web-0', 'web-1', 'web-2']]) {
      await waitForNames(expected);
      await readyAll();
    }
    await waitForStatus((s) => s.status?.readyReplicas === 3, 'all ready');
    // Bound pods are deleted gracefully: they stay, terminating, until their kubelet is done with them.
    for (const pod of await livePods()) await bind(pod);
    await kit.client.patch(STATEFULSETS, 'default', 'web', 'merge', { spec: { replicas: 1 } });
    await waitForNames(['web-0', 'web-1']);
    await kit.advance(3000);
    expect(await names()).toEqual(['web-0', 'web-1']);

    await kit.client.delete(PODS, 'default', 'web-2', { gracePeriodSeconds: 0 });
    await waitForNames(['web-0']);
    const deletions = (await kit.eventsFor('web')).filter((e) => e.reason === 'SuccessfulDelete').map((e) => e.message);
    expect(deletions).toEqual([
      'delete Pod web-2 in StatefulSet web successful',
      'delete Pod web-1 in StatefulSet web successful',
    ]);
  });

  it('with minReadySeconds waits that long after a pod is ready before the next, and counts it available then', async () => {
    await kit.client.create(STATEFULSETS, 'default', statefulSet({ replicas: 2, minReadySeconds: 10 }));
    await waitForNames(['web-0']);
    await readyAll();
    const readyAt = kit.clock.now();
    await waitForStatus((s) => s.status?.readyReplicas === 1, 'web-0 is ready');
    await kit.advance(8000, 1000);
    expect(await names()).toEqual(['web-0']);
    expect((await getSet()).status?.availableReplicas).toBe(0);
    await waitForNames(['web-0', 'web-1']);
    expect(kit.clock.now() - readyAt).toBeGreaterThanOrEqual(10_000);
    expect((await getSet()).status?.availableReplicas).toBe(1);
  });

  it('creates every pod at once in Parallel mode', async () => {
    await kit.client.create(STATEFULSETS, 'default', statefulSet({ podManagementPolicy: 'Parallel' }));
    await waitForNames(['web-0', 'web-1', 'web-2']);
    const set = await waitForStatus((s) => s.status?.replicas === 3, 'three pods are counted');
    expect(set.status?.readyReplicas ?? 0).toBe(0);
  });

  it('rolls an update from the highest ordinal down, one healthy pod at a time', async () => {
    await kit.client.create(STATEFULSETS, 'default', statefulSet({ podManagementPolicy: 'Parallel' }));
    await waitForNames(['web-0', 'web-1', 'web-2']);
    await readyAll();
    const before = await waitForStatus((s) => s.status?.readyReplicas === 3, 'all ready');
    const oldRevision = before.status?.currentRevision;

    await update({ podManagementPolicy: 'Parallel' }, 'nginx:1.28');
    const during = await waitForStatus(
      (s) => s.status?.updateRevision !== oldRevision && s.status?.observedGeneration === 2,
      'the update revision is new',
    );
    const newRevision = during.status?.updateRevision ?? '';
    expect(newRevision).not.toBe(oldRevision);
    // web-2 goes first; web-1 keeps the old template while web-2 is not ready.
    const web2 = await kit.eventually(async () => {
      const pods = await livePods();
      const pod = pods.find((p) => p.metadata.name === 'web-2');
      return pod && revisionOf(pod) === newRevision ? pod : undefined;
    }, 'web-2 runs the new revision');
    await kit.advance(3000);
    const web1 = (await livePods()).find((p) => p.metadata.name === 'web-1')!;
    expect(revisionOf(web1)).toBe(oldRevision);
    expect((web2['spec'] as { containers: { image: string }[] }).containers[0]!.image).toBe('nginx:1.28');

    await kit.eventually(async () => {
      await readyAll();
      const pods = await livePods();
      return pods.length === 3 && pods.every((p) => revisionOf(p) === newRevision) ? true : undefined;
    }, 'every pod runs the new revision');
    const done = await waitForStatus(
      (s) => s.status?.currentRevision === newRevision && s.status.readyReplicas === 3,
      'the rolling update completes',
    );
    expect(done.status).toMatchObject({ currentReplicas: 3, updatedReplicas: 3 });
    expect((await kit.list(CONTROLLER_REVISIONS)).map((r) => r['revision']).sort()).toEqual([1, 2]);
  });

  it('updates only the ordinals at or above the partition', async () => {
    const partitioned = { podManagementPolicy: 'Parallel' as const };
    await kit.client.create(STATEFULSETS, 'default', statefulSet(partitioned));
    await waitForNames(['web-0', 'web-1', 'web-2']);
    await readyAll();
    const before = await waitForStatus((s) => s.status?.readyReplicas === 3, 'all ready');
    const oldRevision = before.status?.currentRevision;
    await update(
      { ...partitioned, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 2 } } },
      'nginx:1.28',
    );
    await kit.eventually(async () => {
      await readyAll();
      const pod = (await livePods()).find((p) => p.metadata.name === 'web-2');
      return pod && revisionOf(pod) !== oldRevision ? true : undefined;
    }, 'web-2 is updated');
    const set = await waitForStatus(
      (s) => s.status?.updatedReplicas === 1 && s.status.readyReplicas === 3,
      'one pod updated, all ready',
    );
    await kit.advance(3000);
    expect(set.status).toMatchObject({ currentRevision: oldRevision, currentReplicas: 2, updatedReplicas: 1 });
    expect((await livePods()).filter((p) => revisionOf(p) === oldRevision).map((p) => p.metadata.name)).toEqual([
      'web-0',
      'web-1',
    ]);
  });

  it('takes down up to maxUnavailable pods at once', async () => {
    const strategy = { type: 'RollingUpdate' as const, rollingUpdate: { partition: 0, maxUnavailable: 2 } };
    const spec = { podManagementPolicy: 'Parallel' as const, updateStrategy: strategy };
    await kit.client.create(STATEFULSETS, 'default', statefulSet(spec));
    await waitForNames(['web-0', 'web-1', 'web-2']);
    await readyAll();
    const before = await waitForStatus((s) => s.status?.readyReplicas === 3, 'all ready');
    await update(spec, 'nginx:1.28');
    const replaced = await kit.eventually(async () => {
      const pods = await livePods();
      const fresh = pods.filter((p) => revisionOf(p) !== before.status?.currentRevision);
      return pods.length === 3 && fresh.length === 2 ? fresh.map((p) => p.metadata.name) : undefined;
    }, 'two pods are replaced at once');
    expect(replaced).toEqual(['web-1', 'web-2']);
  });

  it('with OnDelete keeps old pods until someone deletes them', async () => {
    const onDelete = { podManagementPolicy: 'Parallel' as const, updateStrategy: { type: 'OnDelete' as const } };
    await kit.client.create(STATEFULSETS, 'default', statefulSet(onDelete));
    await waitForNames(['web-0', 'web-1', 'web-2']);
    await readyAll();
    const before = await waitForStatus((s) => s.status?.readyReplicas === 3, 'all ready');
    const oldRevision = before.status?.currentRevision;
    await update(onDelete, 'nginx:1.28');
    const set = await waitForStatus((s) => s.status?.observedGeneration === 2, 'the update is observed');
    await kit.advance(3000);
    expect((await livePods()).every((p) => revisionOf(p) === oldRevision)).toBe(true);
    expect(set.status).toMatchObject({ currentRevision: oldRevision, currentReplicas: 3 });
    // Go leaves a zero count out.
    expect(set.status?.updatedReplicas).toBeUndefined();

    await kit.client.delete(PODS, 'default', 'web-1');
    const web1 = await kit.eventually(async () => {
      const pod = (await livePods()).find((p) => p.metadata.name === 'web-1');
      return pod && revisionOf(pod) === set.status?.updateRevision ? pod : undefined;
    }, 'web-1 comes back at the update revision');
    expect((web1['spec'] as { containers: { image: string }[] }).containers[0]!.image).toBe('nginx:1.28');
  });

  it('replaces a pod that failed', async () => {
    await kit.client.create(STATEFULSETS, 'default', statefulSet({ replicas: 1 }));
    const [web0] = await kit.eventually(async () => {
      const pods = await livePods();
      return pods.length === 1 ? pods : undefined;
    }, 'web-0 exists');
    await kit.setPodFinished(web0!, 1);
    await kit.eventually(async () => {
      const pods = await livePods();
      return pods.length === 1 && pods[0]!.metadata.uid !== web0!.metadata.uid ? true : undefined;
    }, 'a new web-0 replaces the failed one');
    const events = (await kit.eventsFor('web')).map((e) => e.message);
    expect(events).toContain('delete Pod web-0 in StatefulSet web successful');
  });

  it('with whenScaled and whenDeleted Delete, hands the claim of a scaled-away pod to it, so they go together', async () => {
    await kit.client.create(
      STATEFULSETS,
      'default',
      statefulSet({
        replicas: 2,
        podManagementPolicy: 'Parallel',
        volumeClaimTemplates: [claimTemplate],
        persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Delete', whenScaled: 'Delete' },
      }),
    );
    await waitForNames(['web-0', 'web-1']);
    await readyAll();
    const set = await waitForStatus((s) => s.status?.readyReplicas === 2, 'both ready');
    const claimOwners = async (name: string) =>
      (await kit.getOrUndefined(PERSISTENT_VOLUME_CLAIMS, 'default', name))?.metadata.ownerReferences;
    const setOwner = [{ kind: 'StatefulSet', name: 'web', uid: set.metadata.uid, controller: true }];
    await kit.eventually(async () => ((await claimOwners('www-web-1'))?.length === 1 ? true : undefined), 'owned');
    expect(await claimOwners('www-web-1')).toMatchObject(setOwner);

    await kit.client.patch(STATEFULSETS, 'default', 'web', 'merge', { spec: { replicas: 1 } });
    await waitForNames(['web-0']);
    // The garbage collector deletes the claim with the pod that owned it.
    await kit.eventually(
      async () => ((await claimOwners('www-web-1')) === undefined ? true : undefined),
      'the claim of web-1 is gone',
    );
    expect(await claimOwners('www-web-0')).toMatchObject(setOwner);
  });

  it('adopts an orphan pod named after one of its ordinals, fixes its identity, and leaves other matching pods', async () => {
    const orphan = (name: string): KubeObject => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, labels: { app: 'web' } },
      spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] },
    });
    await kit.client.create(PODS, 'default', orphan('web-0'));
    await kit.client.create(PODS, 'default', orphan('stray'));
    await kit.client.create(STATEFULSETS, 'default', statefulSet({ replicas: 1 }));
    const set = await getSet();
    const adopted = await kit.eventually(async () => {
      const pod = await kit.client.get(PODS, 'default', 'web-0');
      return pod.metadata.ownerReferences?.length ? pod : undefined;
    }, 'web-0 is adopted');
    expect(adopted.metadata.ownerReferences).toMatchObject([{ kind: 'StatefulSet', uid: set.metadata.uid }]);
    await kit.setPodRunning(adopted, true);
    await kit.eventually(async () => {
      const pod = await kit.client.get(PODS, 'default', 'web-0');
      return pod.metadata.labels?.['statefulset.kubernetes.io/pod-name'] === 'web-0' ? true : undefined;
    }, 'web-0 gets its identity label');
    expect((await kit.client.get(PODS, 'default', 'stray')).metadata.ownerReferences).toBeUndefined();
    expect(await names()).toEqual(['stray', 'web-0']);
  });
});
