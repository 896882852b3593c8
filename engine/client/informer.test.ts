import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/object.ts';
import { Cluster } from '../cluster/cluster.ts';
import { SharedInformer } from './informer.ts';

const CONFIGMAPS = { group: '', version: 'v1', resource: 'configmaps' };

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(condition()).toBe(true);
}

describe('SharedInformer', () => {
  let cluster: Cluster;

  beforeEach(async () => {
    cluster = await Cluster.start({});
  });

  afterEach(async () => {
    await cluster.close();
  });

  it('lists, then follows adds, updates and deletes into its cache and handlers', async () => {
    const client = cluster.loopback;
    await client.create(CONFIGMAPS, 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'before' } });
    const informer = new SharedInformer(client, cluster.clock, CONFIGMAPS, { namespace: 'default' });
    const events: string[] = [];
    informer.addEventHandler({
      onAdd: (o) => events.push(`add ${o.metadata.name}`),
      onUpdate: (_old, o) => events.push(`update ${o.metadata.name}`),
      onDelete: (o) => events.push(`delete ${o.metadata.name}`),
    });
    informer.start();
    await informer.waitForSync();
    await until(() => informer.lister.namespace('default').get('before') !== undefined);

    const created = await client.create(CONFIGMAPS, 'default', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'after' },
    });
    await client.update(CONFIGMAPS, { ...created, data: { a: 'b' } } as KubeObject);
    await client.delete(CONFIGMAPS, 'default', 'before');
    await until(() => events.length >= 4);
    informer.stop();
    expect(events).toEqual(['add before', 'add after', 'update after', 'delete before']);
    expect(informer.lister.list().map((o) => o.metadata.name)).toEqual(['after']);
  });

  it('narrows its view with a label selector', async () => {
    const client = cluster.loopback;
    for (const [name, app] of [
      ['a', 'web'],
      ['b', 'db'],
    ]) {
      await client.create(CONFIGMAPS, 'default', {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name, labels: { app: app! } },
      });
    }
    const informer = new SharedInformer(client, cluster.clock, CONFIGMAPS, { labelSelector: 'app=web' });
    informer.start();
    await informer.waitForSync();
    await until(() => informer.lister.list().length > 0);
    informer.stop();
    expect(informer.lister.list().map((o) => o.metadata.name)).toEqual(['a']);
  });
});
