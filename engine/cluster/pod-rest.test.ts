import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isStatusError } from '../apiserver/errors/status-error.ts';
import type { InProcessClient } from '../client/in-process-client.ts';
import { VirtualClock } from '../lab/clock.ts';
import { Cluster } from './cluster.ts';

const PODS = { group: '', version: 'v1', resource: 'pods' };
const PDBS = { group: 'policy', version: 'v1', resource: 'poddisruptionbudgets' };
const NS = 'default';

describe('pods/eviction', () => {
  let cluster: Cluster;
  let client: InProcessClient;

  beforeAll(async () => {
    const clock = new VirtualClock(Date.parse('2026-01-01T00:00:00Z'));
    clock.setPaused(true);
    cluster = await Cluster.start({ clock, controllers: [] });
    client = cluster.loopback;
    // No ServiceAccount controller runs here: pods need their account to exist.
    await client.create({ group: '', version: 'v1', resource: 'serviceaccounts' }, NS, {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: 'default' },
    });
  });

  afterAll(() => cluster.close());

  async function runningPod(name: string, app: string, ready: boolean): Promise<void> {
    await client.create(PODS, NS, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, labels: { app } },
      spec: { nodeName: 'node-1', containers: [{ name: 'c', image: 'nginx' }] },
    });
    await client.patch(
      PODS,
      NS,
      name,
      'merge',
      {
        status: { phase: 'Running', conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
      },
      { subresource: 'status' },
    );
  }

  async function budget(name: string, app: string, status: Record<string, unknown>, policy?: string) {
    const pdb = await client.create(PDBS, NS, {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name },
      spec: { minAvailable: 1, selector: { matchLabels: { app } }, unhealthyPodEvictionPolicy: policy },
    });
    await client.patch(
      PDBS,
      NS,
      name,
      'merge',
      {
        status: { observedGeneration: pdb.metadata.generation, expectedPods: 2, ...status },
      },
      { subresource: 'status' },
    );
  }

  const evict = (name: string) =>
    client.request('POST', `/api/v1/namespaces/${NS}/pods/${name}/eviction`, {
      body: { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name, namespace: NS } },
    });

  async function refusal(name: string): Promise<{ code: number; causes: unknown }> {
    try {
      await evict(name);
    } catch (error) {
      if (isStatusError(error)) return { code: error.status.code ?? 0, causes: error.status.details?.causes };
      throw error;
    }
    throw new Error('the eviction was not refused');
  }

  it('deletes a pod its budget can spare, marking it a disruption target and counting it', async () => {
    await runningPod('spare-a', 'spare', true);
    await budget('spare', 'spare', { currentHealthy: 2, desiredHealthy: 1, disruptionsAllowed: 1 });
    await evict('spare-a');
    const pdb = await client.get(PDBS, NS, 'spare');
    expect(pdb['status']).toMatchObject({ disruptionsAllowed: 0, disruptedPods: { 'spare-a': expect.any(String) } });
    // A pod on a node is deleted gracefully: it stays, terminating, with the condition that says why.
    const evicted = await client.get(PODS, NS, 'spare-a');
    expect(evicted.metadata.deletionTimestamp).toBeDefined();
    expect((evicted['status'] as { conditions: unknown[] }).conditions).toContainEqual(
      expect.objectContaining({ type: 'DisruptionTarget', status: 'True', reason: 'EvictionByEvictionAPI' }),
    );
  });

  it('refuses with 429 when the budget allows no disruption', async () => {
    await runningPod('tight-a', 'tight', true);
    await budget('tight', 'tight', { currentHealthy: 1, desiredHealthy: 1, disruptionsAllowed: 0 });
    expect(await refusal('tight-a')).toEqual({
      code: 429,
      causes: [
        { reason: 'DisruptionBudget', message: 'The disruption budget tight needs 1 healthy pods and has 1 currently' },
      ],
    });
    expect((await client.get(PODS, NS, 'tight-a')).metadata.deletionTimestamp).toBeUndefined();
  });

  it('refuses while the budget status is older than its spec', async () => {
    await runningPod('stale-a', 'stale', true);
    await budget('stale', 'stale', { currentHealthy: 2, desiredHealthy: 1, disruptionsAllowed: 1 });
    await client.patch(PDBS, NS, 'stale', 'merge', { spec: { minAvailable: 2 } });
    expect(await refusal('stale-a')).toEqual({
      code: 429,
      causes: [
        { reason: 'DisruptionBudget', message: 'The disruption budget stale is still being processed by the server.' },
      ],
    });
  });

  it('lets an unready pod go while the budget is met (IfHealthyBudget), but not past an unmet one', async () => {
    await runningPod('sick-a', 'sick', false);
    await budget('sick', 'sick', { currentHealthy: 1, desiredHealthy: 1, disruptionsAllowed: 0 });
    await evict('sick-a');
    await runningPod('unmet-a', 'unmet', false);
    await budget('unmet', 'unmet', { currentHealthy: 0, desiredHealthy: 1, disruptionsAllowed: 0 });
    expect((await refusal('unmet-a')).code).toBe(429);
    await runningPod('always-a', 'always', false);
    await budget('always', 'always', { currentHealthy: 0, desiredHealthy: 1, disruptionsAllowed: 0 }, 'AlwaysAllow');
    await evict('always-a');
  });
});
