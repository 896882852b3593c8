// @vitest-environment happy-dom
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { KubeObjectJson } from '../../engine/protocol/host-api.ts';
import { setHostClient } from '../services/host.ts';
import { FakeHostClient, settle } from '../testing/fake-host-client.ts';
import { useDetailsStore } from './details-store.ts';

const POD_REF = { group: '', version: 'v1', resource: 'pods', namespace: 'default', name: 'web-1' };
const pod = (phase: string): KubeObjectJson => ({
  kind: 'Pod',
  metadata: {
    name: 'web-1',
    namespace: 'default',
    uid: 'p',
    ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-rs', uid: 'rs', controller: true }],
  },
  status: { phase },
});
const RS: KubeObjectJson = {
  kind: 'ReplicaSet',
  metadata: {
    name: 'web-rs',
    namespace: 'default',
    uid: 'rs',
    ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'd', controller: true }],
  },
};

async function start() {
  const client = new FakeHostClient()
    .openStreams()
    .on('objects.get', ({ ref }) => (ref.resource === 'pods' ? pod('Pending') : RS))
    .on('objects.events', () => ({ items: [{ kind: 'Event', reason: 'Scheduled' }] }));
  setHostClient(client);
  setActivePinia(createPinia());
  const store = useDetailsStore();
  const { useClusterStore } = await import('./cluster-store.ts');
  useClusterStore().resources = [
    {
      group: 'apps',
      version: 'v1',
      resource: 'replicasets',
      kind: 'ReplicaSet',
      namespaced: true,
      verbs: [],
      shortNames: [],
      categories: [],
    },
    {
      group: 'apps',
      version: 'v1',
      resource: 'deployments',
      kind: 'Deployment',
      namespaced: true,
      verbs: [],
      shortNames: [],
      categories: [],
    },
  ];
  await settle();
  return { client, store };
}

describe('the details store', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => {
    vi.useRealTimers();
    setHostClient(undefined);
  });

  it('shows the live copy of the selected object from the watch of its resource', async () => {
    const { client, store } = await start();
    await store.select(POD_REF);
    expect(store.object?.status).toEqual({ phase: 'Pending' });
    expect(store.events.map((e) => e.reason)).toEqual(['Scheduled']);
    client.push('s1', { kind: 'watch', type: 'ADDED', object: pod('Running') });
    vi.advanceTimersByTime(100);
    expect(store.object?.status).toEqual({ phase: 'Running' });
  });

  it('follows the owner chain through controller owners', async () => {
    const { store } = await start();
    await store.select(POD_REF);
    await vi.waitFor(() =>
      expect(store.owners.map((o) => `${o.kind}/${o.name}`)).toEqual(['ReplicaSet/web-rs', 'Deployment/web']),
    );
    expect(store.owners[1]?.ref).toEqual({
      group: 'apps',
      version: 'v1',
      resource: 'deployments',
      namespace: 'default',
      name: 'web',
    });
  });

  it('says when the selected object is gone', async () => {
    const { client, store } = await start();
    await store.select(POD_REF);
    client.push('s1', { kind: 'watch', type: 'SYNCED' });
    vi.advanceTimersByTime(100);
    expect(store.gone).toBe(true);
  });

  it("streams a pod's log, batched per frame", async () => {
    const { client, store } = await start();
    await store.select(POD_REF);
    await store.openLogs();
    const stream = 's3'; // opened after the watches of pods (s1) and nodes (s2)
    client.push(stream, { kind: 'logs', text: 'one\n' });
    client.push(stream, { kind: 'logs', text: 'two\n' });
    expect(store.logText).toBe('');
    vi.advanceTimersByTime(100);
    expect(store.logText).toBe('one\ntwo\n');
    client.push(stream, { kind: 'end' });
    expect(store.logEnded).toBe('log ended');
    expect(client.callsOf('logs.open')).toEqual([
      { namespace: 'default', pod: 'web-1', follow: true, tailLines: 1000 },
    ]);
  });

  it("shows a previous instance's log and keeps only the latest request's stream", async () => {
    const { client, store } = await start();
    await store.select(POD_REF);
    const first = store.openLogs('app');
    const second = store.openLogs('app', true);
    await Promise.all([first, second]);
    expect(client.callsOf('logs.open')).toEqual([
      { namespace: 'default', pod: 'web-1', tailLines: 1000, follow: true, container: 'app' },
      { namespace: 'default', pod: 'web-1', tailLines: 1000, previous: true, container: 'app' },
    ]);
    expect(client.callsOf('stream.close')).toEqual([{ stream: 's3' }]);
    client.push('s3', { kind: 'logs', text: 'stale' });
    client.push('s4', { kind: 'logs', text: 'before the crash' });
    vi.advanceTimersByTime(100);
    expect(store.logText).toBe('before the crash');
    expect(store.logPrevious).toBe(true);
  });
});
