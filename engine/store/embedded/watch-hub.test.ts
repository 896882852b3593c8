import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../lab/clock.ts';
import { CompactedError, type WatchEvent } from '../kv.ts';
import { MvccStore } from './mvcc-store.ts';
import { WatchHub } from './watch-hub.ts';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

interface Recorded {
  batches: { events: WatchEvent[]; revision: number }[];
  errors: Error[];
}

describe('WatchHub', () => {
  const clocks: VirtualClock[] = [];
  afterEach(() => {
    for (const clock of clocks.splice(0)) clock.dispose();
  });

  function setup(progressIntervalMs = 10_000): {
    store: MvccStore;
    hub: WatchHub;
    clock: VirtualClock;
    write: (key: string) => number;
  } {
    const clock = new VirtualClock(0);
    clock.setPaused(true);
    clocks.push(clock);
    const store = new MvccStore();
    const hub = new WatchHub(store, { clock, publishedRevision: store.revision, progressIntervalMs });
    const write = (key: string): number => {
      const { response } = store.txn({ compare: [], success: [{ type: 'put', key, value: bytes(key) }], failure: [] });
      hub.publish(response.revision);
      return response.revision;
    };
    return { store, hub, clock, write };
  }

  function record(hub: WatchHub, key: string, options: Parameters<WatchHub['watch']>[1]): Recorded {
    const recorded: Recorded = { batches: [], errors: [] };
    hub.watch(key, options, {
      onEvents: (events, revision) => recorded.batches.push({ events, revision }),
      onError: (error) => recorded.errors.push(error),
    });
    return recorded;
  }

  it('delivers asynchronously, batching what a watcher missed and reporting the revision it is complete through', async () => {
    const { hub, write } = setup();
    const recorded = record(hub, '/a', { end: '/b' });
    write('/a1');
    write('/zz');
    const last = write('/a2');
    expect(recorded.batches).toEqual([]);
    await turn();
    expect(recorded.batches.map((batch) => [batch.events.map((event) => event.kv.key), batch.revision])).toEqual([
      [['/a1', '/a2'], last],
    ]);
  });

  it('never sends a watcher events before its start revision', async () => {
    const { hub, write } = setup();
    const recorded = record(hub, '/a', { startRevision: 4 });
    write('/a');
    write('/a');
    write('/a');
    await turn();
    expect(recorded.batches.flatMap((batch) => batch.events.map((event) => event.kv.modRevision))).toEqual([4]);
  });

  it('catches up a watcher from history in steps and then keeps it in sync', async () => {
    const { hub, write } = setup();
    for (let i = 0; i < 2500; i++) write('/a');
    const recorded = record(hub, '/a', { startRevision: 2 });
    while (recorded.batches.length === 0) await turn();
    expect(recorded.batches[0]?.events.length).toBeLessThan(2500);
    while (recorded.batches.flatMap((batch) => batch.events).length < 2500) await turn();
    const live = write('/a');
    await turn();
    const revisions = recorded.batches.flatMap((batch) => batch.events.map((event) => event.kv.modRevision));
    expect(revisions).toEqual(Array.from({ length: 2501 }, (_, i) => i + 2));
    expect(revisions.at(-1)).toBe(live);
  });

  it('fails a catching-up watcher whose next revision gets compacted, after the events it already had', async () => {
    const { store, hub, write } = setup();
    for (let i = 0; i < 2500; i++) write('/a');
    const recorded = record(hub, '/a', { startRevision: 2 });
    await turn();
    store.compact(2400);
    while (recorded.errors.length === 0) await turn();
    const revisions = recorded.batches.flatMap((batch) => batch.events.map((event) => event.kv.modRevision));
    expect(revisions.length).toBeGreaterThan(0);
    expect(revisions).toEqual(Array.from({ length: revisions.length }, (_, i) => i + 2));
    expect(recorded.errors[0]).toBeInstanceOf(CompactedError);
    expect(recorded.errors[0]).toMatchObject({ requested: revisions.length + 2, compactRevision: 2400 });
  });

  it('sends progress notifications only to quiet synced watchers that asked for them', async () => {
    const { hub, clock, write } = setup(1_000);
    write('/a');
    const quiet = record(hub, '/quiet', { progressNotify: true });
    const busy = record(hub, '/busy', { progressNotify: true });
    const silent = record(hub, '/quiet', {});
    write('/busy');
    await turn();
    clock.step(1_000);
    await turn();
    expect(quiet.batches).toEqual([{ events: [], revision: 3 }]);
    expect(busy.batches.map((batch) => batch.events.length)).toEqual([1]);
    expect(silent.batches).toEqual([]);
    clock.step(1_000);
    await turn();
    expect(busy.batches.map((batch) => batch.events.length)).toEqual([1, 0]);
  });

  it('answers a progress request after the events owed, once the watcher has caught up', async () => {
    const { hub, write } = setup();
    for (let i = 0; i < 1500; i++) write('/a');
    const batches: [number, number][] = [];
    const watcher = hub.watch(
      '/a',
      { startRevision: 2 },
      {
        onEvents: (events, revision) => batches.push([events.length, revision]),
        onError: () => {},
      },
    );
    watcher.requestProgress?.();
    const last = write('/a');
    while (!batches.some(([count]) => count === 0)) await turn();
    const delivered = batches.reduce((sum, [count]) => sum + count, 0);
    expect(delivered).toBe(1501);
    expect(batches.at(-1)).toEqual([0, last]);
  });

  it('answers a progress request of a synced watcher with an empty batch after its pending events', async () => {
    const { hub, write } = setup();
    const batches: [number, number][] = [];
    const watcher = hub.watch(
      '/a',
      {},
      { onEvents: (events, rev) => batches.push([events.length, rev]), onError: () => {} },
    );
    const rev = write('/a');
    watcher.requestProgress?.();
    await turn();
    expect(batches).toEqual([
      [1, rev],
      [0, rev],
    ]);
  });

  it('stops delivering to a cancelled watcher, even what was already queued', async () => {
    const { hub, write } = setup();
    const recorded: WatchEvent[] = [];
    const watcher = hub.watch('/a', {}, { onEvents: (events) => recorded.push(...events), onError: () => {} });
    write('/a');
    watcher.cancel();
    await turn();
    expect(recorded).toEqual([]);
  });
});
