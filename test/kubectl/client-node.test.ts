// The official JavaScript client (@kubernetes/client-node 1.x) against the lab: it loads the lab's kubeconfig, lists
// with CoreV1Api, and an informer on configmaps sees what kubectl creates, changes and deletes while it runs.

import * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lab } from '../support/lab-server.ts';
import { removeLab, startLab } from '../support/lab-server.ts';

const NS = 'client';

/** Resolves when `predicate` holds for the events seen so far. */
function eventually(events: string[], predicate: (events: string[]) => boolean, timeoutMs = 15_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      clearInterval(poll);
      reject(new Error(`informer events so far: ${JSON.stringify(events)}`));
    }, timeoutMs);
    const poll = setInterval(() => {
      if (!predicate(events)) return;
      clearInterval(poll);
      clearTimeout(timer);
      resolve();
    }, 20);
  });
}

describe('@kubernetes/client-node against the lab', () => {
  let lab: Lab;
  let kc: k8s.KubeConfig;
  let core: k8s.CoreV1Api;

  beforeAll(async () => {
    lab = await startLab();
    expect((await lab.kubectl(['create', 'namespace', NS])).code).toBe(0);
    expect((await lab.kubectl(['create', 'configmap', 'seed', '-n', NS, '--from-literal=a=1'])).code).toBe(0);
    kc = new k8s.KubeConfig();
    kc.loadFromFile(lab.kubeconfig);
    core = kc.makeApiClient(k8s.CoreV1Api);
  });

  afterAll(async () => {
    expect(await lab.stop()).toBe(0);
    await removeLab(lab);
  });

  it('loads the kubeconfig: the admin context, with the lab URL', () => {
    expect(kc.getCurrentCluster()?.server).toBe(lab.url);
    expect(kc.getCurrentUser()?.name).toBeTruthy();
  });

  it('lists namespaces with CoreV1Api', async () => {
    const list = await core.listNamespace();
    expect(list.items.map((ns) => ns.metadata?.name).sort()).toEqual([
      NS,
      'default',
      'kube-node-lease',
      'kube-public',
      'kube-system',
    ]);
    expect(list.items.every((ns) => ns.status?.phase === 'Active')).toBe(true);
    expect(list.metadata?.resourceVersion).toMatch(/^\d+$/);
  });

  it('lists and reads configmaps with CoreV1Api', async () => {
    const list = await core.listNamespacedConfigMap({ namespace: NS });
    expect(list.items.map((cm) => cm.metadata?.name)).toEqual(['kube-root-ca.crt', 'seed']);
    const seed = await core.readNamespacedConfigMap({ name: 'seed', namespace: NS });
    expect(seed.data).toEqual({ a: '1' });
    expect(seed.metadata?.creationTimestamp).toBeInstanceOf(Date);
  });

  it('reports a missing object as a 404 ApiException', async () => {
    await expect(core.readNamespacedConfigMap({ name: 'missing', namespace: NS })).rejects.toMatchObject({
      code: 404,
    });
  });

  it('creates and deletes through CoreV1Api, as kubectl sees it', async () => {
    await core.createNamespacedConfigMap({
      namespace: NS,
      body: { metadata: { name: 'from-client' }, data: { by: 'client-node' } },
    });
    expect((await lab.kubectl(['get', 'configmap', 'from-client', '-n', NS, '-o', 'jsonpath={.data.by}'])).stdout).toBe(
      'client-node',
    );
    await core.deleteNamespacedConfigMap({ name: 'from-client', namespace: NS });
    expect((await lab.kubectl(['get', 'configmap', 'from-client', '-n', NS])).code).toBe(1);
  });

  it('an informer on configmaps receives add, update and delete events for changes made with kubectl', async () => {
    const events: string[] = [];
    const informer = k8s.makeInformer(kc, `/api/v1/namespaces/${NS}/configmaps`, () =>
      core.listNamespacedConfigMap({ namespace: NS }),
    );
    informer.on('add', (cm) => events.push(`add ${cm.metadata?.name}`));
    informer.on('update', (cm) => events.push(`update ${cm.metadata?.name} ${JSON.stringify(cm.data)}`));
    informer.on('delete', (cm) => events.push(`delete ${cm.metadata?.name}`));
    informer.on('error', (err) => events.push(`error ${String(err)}`));
    await informer.start();
    try {
      await eventually(events, (e) => e.includes('add seed'));
      expect((await lab.kubectl(['create', 'configmap', 'watched', '-n', NS, '--from-literal=v=1'])).code).toBe(0);
      await eventually(events, (e) => e.includes('add watched'));
      const patch = ['patch', 'configmap', 'watched', '-n', NS, '--type=merge', '-p', '{"data":{"v":"2"}}'];
      expect((await lab.kubectl(patch)).code).toBe(0);
      await eventually(events, (e) => e.includes('update watched {"v":"2"}'));
      expect((await lab.kubectl(['delete', 'configmap', 'watched', '-n', NS])).code).toBe(0);
      await eventually(events, (e) => e.includes('delete watched'));
      expect(events).toEqual([
        'add kube-root-ca.crt',
        'add seed',
        'add watched',
        'update watched {"v":"2"}',
        'delete watched',
      ]);
      expect(informer.list().map((cm) => cm.metadata?.name)).toEqual(['kube-root-ca.crt', 'seed']);
    } finally {
      await informer.stop();
    }
  });
});
