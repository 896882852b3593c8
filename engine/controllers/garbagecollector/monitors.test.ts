import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DiscoveredResource } from '../../client/discovery.ts';
import { Cluster } from '../../cluster/cluster.ts';
import type { GraphEvent } from './graph-changes.ts';
import { Monitors, deletableResources } from './monitors.ts';

const resource = (group: string, name: string, kind: string, verbs: string[]): DiscoveredResource => ({
  group,
  version: 'v1',
  resource: name,
  kind,
  namespaced: true,
  verbs,
  shortNames: [],
  categories: [],
});

const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const CONFIG_MAPS = resource('', 'configmaps', 'ConfigMap', ALL_VERBS);
const SECRETS = resource('', 'secrets', 'Secret', ALL_VERBS);

describe('deletableResources', () => {
  it('keeps resources that can be listed, watched and deleted, except events', () => {
    const resources = [
      CONFIG_MAPS,
      resource('', 'bindings', 'Binding', ['create']),
      resource('', 'componentstatuses', 'ComponentStatus', ['get', 'list']),
      resource('', 'events', 'Event', ALL_VERBS),
      resource('events.k8s.io', 'events', 'Event', ALL_VERBS),
    ];
    expect(deletableResources(resources)).toEqual([CONFIG_MAPS]);
  });
});

describe('Monitors', () => {
  let cluster: Cluster;
  let monitors: Monitors;
  const events: GraphEvent[] = [];

  beforeEach(async () => {
    cluster = await Cluster.start({});
    events.length = 0;
    monitors = new Monitors(cluster.loopback, cluster.clock, (event) => events.push(event));
  });

  afterEach(async () => {
    monitors.stop();
    await cluster.close();
  });

  /** Waits (in real time) until an event for the named object has arrived. */
  const eventFor = async (name: string): Promise<GraphEvent | undefined> => {
    for (let i = 0; i < 400 && !events.some((e) => e.obj.metadata.name === name); i++) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    return events.find((e) => e.obj.metadata.name === name);
  };

  it('reports the objects of each resource with the apiVersion and kind of the resource', async () => {
    await cluster.loopback.create(CONFIG_MAPS, 'default', { metadata: { name: 'listed' } });
    monitors.sync([CONFIG_MAPS]);
    monitors.start();
    await monitors.waitForSync();
    await cluster.loopback.create(CONFIG_MAPS, 'default', { metadata: { name: 'watched' } });
    for (const name of ['listed', 'watched']) {
      expect(await eventFor(name)).toMatchObject({ type: 'add', apiVersion: 'v1', kind: 'ConfigMap', virtual: false });
    }
  });

  it('starts monitors for resources that appear and stops those of resources that go', async () => {
    monitors.sync([CONFIG_MAPS]);
    monitors.start();
    await monitors.waitForSync();
    await cluster.loopback.create(CONFIG_MAPS, 'default', { metadata: { name: 'before' } });
    expect(await eventFor('before')).toBeDefined();

    monitors.sync([SECRETS]);
    await monitors.waitForSync();
    events.length = 0;
    await cluster.loopback.create(CONFIG_MAPS, 'default', { metadata: { name: 'unwatched' } });
    await cluster.loopback.create(SECRETS, 'default', { metadata: { name: 'secret' } });
    expect(await eventFor('secret')).toBeDefined();
    expect(events.map((e) => `${e.kind} ${e.obj.metadata.name}`)).toEqual(['Secret secret']);
  });
});
