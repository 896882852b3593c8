import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/object.ts';
import { VirtualClock } from '../../lab/clock.ts';
import { openEmbeddedStore } from '../../store/embedded/index.ts';
import type { KV } from '../../store/kv.ts';
import { Cacher } from './cacher.ts';
import { encodeObject } from './codec.ts';
import type { ApiWatchEvent } from './watch-stream.ts';

const PREFIX = '/registry/events/';

function event(namespace: string, name: string, reason: string): KubeObject {
  return { apiVersion: 'v1', kind: 'Event', metadata: { namespace, name }, reason };
}

const bookmarkObject = (resourceVersion: string, annotations?: Record<string, string>) => ({
  apiVersion: 'v1',
  kind: 'Event',
  metadata: annotations ? { resourceVersion, annotations } : { resourceVersion },
});

async function put(kv: KV, obj: KubeObject): Promise<number> {
  return (await kv.put(`${PREFIX}${obj.metadata.namespace}/${obj.metadata.name}`, encodeObject(obj))).revision;
}

/** Collects a stream's events; `next(n)` resolves once n have arrived. */
function collector() {
  const events: ApiWatchEvent[] = [];
  let waiting: { count: number; resolve: () => void } | undefined;
  return {
    events,
    sink: {
      event: (e: ApiWatchEvent) => {
        events.push(e);
        if (waiting && events.length >= waiting.count) waiting.resolve();
      },
      end: () => undefined,
    },
    next: (count: number) =>
      new Promise<void>((resolve) => {
        if (events.length >= count) resolve();
        else waiting = { count, resolve };
      }),
  };
}

const summary = (events: ApiWatchEvent[]) =>
  events.map(
    (e) => `${e.type} ${(e.object as KubeObject).metadata.name}@${(e.object as KubeObject).metadata.resourceVersion}`,
  );

describe('a disabled watch cache (events)', () => {
  let kv: KV;
  let clock: VirtualClock;
  let cacher: Cacher;

  beforeEach(async () => {
    clock = new VirtualClock(0);
    kv = await openEmbeddedStore({ clock });
    cacher = new Cacher(kv, PREFIX);
  });

  afterEach(async () => {
    cacher.stop();
    await kv.close();
    clock.dispose();
  });

  it('is disabled for events by default and holds nothing', async () => {
    await put(kv, event('a', 'one', 'Started'));
    await cacher.start();
    expect(cacher.enabled).toBe(false);
    expect(cacher.size).toBe(0);
  });

  it('starts a watch without a resourceVersion with the current state, then follows the store', async () => {
    const rv1 = await put(kv, event('a', 'one', 'Started'));
    const stream = await cacher.watch({ keyPrefix: PREFIX, bookmarkObject });
    const seen = collector();
    stream.attach(seen.sink);
    const rv2 = await put(kv, event('a', 'one', 'Killing'));
    const rv3 = (await kv.delete(`${PREFIX}a/one`)).revision;
    await seen.next(3);
    expect(summary(seen.events)).toEqual([`ADDED one@${rv1}`, `MODIFIED one@${rv2}`, `DELETED one@${rv3}`]);
    stream.close();
  });

  it('replays the changes after a resourceVersion', async () => {
    const rv1 = await put(kv, event('a', 'one', 'Started'));
    const rv2 = await put(kv, event('a', 'two', 'Started'));
    const stream = await cacher.watch({ keyPrefix: PREFIX, sinceRevision: rv1, bookmarkObject });
    const seen = collector();
    stream.attach(seen.sink);
    await seen.next(1);
    expect(summary(seen.events)).toEqual([`ADDED two@${rv2}`]);
    stream.close();
  });

  it('sees changes through its selector: leaving it is DELETED, entering it ADDED', async () => {
    const rv = await put(kv, event('a', 'x', 'Started'));
    const stream = await cacher.watch({
      keyPrefix: PREFIX,
      predicate: (o) => o['reason'] === 'Started',
      sinceRevision: rv,
      bookmarkObject,
    });
    const seen = collector();
    stream.attach(seen.sink);
    await put(kv, event('a', 'other', 'Killing'));
    await put(kv, event('a', 'x', 'Killing'));
    await put(kv, event('a', 'x', 'Started'));
    await seen.next(2);
    expect(seen.events.map((e) => e.type)).toEqual(['DELETED', 'ADDED']);
    stream.close();
  });

  it('ends the initial state of sendInitialEvents with a marked bookmark', async () => {
    await put(kv, event('a', 'x', 'Started'));
    const stream = await cacher.watch({ keyPrefix: PREFIX, initialEventsEndBookmark: true, bookmarkObject });
    const seen = collector();
    stream.attach(seen.sink);
    expect(seen.events.map((e) => e.type)).toEqual(['ADDED', 'BOOKMARK']);
    expect((seen.events[1]!.object as KubeObject).metadata.annotations).toEqual({
      'k8s.io/initial-events-end': 'true',
    });
    stream.close();
  });

  it('refuses a watch from a compacted revision with a too old resource version error', async () => {
    const first = await put(kv, event('a', 'x', 'Started'));
    let rv = first;
    for (let i = 0; i < 3; i++) rv = await put(kv, event('a', 'x', `r${i}`));
    await kv.compact(rv);
    await expect(cacher.watch({ keyPrefix: PREFIX, sinceRevision: first, bookmarkObject })).rejects.toThrow(
      /too old resource version/,
    );
  });

  it('closes its watches when stopped', async () => {
    const stream = await cacher.watch({ keyPrefix: PREFIX, bookmarkObject });
    cacher.stop();
    expect(stream.isClosed).toBe(true);
  });
});
