import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../api/object.ts';
import type { InProcessClient } from '../../../client/in-process-client.ts';
import { Cluster } from '../../../cluster/cluster.ts';
import { StatusError } from '../../errors/status-error.ts';

const DEPLOYMENTS = { group: 'apps', version: 'v1', resource: 'deployments' };
const CONFIGMAPS = { group: '', version: 'v1', resource: 'configmaps' };
const PODS = { group: '', version: 'v1', resource: 'pods' };

function deployment(name: string, replicas = 1): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels: { app: name } },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
    },
  };
}

async function failure(promise: Promise<unknown>): Promise<StatusError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof StatusError) return error;
    throw error;
  }
  throw new Error('expected the request to fail');
}

describe('RegistryStore through the API', () => {
  let cluster: Cluster;
  let client: InProcessClient;

  beforeEach(async () => {
    cluster = await Cluster.start({});
    client = cluster.loopback;
  });

  afterEach(async () => {
    await cluster.close();
  });

  it('gives a new object a uid, a creation time, generation 1 and a resourceVersion', async () => {
    const created = await client.create(DEPLOYMENTS, 'default', deployment('web'));
    expect(created.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.metadata.creationTimestamp).toMatch(/Z$/);
    expect(created.metadata.generation).toBe(1);
    expect(Number(created.metadata.resourceVersion)).toBeGreaterThan(0);
  });

  it('names an object from generateName', async () => {
    const created = await client.create(CONFIGMAPS, 'default', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { generateName: 'cfg-' },
    });
    expect(created.metadata.name).toMatch(/^cfg-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });

  it('counts spec changes in generation but not metadata or status changes', async () => {
    const created = await client.create(DEPLOYMENTS, 'default', deployment('web'));
    const labelled = await client.patch(DEPLOYMENTS, 'default', 'web', 'merge', {
      metadata: { labels: { tier: 'x' } },
    });
    expect(labelled.metadata.generation).toBe(1);
    const scaled = await client.patch(DEPLOYMENTS, 'default', 'web', 'merge', { spec: { replicas: 3 } });
    expect(scaled.metadata.generation).toBe(2);
    expect(created.metadata.uid).toBe(scaled.metadata.uid);
  });

  it('keeps status when the main resource is written and spec when status is written', async () => {
    await client.create(DEPLOYMENTS, 'default', deployment('web'));
    await client.patch(DEPLOYMENTS, 'default', 'web', 'merge', { status: { replicas: 7 } }, { subresource: 'status' });
    const afterMain = await client.patch(DEPLOYMENTS, 'default', 'web', 'merge', {
      status: { replicas: 1 },
      spec: { replicas: 2 },
    });
    expect((afterMain['status'] as { replicas: number }).replicas).toBe(7);
    const afterStatus = await client.patch(
      DEPLOYMENTS,
      'default',
      'web',
      'merge',
      { spec: { replicas: 9 } },
      { subresource: 'status' },
    );
    expect((afterStatus['spec'] as { replicas: number }).replicas).toBe(2);
  });

  it('refuses an update from a stale resourceVersion with 409 Conflict', async () => {
    const created = await client.create(CONFIGMAPS, 'default', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c' },
    });
    await client.update(CONFIGMAPS, { ...created, data: { a: '1' } } as KubeObject);
    const error = await failure(client.update(CONFIGMAPS, { ...created, data: { a: '2' } } as KubeObject));
    expect(error.code).toBe(409);
    expect(error.message).toBe(
      'Operation cannot be fulfilled on configmaps "c": the object has been modified; please apply your changes to the latest version and try again',
    );
  });

  it('writes nothing for an update that changes nothing', async () => {
    const created = await client.create(CONFIGMAPS, 'default', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c' },
      data: { a: '1' },
    });
    const again = await client.patch(CONFIGMAPS, 'default', 'c', 'merge', { data: { a: '1' } });
    expect(again.metadata.resourceVersion).toBe(created.metadata.resourceVersion);
  });

  it('stores nothing on a dry run', async () => {
    await client.request('POST', '/api/v1/namespaces/default/configmaps', {
      body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'dry' } },
      query: { dryRun: 'All' },
    });
    const error = await failure(client.get(CONFIGMAPS, 'default', 'dry'));
    expect(error.message).toBe('configmaps "dry" not found');
  });

  it('holds an object with finalizers until they are removed, then deletes it', async () => {
    await client.create(CONFIGMAPS, 'default', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'held', finalizers: ['example.com/keep'] },
    });
    await client.delete(CONFIGMAPS, 'default', 'held');
    const marked = await client.get(CONFIGMAPS, 'default', 'held');
    expect(marked.metadata.deletionTimestamp).toBeDefined();
    await client.patch(CONFIGMAPS, 'default', 'held', 'merge', { metadata: { finalizers: null } });
    expect((await failure(client.get(CONFIGMAPS, 'default', 'held'))).code).toBe(404);
  });

  it('adds the foregroundDeletion finalizer for a foreground delete', async () => {
    await client.create(DEPLOYMENTS, 'default', deployment('web'));
    await client.delete(DEPLOYMENTS, 'default', 'web', { propagationPolicy: 'Foreground' });
    const marked = await client.get(DEPLOYMENTS, 'default', 'web');
    expect(marked.metadata.finalizers).toEqual(['foregroundDeletion']);
  });

  it('deletes a scheduled pod gracefully and an unscheduled one at once', async () => {
    const pod = (name: string, nodeName?: string): KubeObject => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name },
      spec: { nodeName, containers: [{ name: 'c', image: 'nginx' }] },
    });
    await client.create(PODS, 'default', pod('scheduled', 'node-1'));
    await client.create(PODS, 'default', pod('pending'));
    await client.delete(PODS, 'default', 'scheduled');
    await client.delete(PODS, 'default', 'pending');
    const terminating = await client.get(PODS, 'default', 'scheduled');
    expect(terminating.metadata.deletionGracePeriodSeconds).toBe(30);
    expect((await failure(client.get(PODS, 'default', 'pending'))).code).toBe(404);
  });

  it('refuses to create in a namespace that does not exist', async () => {
    const error = await failure(
      client.create(CONFIGMAPS, 'nowhere', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }),
    );
    expect([error.code, error.message]).toEqual([404, 'namespaces "nowhere" not found']);
  });

  it('pages through a list with continue tokens that all read one snapshot', async () => {
    for (let i = 0; i < 5; i++) {
      await client.create(CONFIGMAPS, 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `p${i}` } });
    }
    const first = await client.list(CONFIGMAPS, 'default', { limit: 2 });
    expect(first.items.map((o) => o.metadata.name)).toEqual(['p0', 'p1']);
    expect(first.metadata.remainingItemCount).toBe(3);
    await client.delete(CONFIGMAPS, 'default', 'p2');
    const second = await client.list(CONFIGMAPS, 'default', { limit: 2, continue: first.metadata.continue });
    expect(second.items.map((o) => o.metadata.name)).toEqual(['p2', 'p3']);
  });
});
