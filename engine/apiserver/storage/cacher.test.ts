import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/object.ts';
import { VirtualClock } from '../../lab/clock.ts';
import { openEmbeddedStore } from '../../store/embedded/index.ts';
import type { KV } from '../../store/kv.ts';
import { Cacher } from './cacher.ts';
import { encodeObject } from './codec.ts';
import type { ApiWatchEvent } from './watch-stream.ts';

const PREFIX = '/registry/configmaps/';

function cm(namespace: string, name: string, labels: Record<string, string> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { namespace, name, labels } };
}

const bookmarkObject = (resourceVersion: string) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { resourceVersion },
});

async function put(kv: KV, obj: KubeObject): Promise<number> {
  return (await kv.put(`${PREFIX}${obj.metadata.namespace}/${obj.metadata.name}`, encodeObject(obj))).revision;
}

function collect(events: ApiWatchEvent[]) {
  return { event: (e: ApiWatchEvent) => events.push(e), end: () => undefined };
}

const summary = (events: ApiWatchEvent[]) =>
  events.map(
    (e) =>
      `${e.type} ${(e.object as KubeObject).metadata.name ?? ''}@${(e.object as KubeObject).metadata.resourceVersion}`,
  );

describe('Cacher', () => {
  let kv: KV;
  let clock: VirtualClock;
  let cacher: Cacher;

  beforeEach(async () => {
    clock = new VirtualClock(0);
    kv = await openEmbeddedStore({ clock });
    cacher = new Cacher(kv, PREFIX, 4);
  });

  afterEach(async () => {
    cacher.stop();
    await kv.close();
    clock.dispose();
  });

  it('lists what the store held when it started, in key order, with resourceVersions', async () => {
    await put(kv, cm('b', 'two'));
    const rv = await put(kv, cm('a', 'one'));
    await cacher.start();
    const { items, revision } = cacher.list(PREFIX);
    expect(items.map((o) => o.metadata.name)).toEqual(['one', 'two']);
    expect(revision).toBe(rv);
  });

  it('lists one namespace and filters with a predicate', async () => {
    await put(kv, cm('a', 'x', { app: 'web' }));
    await put(kv, cm('a', 'y', { app: 'db' }));
    await put(kv, cm('b', 'z', { app: 'web' }));
    await cacher.start();
    const web = cacher.list(`${PREFIX}a/`, (o) => o.metadata.labels?.['app'] === 'web');
    expect(web.items.map((o) => o.metadata.name)).toEqual(['x']);
  });

  it('catches up with writes once asked to be fresh', async () => {
    await cacher.start();
    const rv = await put(kv, cm('a', 'late'));
    await cacher.waitUntilFresh(rv);
    expect(cacher.get(`${PREFIX}a/late`)?.metadata.resourceVersion).toBe(String(rv));
  });

  it('starts a watch without a resourceVersion with the current state as ADDED events', async () => {
    await put(kv, cm('a', 'one'));
    const stream = await cacher.watch({ keyPrefix: PREFIX, bookmarkObject });
    const events: ApiWatchEvent[] = [];
    stream.attach(collect(events));
    expect(events.map((e) => e.type)).toEqual(['ADDED']);
    stream.close();
  });

  it('replays events after a resourceVersion and then follows new ones', async () => {
    const rv1 = await put(kv, cm('a', 'one'));
    await cacher.start();
    const rv2 = await put(kv, cm('a', 'two'));
    await cacher.waitUntilFresh(rv2);
    const stream = await cacher.watch({ keyPrefix: PREFIX, sinceRevision: rv1, bookmarkObject });
    const events: ApiWatchEvent[] = [];
    stream.attach(collect(events));
    const rv3 = await kv.delete(`${PREFIX}a/one`);
    await cacher.waitUntilFresh(rv3.revision);
    expect(summary(events)).toEqual([`ADDED two@${rv2}`, `DELETED one@${rv3.revision}`]);
    stream.close();
  });

  it('turns a change that leaves the selection into DELETED and one that enters it into ADDED', async () => {
    await put(kv, cm('a', 'x', { app: 'web' }));
    await cacher.start();
    const stream = await cacher.watch({
      keyPrefix: PREFIX,
      predicate: (o) => o.metadata.labels?.['app'] === 'web',
      sinceRevision: cacher.currentRevision,
      bookmarkObject,
    });
    const events: ApiWatchEvent[] = [];
    stream.attach(collect(events));
    await put(kv, cm('a', 'x', { app: 'db' }));
    const rv = await put(kv, cm('a', 'x', { app: 'web' }));
    await cacher.waitUntilFresh(rv);
    expect(events.map((e) => e.type)).toEqual(['DELETED', 'ADDED']);
    stream.close();
  });

  it('refuses a watch from before its window with a too old resource version error', async () => {
    const first = await put(kv, cm('a', 'x'));
    await cacher.start();
    let rv = first;
    for (let i = 0; i < 6; i++) rv = await put(kv, cm('a', `n${i}`));
    await cacher.waitUntilFresh(rv);
    await expect(cacher.watch({ keyPrefix: PREFIX, sinceRevision: first, bookmarkObject })).rejects.toThrow(
      /too old resource version/,
    );
  });

  it('ends the initial state of sendInitialEvents with a marked bookmark', async () => {
    await put(kv, cm('a', 'x'));
    const stream = await cacher.watch({
      keyPrefix: PREFIX,
      initialEventsEndBookmark: true,
      bookmarkObject: (rv, annotations) => ({ ...bookmarkObject(rv), metadata: { resourceVersion: rv, annotations } }),
    });
    const events: ApiWatchEvent[] = [];
    stream.attach(collect(events));
    expect(events.map((e) => e.type)).toEqual(['ADDED', 'BOOKMARK']);
    expect((events[1]!.object as KubeObject).metadata.annotations).toEqual({ 'k8s.io/initial-events-end': 'true' });
    stream.close();
  });
});

describe('Cacher with an index', () => {
  it('lists and watches one value of an indexed field without looking at the others', async () => {
    const clock = new VirtualClock(0);
    const kv = await openEmbeddedStore({ clock });
    const byNode = {
      'spec.nodeName': (o: KubeObject) => String((o['spec'] as { nodeName?: string } | undefined)?.nodeName ?? ''),
    };
    const cacher = new Cacher(kv, PREFIX, 100, byNode);
    const pod = (name: string, nodeName: string): KubeObject => ({ ...cm('a', name), spec: { nodeName } });
    await put(kv, pod('p1', 'node-1'));
    await put(kv, pod('p2', 'node-2'));
    await cacher.start();
    expect(
      cacher.list(PREFIX, undefined, { field: 'spec.nodeName', value: 'node-1' }).items.map((o) => o.metadata.name),
    ).toEqual(['p1']);

    const stream = await cacher.watch({
      keyPrefix: PREFIX,
      index: { field: 'spec.nodeName', value: 'node-1' },
      predicate: (o) => (o['spec'] as { nodeName?: string }).nodeName === 'node-1',
      sinceRevision: cacher.currentRevision,
      bookmarkObject,
    });
    const events: ApiWatchEvent[] = [];
    stream.attach(collect(events));
    await put(kv, pod('p3', 'node-2'));
    await put(kv, pod('p2', 'node-1'));
    const rv = await put(kv, pod('p1', 'node-2'));
    await cacher.waitUntilFresh(rv);
    expect(events.map((e) => `${e.type} ${(e.object as KubeObject).metadata.name}`)).toEqual([
      'ADDED p2',
      'DELETED p1',
    ]);
    stream.close();
    cacher.stop();
    await kv.close();
    clock.dispose();
  });
});
