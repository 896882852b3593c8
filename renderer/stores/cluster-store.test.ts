// @vitest-environment happy-dom
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { KubeObjectJson } from '../../engine/protocol/host-api.ts';
import { setHostClient } from '../services/host.ts';
import { FakeHostClient, settle } from '../testing/fake-host-client.ts';
import { useClusterStore } from './cluster-store.ts';

function pod(name: string, nodeName: string | undefined, phase: string): KubeObjectJson {
  return { kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { nodeName }, status: { phase } };
}

async function start() {
  const client = new FakeHostClient().openStreams();
  setHostClient(client);
  setActivePinia(createPinia());
  const store = useClusterStore();
  await settle();
  const streams = new Map(
    client.calls
      .filter((c) => c.method === 'watch.open')
      .map((c, i) => [(c.params as { ref: { resource: string } }).ref.resource, `s${i + 1}`]),
  );
  return { client, store, stream: (resource: string) => streams.get(resource)! };
}

describe('the cluster store', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => {
    vi.useRealTimers();
    setHostClient(undefined);
  });

  it('watches pods and nodes from the start', async () => {
    const { client } = await start();
    expect(
      client
        .callsOf('watch.open')
        .map((p) => (p as { ref: { resource: string } }).ref.resource)
        .sort(),
    ).toEqual(['nodes', 'pods']);
  });

  it('groups pods by node once per frame, the unscheduled ones under ""', async () => {
    const { client, store, stream } = await start();
    client.push(stream('pods'), { kind: 'watch', type: 'ADDED', object: pod('b', 'node-1', 'Running') });
    client.push(stream('pods'), { kind: 'watch', type: 'ADDED', object: pod('a', 'node-1', 'Running') });
    client.push(stream('pods'), { kind: 'watch', type: 'ADDED', object: pod('c', undefined, 'Pending') });
    expect(store.podsByNode.size).toBe(0);
    vi.advanceTimersByTime(100);
    expect(store.podsByNode.get('node-1')?.map((p) => p.name)).toEqual(['a', 'b']);
    expect(store.podsByNode.get('')?.map((p) => `${p.name}:${p.phase}`)).toEqual(['c:Pending']);
  });

  it('shows a change without a reload, and keeps the summary of a pod that did not change', async () => {
    const { client, store, stream } = await start();
    client.push(stream('pods'), { kind: 'watch', type: 'ADDED', object: pod('a', 'node-1', 'Running') });
    client.push(stream('pods'), { kind: 'watch', type: 'ADDED', object: pod('c', undefined, 'Pending') });
    vi.advanceTimersByTime(100);
    const a = store.podsByNode.get('node-1')?.[0];
    client.push(stream('pods'), { kind: 'watch', type: 'MODIFIED', object: pod('c', 'node-2', 'Running') });
    vi.advanceTimersByTime(100);
    expect(store.podsByNode.get('')).toBeUndefined();
    expect(store.podsByNode.get('node-2')?.[0]?.phase).toBe('Running');
    expect(store.podsByNode.get('node-1')?.[0]).toBe(a);
  });

  it('lists nodes with cordon and taints', async () => {
    const { client, store, stream } = await start();
    const node = {
      kind: 'Node',
      metadata: { name: 'node-2' },
      spec: { unschedulable: true, taints: [{ key: 'k', value: 'v', effect: 'NoSchedule' }] },
      status: { conditions: [{ type: 'Ready', status: 'True' }] },
    };
    client.push(stream('nodes'), { kind: 'watch', type: 'ADDED', object: node });
    client.push(stream('nodes'), {
      kind: 'watch',
      type: 'ADDED',
      object: { kind: 'Node', metadata: { name: 'node-1' } },
    });
    vi.advanceTimersByTime(100);
    expect(store.nodeList.map((n) => [n.name, n.ready, n.unschedulable, n.taints.length])).toEqual([
      ['node-1', false, false, 0],
      ['node-2', true, true, 1],
    ]);
  });

  it('shares one watch per resource between users and stops it when the last one releases it', async () => {
    const { client, store } = await start();
    const deployments = { group: 'apps', version: 'v1', resource: 'deployments' };
    const first = store.acquire(deployments);
    const second = store.acquire(deployments);
    await settle();
    expect(second).toBe(first);
    expect(client.callsOf('watch.open')).toHaveLength(3);
    store.release(deployments);
    expect(client.callsOf('stream.close')).toHaveLength(0);
    store.release(deployments);
    expect(client.callsOf('stream.close')).toEqual([{ stream: 's3' }]);
  });
});
