// Tests for the ResourceQuota admission plugin.
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../api/object.ts';
import { StatusError, conflict } from '../../errors/status-error.ts';
import type { AdmissionAttributes } from '../admission.ts';
import { ResourceQuota } from './resource-quota.ts';
import { PODS, attributesFor, pod } from './test-attributes.ts';

const quota = (name: string, hard: Record<string, string>, more: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ResourceQuota',
  metadata: { name, namespace: 'ns', resourceVersion: '1' },
  spec: { hard, ...(more.spec as object | undefined) },
  ...(more.status ? { status: more.status } : {}),
});

/** ResourceQuotas of namespace `ns` in memory, their status written with optimistic concurrency. */
function quotaStore(initial: KubeObject[], options: { conflicts?: number } = {}) {
  let quotas = structuredClone(initial);
  let conflicts = options.conflicts ?? 0;
  const writes: KubeObject[] = [];
  const plugin = new ResourceQuota({
    listResourceQuotas: async (namespace) => structuredClone(quotas.filter((q) => q.metadata.namespace === namespace)),
    updateResourceQuotaStatus: async (updated) => {
      const name = updated.metadata.name ?? '';
      const stored = quotas.find((q) => q.metadata.name === name);
      if (!stored) throw new Error(`no quota ${name}`);
      if (conflicts > 0 || stored.metadata.resourceVersion !== updated.metadata.resourceVersion) {
        conflicts--;
        stored.metadata.resourceVersion = String(Number(stored.metadata.resourceVersion) + 1);
        throw conflict({ group: '', resource: 'resourcequotas' }, name, 'the object has been modified');
      }
      writes.push(structuredClone(updated));
      quotas = quotas.map((q) =>
        q === stored
          ? {
              ...q,
              metadata: { ...q.metadata, resourceVersion: String(Number(q.metadata.resourceVersion) + 1) },
              status: updated.status,
            }
          : q,
      );
    },
  });
  return { plugin, writes, status: (name: string) => quotas.find((q) => q.metadata.name === name)?.status };
}

const ctr = (requests: Record<string, string>, limits: Record<string, string> = {}) => ({
  name: 'app',
  image: 'nginx',
  resources: { requests, limits },
});

async function refusalMessage(promise: Promise<void>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StatusError);
  expect((error as StatusError).code).toBe(403);
  return (error as StatusError).message;
}

const podNamed = (name: string, spec: Record<string, unknown> = {}) => attributesFor(PODS, pod(spec, { name }));

describe('ResourceQuota admission', () => {
  it('charges admitted pods to the quota and refuses the one beyond its limit, as upstream words it', async () => {
    const { plugin, status } = quotaStore([quota('pods-quota', { pods: '2', 'count/pods': '5' })]);
    await plugin.validate(podNamed('a'));
    await plugin.validate(podNamed('b'));
    expect(status('pods-quota')).toEqual({
      hard: { 'count/pods': '5', pods: '2' },
      used: { 'count/pods': '2', pods: '2' },
    });
    expect(await refusalMessage(plugin.validate(podNamed('c')))).toBe(
      'pods "c" is forbidden: exceeded quota: pods-quota, requested: pods=1, used: pods=2, limited: pods=2',
    );
    expect(status('pods-quota')).toEqual({
      hard: { 'count/pods': '5', pods: '2' },
      used: { 'count/pods': '2', pods: '2' },
    });
  });

  it('names every resource a request exceeds', async () => {
    const { plugin } = quotaStore([
      quota(
        'compute',
        { 'requests.cpu': '1', 'limits.memory': '1Gi' },
        { status: { used: { 'requests.cpu': '800m', 'limits.memory': '768Mi' } } },
      ),
    ]);
    const a = podNamed('big', { containers: [ctr({ cpu: '500m', memory: '512Mi' }, { cpu: '1', memory: '512Mi' })] });
    expect(await refusalMessage(plugin.validate(a))).toBe(
      'pods "big" is forbidden: exceeded quota: compute, requested: limits.memory=512Mi,requests.cpu=500m, ' +
        'used: limits.memory=768Mi,requests.cpu=800m, limited: limits.memory=1Gi,requests.cpu=1',
    );
  });

  it('adds to the usage a quota already records', async () => {
    const { plugin, status } = quotaStore([
      quota(
        'compute',
        { 'requests.cpu': '2' },
        { status: { hard: { 'requests.cpu': '2' }, used: { 'requests.cpu': '500m' } } },
      ),
    ]);
    await plugin.validate(podNamed('a', { containers: [ctr({ cpu: '500m' })] }));
    expect(status('compute')).toEqual({ hard: { 'requests.cpu': '2' }, used: { 'requests.cpu': '1' } });
  });

  it('refuses a pod that does not declare what a covering quota limits', async () => {
    const { plugin } = quotaStore([quota('compute', { 'limits.cpu': '2', pods: '10' })]);
    expect(await refusalMessage(plugin.validate(podNamed('a', { containers: [ctr({ cpu: '1' })] })))).toBe(
      'pods "a" is forbidden: failed quota: compute: must specify limits.cpu for: app',
    );
  });

  it.each<[string, Record<string, unknown>, boolean]>([
    ['charges a pod a scoped quota covers', {}, true],
    ['leaves out a pod outside the quota’s scopes', { containers: [ctr({ cpu: '100m' })] }, false],
  ])('%s', async (_name, spec, charged) => {
    const { plugin, writes } = quotaStore([quota('best-effort', { pods: '1' }, { spec: { scopes: ['BestEffort'] } })]);
    await plugin.validate(podNamed('a', spec));
    expect(writes.length).toBe(charged ? 1 : 0);
  });

  it('counts Services and their node ports, charging only what an update adds', async () => {
    const { plugin, status } = quotaStore([quota('services', { services: '5', 'services.nodeports': '3' })]);
    const SERVICES = { resource: 'services', kind: 'Service' };
    const service = (type: string): KubeObject => ({
      metadata: { name: 'web', namespace: 'ns', resourceVersion: '7' },
      spec: { type, ports: [{ port: 80 }, { port: 443 }] },
    });
    await plugin.validate(attributesFor(SERVICES, service('ClusterIP')));
    await plugin.validate(
      attributesFor(SERVICES, service('NodePort'), { operation: 'UPDATE', oldObject: service('ClusterIP') }),
    );
    expect(status('services')).toEqual({
      hard: { services: '5', 'services.nodeports': '3' },
      used: { services: '1', 'services.nodeports': '2' },
    });
  });

  it('counts any kind under count/<resource>.<group>', async () => {
    const { plugin, status } = quotaStore([quota('objects', { 'count/deployments.apps': '1', configmaps: '3' })]);
    const DEPLOYMENTS = { group: 'apps', resource: 'deployments', kind: 'Deployment' };
    const deployment = (name: string): KubeObject => ({ metadata: { name, namespace: 'ns' } });
    await plugin.validate(attributesFor(DEPLOYMENTS, deployment('a')));
    expect(await refusalMessage(plugin.validate(attributesFor(DEPLOYMENTS, deployment('b'))))).toBe(
      'deployments.apps "b" is forbidden: exceeded quota: objects, requested: count/deployments.apps=1, ' +
        'used: count/deployments.apps=1, limited: count/deployments.apps=1',
    );
    expect(status('objects')).toEqual({
      hard: { configmaps: '3', 'count/deployments.apps': '1' },
      used: { configmaps: '0', 'count/deployments.apps': '1' },
    });
  });

  it('checks a dry run without charging it', async () => {
    const { plugin, writes } = quotaStore([quota('pods-quota', { pods: '0' })]);
    expect(await refusalMessage(plugin.validate(attributesFor(PODS, pod(), { dryRun: true })))).toMatch(
      /exceeded quota/,
    );
    const fits = quotaStore([quota('pods-quota', { pods: '1' })]);
    await fits.plugin.validate(attributesFor(PODS, pod(), { dryRun: true }));
    expect([writes, fits.writes]).toEqual([[], []]);
  });

  it('charges concurrent requests of a namespace one after another', async () => {
    const { plugin, status } = quotaStore([quota('pods-quota', { pods: '3' })]);
    const results = await Promise.allSettled(['a', 'b', 'c', 'd'].map((name) => plugin.validate(podNamed(name))));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected']);
    expect(status('pods-quota')).toEqual({ hard: { pods: '3' }, used: { pods: '3' } });
  });

  it('retries a usage write that lost a race with another writer', async () => {
    const { plugin, status } = quotaStore([quota('pods-quota', { pods: '3' })], { conflicts: 2 });
    await plugin.validate(podNamed('a'));
    expect(status('pods-quota')).toEqual({ hard: { pods: '3' }, used: { pods: '1' } });
  });

  it('gives up after three retries with the write’s error', async () => {
    const { plugin } = quotaStore([quota('pods-quota', { pods: '3' })], { conflicts: 4 });
    const error = await plugin.validate(podNamed('a')).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((error as StatusError).reason).toBe('Conflict');
  });

  it.each<[string, AdmissionAttributes]>([
    ['a sub-resource write', attributesFor(PODS, pod(), { subresource: 'binding' })],
    ['an event', attributesFor({ resource: 'events', kind: 'Event' }, { metadata: { name: 'e', namespace: 'ns' } })],
    ['a cluster-scoped object', attributesFor({ resource: 'nodes', kind: 'Node' }, { metadata: { name: 'n' } })],
    ['a pod update', attributesFor(PODS, pod(), { operation: 'UPDATE', oldObject: pod() })],
    ['a delete', attributesFor(PODS, undefined, { operation: 'DELETE', oldObject: pod() })],
  ])('leaves %s alone', async (_name, a) => {
    const { plugin, writes } = quotaStore([
      quota('everything', { pods: '0', 'count/events': '0', 'count/nodes': '0' }),
    ]);
    await plugin.validate(a);
    expect(writes).toEqual([]);
  });
});
