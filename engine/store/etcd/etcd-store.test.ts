import { execFileSync } from 'node:child_process';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startEtcd, type EtcdServer } from '../../../test/support/etcd-server.ts';
import { describeKVConformance } from '../kv-conformance.ts';
import { CompactedError, FutureRevisionError, prefixEnd, type KV, type WatchEvent } from '../kv.ts';
import { openEtcdStore } from './etcd-store.ts';
import { orderedProgressRequests } from './etcd-version.ts';

// One etcd for the whole file (startEtcd fails with a clear message when etcd is not installed). Its periodic
// progress notifications are made frequent so that the progress test does not wait etcd's default ten minutes.
let server: EtcdServer | undefined;

beforeAll(async () => {
  server = await startEtcd({ progressNotifyInterval: '300ms' });
});

afterAll(async () => {
  await server?.stop();
});

function endpoints(): string[] {
  if (!server) throw new Error('etcd did not start; see the failure of beforeAll');
  return server.endpoints;
}

describeKVConformance('etcd', async () => {
  const kv = await openEtcdStore({ endpoints: endpoints() });
  return { kv, cleanup: () => kv.close() };
});

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const text = (value: Uint8Array | undefined): string | undefined =>
  value === undefined ? undefined : new TextDecoder().decode(value);

describe('openEtcdStore', () => {
  let kv: KV;
  let prefix: string;
  let testNumber = 0;
  const key = (suffix: string): string => `${prefix}${suffix}`;

  /** Collects one watch's deliveries. */
  const record = (watchKey: string, options: Parameters<KV['watch']>[1]) => {
    const batches: { events: WatchEvent[]; revision: number }[] = [];
    const errors: Error[] = [];
    const watcher = kv.watch(watchKey, options, {
      onEvents: (events, revision) => batches.push({ events, revision }),
      onError: (error) => errors.push(error),
    });
    return { batches, errors, watcher, events: () => batches.flatMap((batch) => batch.events) };
  };

  beforeAll(async () => {
    kv = await openEtcdStore({ endpoints: endpoints() });
  });

  afterAll(async () => {
    await kv.close();
  });

  afterEach(() => {
    testNumber++;
  });

  beforeEach(() => {
    prefix = `/registry/configmaps/etcd-store-test-${process.pid}-${testNumber}/`;
  });

  it('stores keys as they are, so etcdctl reads what the store wrote', async () => {
    const { revision } = await kv.put(key('a'), bytes('{"kind":"ConfigMap"}'));
    const output = execFileSync('/usr/bin/etcdctl', ['--endpoints', endpoints()[0]!, 'get', key('a'), '-w', 'json'], {
      env: { ...process.env, ETCDCTL_API: '3' },
    });
    const response = JSON.parse(output.toString()) as {
      kvs: { key: string; value: string; mod_revision: number }[];
    };
    expect(response.kvs.map((kv1) => [atob(kv1.key), atob(kv1.value), kv1.mod_revision])).toEqual([
      [key('a'), '{"kind":"ConfigMap"}', revision],
    ]);
  });

  it('a range with a limit at an earlier revision pages through that revision', async () => {
    for (const suffix of ['a', 'b', 'c']) await kv.put(key(suffix), bytes('1'));
    const then = await kv.put(key('d'), bytes('1'));
    await kv.delete(key('a'));
    const page = await kv.range(key(''), { end: prefixEnd(prefix), limit: 3, revision: then.revision });
    expect(page.kvs.map((kv1) => kv1.key)).toEqual([key('a'), key('b'), key('c')]);
    expect(page).toMatchObject({ count: 4, more: true });
    expect(page.revision).toBeGreaterThan(then.revision);
  });

  it('a read of a compacted revision names the revision asked for and the compacted one', async () => {
    const old = await kv.put(key('a'), bytes('1'));
    const kept = await kv.put(key('a'), bytes('2'));
    await kv.compact(kept.revision);
    const failure = await kv.range(key('a'), { revision: old.revision }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(CompactedError);
    expect(failure).toMatchObject({ requested: old.revision, compactRevision: kept.revision });
    expect((await kv.status()).compactRevision).toBe(kept.revision);
  });

  it('compacting an already compacted revision fails with CompactedError', async () => {
    const { revision } = await kv.put(key('a'), bytes('1'));
    await kv.compact(revision);
    await expect(kv.compact(revision)).rejects.toBeInstanceOf(CompactedError);
  });

  it('reading or compacting a future revision fails with FutureRevisionError', async () => {
    const { revision } = await kv.put(key('a'), bytes('1'));
    await expect(kv.range(key('a'), { revision: revision + 100 })).rejects.toMatchObject({
      name: 'FutureRevisionError',
      requested: revision + 100,
    });
    await expect(kv.compact(revision + 100)).rejects.toBeInstanceOf(FutureRevisionError);
  });

  it('a transaction writing and then reading a key sees its own write', async () => {
    const response = await kv.txn({
      compare: [{ key: key('a'), target: 'createRevision', result: '=', value: 0 }],
      success: [
        { type: 'put', key: key('a'), value: bytes('new') },
        { type: 'range', key: key('a') },
      ],
      failure: [],
    });
    const [, read] = response.responses;
    expect(read?.type === 'range' && read.result.kvs.map((kv1) => [text(kv1.value), kv1.modRevision])).toEqual([
      ['new', response.revision],
    ]);
    expect(read?.type === 'range' && read.result.revision).toBe(response.revision);
  });

  it('status reports the revision, the key count and the database size', async () => {
    const { revision } = await kv.put(key('a'), bytes('1'));
    const status = await kv.status();
    expect(status.revision).toBeGreaterThanOrEqual(revision);
    expect(status.keys).toBeGreaterThan(0);
    expect(status.dbSize).toBeGreaterThan(0);
  });

  it('a watch from now delivers a write acknowledged after watch() returned, without a probe', async () => {
    const before = await kv.put(key('a'), bytes('before'));
    const recorded = record(key('a'), {});
    const after = await kv.put(key('a'), bytes('after'));
    await vi.waitFor(() => expect(recorded.events()).toHaveLength(1), { timeout: 10_000 });
    expect(recorded.events()[0]?.kv.modRevision).toBe(after.revision);
    expect(after.revision).toBeGreaterThan(before.revision);
  });

  it('a watch from the past delivers one batch per revision, with previous values', async () => {
    const first = await kv.put(key('a'), bytes('1'));
    await kv.txn({
      compare: [],
      success: [
        { type: 'put', key: key('a'), value: bytes('2') },
        { type: 'put', key: key('b'), value: bytes('1') },
      ],
      failure: [],
    });
    const deleted = await kv.delete(key('a'), { end: key('c') });
    const recorded = record(key(''), { end: prefixEnd(prefix), startRevision: first.revision, prevKv: true });
    await vi.waitFor(() => expect(recorded.events()).toHaveLength(5), { timeout: 10_000 });
    expect(
      recorded.batches.map((batch) => [batch.revision, batch.events.map((event) => event.kv.modRevision)]),
    ).toEqual([
      [first.revision, [first.revision]],
      [first.revision + 1, [first.revision + 1, first.revision + 1]],
      [deleted.revision, [deleted.revision, deleted.revision]],
    ]);
    expect(recorded.events().map((event) => [event.type, event.kv.key, text(event.prevKv?.value)])).toEqual([
      ['put', key('a'), undefined],
      ['put', key('a'), '1'],
      ['put', key('b'), undefined],
      ['delete', key('a'), '2'],
      ['delete', key('b'), '1'],
    ]);
    expect(recorded.events()[3]?.kv).toMatchObject({ createRevision: 0, version: 0, value: new Uint8Array() });
  });

  it('a watch from a compacted revision fails naming the compacted revision', async () => {
    const old = await kv.put(key('a'), bytes('1'));
    const kept = await kv.put(key('a'), bytes('2'));
    await kv.compact(kept.revision);
    const recorded = record(key('a'), { startRevision: old.revision });
    await vi.waitFor(() => expect(recorded.errors).toHaveLength(1), { timeout: 10_000 });
    expect(recorded.errors[0]).toBeInstanceOf(CompactedError);
    expect(recorded.errors[0]).toMatchObject({ requested: old.revision, compactRevision: kept.revision });
  });

  it('a watch asking for progress notifications gets empty batches at the current revision', async () => {
    const { revision } = await kv.put(key('a'), bytes('1'));
    const recorded = record(key('quiet'), { progressNotify: true });
    await vi.waitFor(() => expect(recorded.batches.length).toBeGreaterThan(0), { timeout: 10_000 });
    recorded.watcher.cancel();
    expect(recorded.batches[0]?.events).toEqual([]);
    expect(recorded.batches[0]?.revision).toBeGreaterThanOrEqual(revision);
  });

  it('watchers offer requestProgress only when the etcd version answers it in stream order', async () => {
    const response = await fetch(`${endpoints()[0]}/version`);
    const { etcdserver } = (await response.json()) as { etcdserver: string };
    const recorded = record(key('a'), {});
    recorded.watcher.cancel();
    expect('requestProgress' in recorded.watcher).toBe(orderedProgressRequests(etcdserver));
  });

  it('a lease ID is a safe integer and deleting through the lease removes its keys', async () => {
    const lease = await kv.leaseGrant(60);
    expect(Number.isSafeInteger(lease)).toBe(true);
    await kv.put(key('a'), bytes('1'), { lease });
    await kv.leaseRevoke(lease);
    expect((await kv.range(key('a'))).count).toBe(0);
  });

  it('a key disappears when its lease expires', async () => {
    const lease = await kv.leaseGrant(1);
    await kv.put(key('a'), bytes('1'), { lease });
    await vi.waitFor(async () => expect((await kv.range(key('a'))).count).toBe(0), { timeout: 15_000, interval: 200 });
  });

  it('an unknown lease is reported in etcd words', async () => {
    const lease = await kv.leaseGrant(60);
    await kv.leaseRevoke(lease);
    await expect(kv.put(key('a'), bytes('1'), { lease })).rejects.toThrow('etcdserver: requested lease not found');
    await expect(kv.leaseRevoke(lease)).rejects.toThrow('etcdserver: requested lease not found');
  });
});

describe('an etcd that cannot be reached', () => {
  it('opening the store fails with a clear error naming the endpoint', async () => {
    const stopped = await startEtcd();
    await stopped.stop();
    await expect(openEtcdStore({ endpoints: stopped.endpoints })).rejects.toThrow(
      new RegExp(`^etcd at ${stopped.endpoint} is unreachable: `),
    );
  });

  it('a request after etcd went away fails with a clear error, and so does an open watch', async () => {
    const doomed = await startEtcd();
    const kv = await openEtcdStore({ endpoints: doomed.endpoints });
    try {
      const errors: Error[] = [];
      kv.watch(
        '/registry/pods/',
        { end: prefixEnd('/registry/pods/') },
        { onEvents: () => {}, onError: (error) => errors.push(error) },
      );
      await doomed.stop();
      await expect(kv.range('/registry/pods/a')).rejects.toThrow(
        new RegExp(`^etcd at ${doomed.endpoint} is unreachable: `),
      );
      await vi.waitFor(() => expect(errors).toHaveLength(1), { timeout: 30_000, interval: 200 });
      expect(errors[0]?.message).toMatch(new RegExp(`^etcd at ${doomed.endpoint} is unreachable: `));
    } finally {
      await kv.close();
      await doomed.stop();
    }
  }, 60_000);
});
