import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rfc3339 } from '../../api/json.ts';
import type { KubeObject } from '../../api/object.ts';
import { isStatusError } from '../../apiserver/errors/status-error.ts';
import { PODS, WorkloadTestCluster } from '../common/workload-test-cluster.ts';
import type { Pod } from '../common/workload-types.ts';
import { disruptionControllers } from './index.ts';
import type { PodDisruptionBudget } from './pdb-types.ts';

const PDBS = { group: 'policy', version: 'v1', resource: 'poddisruptionbudgets' };
const REPLICA_SETS = { group: 'apps', version: 'v1', resource: 'replicasets' };
const JOBS = { group: 'batch', version: 'v1', resource: 'jobs' };

describe('the disruption controller', () => {
  let lab: WorkloadTestCluster;

  const replicaSet = (replicas: number) =>
    lab.client.create(REPLICA_SETS, 'default', {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'web' },
      spec: {
        replicas,
        selector: { matchLabels: { app: 'web' } },
        template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } },
      },
    });
  const readyPods = async (count: number, controller?: { obj: KubeObject; apiVersion: string; kind: string }) => {
    for (let i = 1; i <= count; i++) {
      const ownerReferences = controller && [
        {
          apiVersion: controller.apiVersion,
          kind: controller.kind,
          name: controller.obj.metadata.name ?? '',
          uid: controller.obj.metadata.uid ?? '',
          controller: true,
        },
      ];
      const pod = await lab.client.create(PODS, 'default', {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: `web-${i}`, labels: { app: 'web' }, ownerReferences },
        spec: { nodeName: 'node-a', containers: [{ name: 'web', image: 'nginx' }] },
      });
      await lab.setPodRunning(pod, true);
    }
  };
  const budget = (spec: Record<string, unknown>) =>
    lab.client.create(PDBS, 'default', {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: 'web' },
      spec: { selector: { matchLabels: { app: 'web' } }, ...spec },
    });
  const status = async () => ((await lab.client.get(PDBS, 'default', 'web')) as PodDisruptionBudget).status ?? {};
  /** Waits until the status shows the given counts. */
  const statusWith = (counts: Record<string, number>) =>
    lab.eventually(
      async () => {
        const current = await status();
        const matches = Object.entries(counts).every(([k, v]) => current[k as keyof typeof current] === v);
        return matches ? current : undefined;
      },
      `the status shows ${JSON.stringify(counts)}`,
    );
  const evict = (name: string) =>
    lab.client.request('POST', `/api/v1/namespaces/default/pods/${name}/eviction`, {
      body: { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name, namespace: 'default' } },
    });

  beforeEach(async () => {
    lab = await WorkloadTestCluster.start();
    await lab.run(disruptionControllers(lab.context));
  });

  afterEach(async () => {
    await lab.close();
  });

  it('allows as many evictions as the budget leaves room for, then refuses them', async () => {
    const rs = await replicaSet(3);
    await readyPods(3, { obj: rs, apiVersion: 'apps/v1', kind: 'ReplicaSet' });
    await budget({ maxUnavailable: 1 });

    const allowed = await statusWith({ disruptionsAllowed: 1 });
    expect(allowed).toMatchObject({ currentHealthy: 3, desiredHealthy: 2, expectedPods: 3, observedGeneration: 1 });
    expect(allowed.conditions).toEqual([
      {
        type: 'DisruptionAllowed',
        status: 'True',
        reason: 'SufficientPods',
        message: '',
        observedGeneration: 1,
        lastTransitionTime: expect.any(String),
      },
    ]);

    await evict('web-1');
    const refusal = await evict('web-2').catch((error: unknown) => error);
    expect(isStatusError(refusal, 'TooManyRequests')).toBe(true);

    // web-1 is terminating (no kubelet finishes it): no longer healthy, and no longer an expected disruption.
    const after = await statusWith({ currentHealthy: 2, disruptionsAllowed: 0 });
    expect(after.disruptedPods ?? {}).toEqual({});
    expect(after.conditions?.[0]).toMatchObject({ status: 'False', reason: 'InsufficientPods' });
  });

  it('counts an eviction whose pod is not deleted for two minutes only, then reports it', async () => {
    await readyPods(3);
    await budget({ minAvailable: 2 });
    const synced = await statusWith({ currentHealthy: 3, expectedPods: 3, disruptionsAllowed: 1 });

    const pdb = (await lab.client.get(PDBS, 'default', 'web')) as PodDisruptionBudget;
    const disruptedAt = rfc3339(lab.clock.now());
    await lab.client.update(
      PDBS,
      { ...pdb, status: { ...synced, disruptionsAllowed: 0, disruptedPods: { 'web-1': disruptedAt } } },
      'status',
    );
    const pending = await statusWith({ currentHealthy: 2, disruptionsAllowed: 0 });
    expect(pending.disruptedPods).toEqual({ 'web-1': disruptedAt });

    await lab.advance(100_000, 1000);
    expect((await status()).currentHealthy).toBe(2);
    const expired = await lab.eventually(
      async () => {
        const current = await status();
        return current.currentHealthy === 3 ? current : undefined;
      },
      'the eviction stops counting',
      { stepMs: 1000, tries: 40 },
    );
    expect(expired.disruptedPods ?? {}).toEqual({});
    expect(await lab.eventsFor('web-1')).toContainEqual({
      reason: 'NotDeleted',
      message: "Pod was expected by PDB default/default to be deleted but it wasn't",
    });
  });

  it('cannot count pods without a controller against a percentage, and says so', async () => {
    await readyPods(2);
    await budget({ minAvailable: '50%' });
    const current = await statusWith({ currentHealthy: 2 });
    expect(current).toMatchObject({ expectedPods: 0, desiredHealthy: 0, disruptionsAllowed: 0 });
    const events = await lab.eventually(async () => {
      const found = await lab.eventsFor('web');
      return found.some((e) => e.reason === 'UnmanagedPods') ? found : undefined;
    }, 'the UnmanagedPods event is recorded');
    expect(events.find((e) => e.reason === 'UnmanagedPods')?.message).toBe(
      'Pods selected by this PodDisruptionBudget (selector: &LabelSelector{MatchLabels:map[string]string{app: web,},' +
        'MatchExpressions:[]LabelSelectorRequirement{},}) were found to be unmanaged. As a result, the status of the ' +
        'PDB cannot be calculated correctly, which may result in undefined behavior. To account for these pods please ' +
        'set ".spec.minAvailable" field of the PDB to an integer value.',
    );
  });

  it('fails safe when the pods belong to a controller without a scale', async () => {
    const job = await lab.client.create(JOBS, 'default', {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'web' },
      spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'web', image: 'nginx' }] } } },
    });
    await readyPods(2, { obj: job, apiVersion: 'batch/v1', kind: 'Job' });
    await budget({ maxUnavailable: 1 });
    const failed = await lab.eventually(async () => {
      const condition = (await status()).conditions?.[0];
      return condition?.reason === 'SyncFailed' ? condition : undefined;
    }, 'the sync fails');
    expect(failed).toMatchObject({
      status: 'False',
      message: 'jobs.batch does not implement the scale subresource',
    });
    expect((await status()).disruptionsAllowed ?? 0).toBe(0);
  });

  it('sets back to False a DisruptionTarget condition whose pod was not deleted within two minutes', async () => {
    await readyPods(1);
    await lab.client.patch(
      PODS,
      'default',
      'web-1',
      'strategic',
      {
        status: {
          conditions: [
            {
              type: 'DisruptionTarget',
              status: 'True',
              reason: 'EvictionByEvictionAPI',
              message: 'Eviction API: evicting',
              lastTransitionTime: rfc3339(lab.clock.now()),
            },
          ],
        },
      },
      { subresource: 'status' },
    );
    const target = async () =>
      ((await lab.client.get(PODS, 'default', 'web-1')) as Pod).status?.conditions?.find(
        (c) => c.type === 'DisruptionTarget',
      );
    await lab.advance(110_000, 1000);
    expect((await target())?.status).toBe('True');
    await lab.eventually(async () => (await target())?.status === 'False', 'the condition is reset', {
      stepMs: 1000,
      tries: 20,
    });
  });
});
