import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../lab/clock.ts';
import { CompactedError, prefixEnd, type KV, type WatchEvent } from '../kv.ts';
import { describeKVConformance } from '../kv-conformance.ts';
import { nodeFs, type DurableFs } from './durable-fs.ts';
import { openEmbeddedStore, type EmbeddedStore, type EmbeddedStoreOptions } from './embedded-store.ts';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const text = (value: Uint8Array | undefined): string | undefined =>
  value === undefined ? undefined : new TextDecoder().decode(value);

describeKVConformance('embedded, in memory', async () => {
  const clock = new VirtualClock();
  const kv = await openEmbeddedStore({ clock });
  return {
    kv,
    cleanup: async () => {
      await kv.close();
      clock.dispose();
    },
  };
});

describeKVConformance('embedded, durable', async () => {
  const clock = new VirtualClock();
  const dataDir = await mkdtemp(join(tmpdir(), 'kubelab-store-'));
  const kv = await openEmbeddedStore({ clock, dataDir, snapshotEvery: 5 });
  return {
    kv,
    cleanup: async () => {
      await kv.close();
      clock.dispose();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
});

describe('embedded store', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function tempDir(): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'kubelab-store-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    return dir;
  }

  function pausedClock(): VirtualClock {
    const clock = new VirtualClock(0);
    clock.setPaused(true);
    cleanups.push(async () => clock.dispose());
    return clock;
  }

  async function open(options: Partial<EmbeddedStoreOptions> = {}): Promise<EmbeddedStore> {
    const store = await openEmbeddedStore({ clock: pausedClock(), ...options });
    cleanups.push(() => store.close());
    return store;
  }

  /** Every key at every retained revision, plus the status: what must survive a restart. */
  async function dump(kv: KV): Promise<unknown[]> {
    const status = await kv.status();
    const out: unknown[] = [status.revision, status.compactRevision, status.keys];
    for (let rev = Math.max(status.compactRevision, 1); rev <= status.revision; rev++) {
      const { kvs } = await kv.range('\0', { end: '\0', revision: rev });
      out.push(
        rev,
        kvs.map((kv1) => ({ ...kv1, value: text(kv1.value) })),
      );
    }
    return out;
  }

  function history(kv: KV, from: number, until: number): Promise<WatchEvent[]> {
    return new Promise((resolve, reject) => {
      const events: WatchEvent[] = [];
      const watcher = kv.watch(
        '\0',
        { end: '\0', startRevision: from, prevKv: true },
        {
          onEvents: (batch) => {
            events.push(...batch);
            if (events.at(-1)?.kv.modRevision === until) {
              watcher.cancel();
              resolve(events);
            }
          },
          onError: reject,
        },
      );
    });
  }

  async function writeWorkload(kv: KV): Promise<void> {
    const lease = await kv.leaseGrant(3600);
    for (let i = 0; i < 20; i++) await kv.put(`/registry/pods/ns/p${i % 7}`, bytes(`v${i}`));
    await kv.put('/registry/leased/a', bytes('l'), { lease });
    await kv.delete('/registry/pods/ns/p3');
    await kv.txn({
      compare: [{ key: '/registry/pods/ns/p1', target: 'version', result: '>', value: 0 }],
      success: [
        { type: 'put', key: '/registry/pods/ns/p9', value: bytes('txn') },
        { type: 'delete', key: '/registry/pods/ns/p4', end: '/registry/pods/ns/p6' },
      ],
      failure: [],
    });
    await kv.compact(12);
    await kv.put('/registry/pods/ns/p3', bytes('again'));
  }

  it('starts empty at revision 1, and its first write makes revision 2', async () => {
    const store = await open();
    expect(await store.status()).toMatchObject({ revision: 1, compactRevision: 0, keys: 0 });
    expect((await store.put('/a', bytes('1'))).revision).toBe(2);
  });

  it('rejects empty keys and duplicate writes of a key in one transaction with etcd messages', async () => {
    const store = await open();
    await expect(store.put('', bytes('x'))).rejects.toThrow('etcdserver: key is not provided');
    await expect(
      store.txn({
        compare: [],
        success: [
          { type: 'put', key: '/a', value: bytes('1') },
          { type: 'delete', key: '/', end: '/b' },
        ],
        failure: [],
      }),
    ).rejects.toThrow('etcdserver: duplicate key given in txn request');
    expect((await store.status()).revision).toBe(1);
  });

  it('compacting at or below the compacted revision fails with CompactedError', async () => {
    const store = await open();
    for (let i = 0; i < 5; i++) await store.put('/a', bytes(String(i)));
    await store.compact(4);
    await expect(store.compact(4)).rejects.toBeInstanceOf(CompactedError);
    await expect(store.compact(3)).rejects.toBeInstanceOf(CompactedError);
  });

  it('a watch from the compacted revision still sees a delete made at that revision', async () => {
    const store = await open();
    await store.put('/k', bytes('v2'));
    await store.put('/k', bytes('v3'));
    const deleted = await store.delete('/k');
    const recreated = await store.put('/k', bytes('v6'));
    await store.compact(deleted.revision);
    const events = await history(store, deleted.revision, recreated.revision);
    expect(events.map((event) => [event.type, event.kv.modRevision])).toEqual([
      ['delete', deleted.revision],
      ['put', recreated.revision],
    ]);
  });

  it('keeps only the configured number of revisions of history', async () => {
    const store = await open({ historyRevisions: 100 });
    let revision = 0;
    for (let i = 0; i < 1000; i++) revision = (await store.put(`/k${i % 10}`, bytes(String(i)))).revision;
    const { compactRevision } = await store.status();
    expect(revision - compactRevision).toBeGreaterThanOrEqual(100);
    expect(revision - compactRevision).toBeLessThanOrEqual(110);
    await expect(store.range('/k1', { revision: compactRevision - 1 })).rejects.toBeInstanceOf(CompactedError);
    expect((await store.range('/k1', { revision: revision - 100 })).count).toBe(1);
  });

  it('deletes the keys of an expired lease in one revision, timed by the lab clock', async () => {
    const clock = pausedClock();
    const store = await open({ clock });
    const lease = await store.leaseGrant(30);
    await store.put('/a', bytes('1'), { lease });
    const { revision } = await store.put('/b', bytes('2'), { lease });
    clock.step(29_000);
    expect((await store.status()).keys).toBe(2);
    clock.step(1_000);
    await new Promise((resolve) => setImmediate(resolve));
    const status = await store.status();
    expect(status).toMatchObject({ revision: revision + 1, keys: 0 });
    await expect(store.leaseRevoke(lease)).rejects.toThrow('etcdserver: requested lease not found');
  });

  it('sends progress notifications to quiet watchers on the lab clock', async () => {
    const clock = pausedClock();
    const store = await open({ clock, progressNotifyIntervalMs: 5_000 });
    const { revision } = await store.put('/a', bytes('1'));
    const batches: [number, number][] = [];
    store.watch(
      '/a',
      { progressNotify: true },
      {
        onEvents: (events, rev) => batches.push([events.length, rev]),
        onError: () => {},
      },
    );
    clock.step(5_000);
    await new Promise((resolve) => setImmediate(resolve));
    expect(batches).toEqual([[0, revision]]);
  });

  it('answers writes before a watcher catching up on a long history has all of it', async () => {
    const store = await open();
    for (let i = 0; i < 5000; i++) await store.put(`/k${i % 50}`, bytes(String(i)));
    const events: WatchEvent[] = [];
    store.watch(
      '/',
      { end: prefixEnd('/'), startRevision: 2 },
      {
        onEvents: (batch) => events.push(...batch),
        onError: () => {},
      },
    );
    const { revision } = await store.put('/late', bytes('x'));
    expect(events.length).toBeLessThan(5000);
    while (events.length < 5001) await new Promise((resolve) => setImmediate(resolve));
    expect(events.map((event) => event.kv.modRevision)).toEqual(Array.from({ length: 5001 }, (_, i) => i + 2));
    expect(events.at(-1)?.kv.modRevision).toBe(revision);
  });

  it('logs a watch handler that throws and keeps delivering to others', async () => {
    const messages: string[] = [];
    const store = await open({ logger: (message) => messages.push(message) });
    const seen: number[] = [];
    store.watch(
      '/a',
      {},
      {
        onEvents: () => {
          throw new Error('boom');
        },
        onError: () => {},
      },
    );
    store.watch('/a', {}, { onEvents: (events) => seen.push(events.length), onError: () => {} });
    await store.put('/a', bytes('1'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen).toEqual([1]);
    expect(messages.some((message) => message.includes('boom'))).toBe(true);
  });

  it.each([1, 3, 1000])(
    'restores every revision, compaction and lease after a restart (snapshot every %i)',
    async (snapshotEvery) => {
      const dataDir = await tempDir();
      const clock = pausedClock();
      const first = await openEmbeddedStore({ clock, dataDir, snapshotEvery });
      await writeWorkload(first);
      const before = await dump(first);
      const status = await first.status();
      const events = await history(first, status.compactRevision, status.revision);
      await first.close();

      const second = await open({ clock, dataDir, snapshotEvery });
      expect(await dump(second)).toEqual(before);
      expect(await history(second, status.compactRevision, status.revision)).toEqual(events);
      const next = await second.put('/after', bytes('restart'));
      expect(next.revision).toBe(status.revision + 1);
      const leased = (await second.range('/registry/leased/a')).kvs[0];
      await second.leaseRevoke(leased!.lease);
      expect((await second.range('/registry/leased/a')).count).toBe(0);
    },
  );

  it('restarts lease expiry with the full TTL when reopened', async () => {
    const dataDir = await tempDir();
    const clock = pausedClock();
    const first = await openEmbeddedStore({ clock, dataDir });
    const lease = await first.leaseGrant(10);
    await first.put('/a', bytes('1'), { lease });
    clock.step(9_000);
    await first.close();
    const second = await open({ clock, dataDir });
    clock.step(9_000);
    expect((await second.status()).keys).toBe(1);
    clock.step(1_000);
    await new Promise((resolve) => setImmediate(resolve));
    expect((await second.status()).keys).toBe(0);
  });

  it('shows a write to reads and watchers only once it is durable', async () => {
    let release: () => void = () => {};
    let gated = false;
    const fs: DurableFs = {
      ...nodeFs,
      datasync: async (fd) => {
        if (gated) await new Promise<void>((resolve) => (release = resolve));
        return nodeFs.datasync(fd);
      },
    };
    const store = await open({ dataDir: await tempDir(), fs });
    await store.put('/a', bytes('1'));
    const seen: WatchEvent[] = [];
    store.watch('/a', {}, { onEvents: (events) => seen.push(...events), onError: () => {} });
    gated = true;
    let acknowledged = false;
    const write = store.put('/a', bytes('2')).then(() => (acknowledged = true));
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(acknowledged).toBe(false);
    expect(text((await store.range('/a')).kvs[0]?.value)).toBe('1');
    expect(seen).toEqual([]);
    gated = false;
    release();
    await write;
    expect(text((await store.range('/a')).kvs[0]?.value)).toBe('2');
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen.map((event) => text(event.kv.value))).toEqual(['2']);
  });

  it('refuses writes after the WAL fails, and reports it', async () => {
    const messages: string[] = [];
    let failing = false;
    const fs: DurableFs = {
      ...nodeFs,
      write: async (fd, data) => {
        if (failing) throw new Error('ENOSPC: no space left on device');
        return nodeFs.write(fd, data);
      },
    };
    const store = await open({ dataDir: await tempDir(), fs, logger: (message) => messages.push(message) });
    await store.put('/a', bytes('1'));
    failing = true;
    await expect(store.put('/a', bytes('2'))).rejects.toThrow('ENOSPC');
    await expect(store.put('/b', bytes('3'))).rejects.toThrow('ENOSPC');
    expect(text((await store.range('/a')).kvs[0]?.value)).toBe('1');
    expect(messages.some((message) => message.includes('ENOSPC'))).toBe(true);
  });
});
