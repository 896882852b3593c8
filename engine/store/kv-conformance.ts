// A reusable vitest suite for the KV contract of kv.ts, run against every backend (the embedded store, a real etcd).
// It asserts only behaviour etcd 3.4 has, and assumes nothing about what else is in the store: every test works under
// its own random key prefix and checks revisions relative to its own writes. Lease tests use revoke, never expiry
// timing; watches "from now" are proven started with a probe write before the test relies on them.

import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CompactedError,
  FutureRevisionError,
  prefixEnd,
  type Compare,
  type KeyValue,
  type KV,
  type WatchEvent,
  type WatchOptions,
  type Watcher,
} from './kv.ts';

export interface KVUnderTest {
  kv: KV;
  cleanup(): Promise<void>;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function bytes(text: string): Uint8Array {
  return encoder.encode(text);
}

function text(kv: KeyValue | undefined): string | undefined {
  return kv === undefined ? undefined : decoder.decode(kv.value);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Records what a watch delivers and lets a test wait for it. */
class Collector {
  readonly batches: { events: WatchEvent[]; revision: number }[] = [];
  readonly events: WatchEvent[] = [];
  readonly errors: Error[] = [];
  readonly watcher: Watcher;
  private waiters: { done: () => boolean; resolve: () => void }[] = [];

  constructor(kv: KV, key: string, options: WatchOptions) {
    this.watcher = kv.watch(key, options, {
      onEvents: (events, revision) => {
        this.batches.push({ events, revision });
        this.events.push(...events);
        this.wake();
      },
      onError: (error) => {
        this.errors.push(error);
        this.wake();
      },
    });
  }

  /** Resolves once `done` holds (checked after every delivery). */
  until(done: () => boolean): Promise<void> {
    if (done()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ done, resolve }));
  }

  eventsFor(key: string): WatchEvent[] {
    return this.events.filter((event) => event.kv.key === key);
  }

  private wake(): void {
    this.waiters = this.waiters.filter((waiter) => {
      if (!waiter.done()) return true;
      waiter.resolve();
      return false;
    });
  }
}

export function describeKVConformance(name: string, open: () => Promise<KVUnderTest>): void {
  describe(`KV conformance: ${name}`, () => {
    let subject: KVUnderTest;
    let kv: KV;
    let prefix: string;
    const key = (suffix: string): string => `${prefix}${suffix}`;
    const watchers: Watcher[] = [];

    const watch = (watchKey: string, options: WatchOptions): Collector => {
      const collector = new Collector(kv, watchKey, options);
      watchers.push(collector.watcher);
      return collector;
    };

    /** Writes a probe key in the watched range until the watch reports it, so the watch is surely established. */
    const untilWatching = async (collector: Collector, probeKey: string): Promise<void> => {
      for (let attempt = 0; attempt < 100; attempt++) {
        await kv.put(probeKey, bytes(`probe ${attempt}`));
        await Promise.race([collector.until(() => collector.eventsFor(probeKey).length > 0), sleep(50)]);
        if (collector.eventsFor(probeKey).length > 0) return;
      }
      throw new Error('the watch never delivered the probe write');
    };

    beforeEach(async () => {
      subject = await open();
      kv = subject.kv;
      prefix = `/conformance/${randomUUID()}/`;
    });

    afterEach(async () => {
      for (const watcher of watchers.splice(0)) watcher.cancel();
      await subject.cleanup();
    });

    describe('revisions and versions', () => {
      it('a put makes exactly one new revision and returns it', async () => {
        const first = await kv.put(key('a'), bytes('1'));
        const second = await kv.put(key('b'), bytes('2'));
        expect(second.revision).toBe(first.revision + 1);
        const read = await kv.range(key('b'));
        expect(read.revision).toBe(second.revision);
      });

      it('a new key has version 1 and the put revision as its create and mod revision', async () => {
        const { revision } = await kv.put(key('a'), bytes('1'));
        const [kv1] = (await kv.range(key('a'))).kvs;
        expect(kv1).toMatchObject({ key: key('a'), createRevision: revision, modRevision: revision, version: 1 });
        expect(kv1?.lease).toBe(0);
        expect(text(kv1)).toBe('1');
      });

      it('every update increments the version and keeps the create revision', async () => {
        const created = await kv.put(key('a'), bytes('1'));
        await kv.put(key('a'), bytes('2'));
        const third = await kv.put(key('a'), bytes('3'));
        const [current] = (await kv.range(key('a'))).kvs;
        expect(current).toMatchObject({ createRevision: created.revision, modRevision: third.revision, version: 3 });
        expect(text(current)).toBe('3');
      });

      it('a deleted key starts again at version 1 when it is re-created', async () => {
        await kv.put(key('a'), bytes('1'));
        await kv.put(key('a'), bytes('2'));
        await kv.delete(key('a'));
        const recreated = await kv.put(key('a'), bytes('3'));
        const [current] = (await kv.range(key('a'))).kvs;
        expect(current).toMatchObject({ createRevision: recreated.revision, version: 1 });
      });

      it('a put returns the previous key-value when there was one', async () => {
        const fresh = await kv.put(key('a'), bytes('1'));
        expect(fresh.prevKv).toBeUndefined();
        const updated = await kv.put(key('a'), bytes('2'));
        expect(updated.prevKv).toMatchObject({ key: key('a'), modRevision: fresh.revision, version: 1 });
        expect(text(updated.prevKv)).toBe('1');
      });
    });

    describe('ranges', () => {
      it('a range returns the keys of [key, end) in key order', async () => {
        for (const suffix of ['c', 'a', 'd', 'b']) await kv.put(key(suffix), bytes(suffix));
        const result = await kv.range(key('a'), { end: key('d') });
        expect(result.kvs.map((kv1) => kv1.key)).toEqual([key('a'), key('b'), key('c')]);
        expect(result.count).toBe(3);
        expect(result.more).toBe(false);
      });

      it('a prefix range covers every key with the prefix and nothing after it', async () => {
        await kv.put(key('dir/x'), bytes('x'));
        await kv.put(key('dir/y'), bytes('y'));
        await kv.put(key('dir0'), bytes('after'));
        await kv.put(key('dir'), bytes('before'));
        const result = await kv.range(key('dir/'), { end: prefixEnd(key('dir/')) });
        expect(result.kvs.map((kv1) => kv1.key)).toEqual([key('dir/x'), key('dir/y')]);
      });

      it('a range with a limit returns the first keys, the full count, and says there are more', async () => {
        for (const suffix of ['a', 'b', 'c', 'd', 'e']) await kv.put(key(suffix), bytes(suffix));
        const limited = await kv.range(prefix, { end: prefixEnd(prefix), limit: 2 });
        expect(limited.kvs.map((kv1) => kv1.key)).toEqual([key('a'), key('b')]);
        expect(limited.count).toBe(5);
        expect(limited.more).toBe(true);
        const exact = await kv.range(prefix, { end: prefixEnd(prefix), limit: 5 });
        expect(exact.kvs).toHaveLength(5);
        expect(exact.more).toBe(false);
      });

      it('a count-only range returns the count and no keys', async () => {
        for (const suffix of ['a', 'b', 'c']) await kv.put(key(suffix), bytes(suffix));
        const result = await kv.range(prefix, { end: prefixEnd(prefix), countOnly: true });
        expect(result.count).toBe(3);
        expect(result.kvs).toEqual([]);
      });

      it('an end of "\\0" reads every key from the start key on', async () => {
        await kv.put(key('m'), bytes('m'));
        await kv.put(key('n'), bytes('n'));
        await kv.put(key('l'), bytes('l'));
        const result = await kv.range(key('m'), { end: '\0', limit: 2 });
        expect(result.kvs.map((kv1) => kv1.key)).toEqual([key('m'), key('n')]);
      });

      it('a range of a missing key is empty', async () => {
        const result = await kv.range(key('missing'));
        expect(result.kvs).toEqual([]);
        expect(result.count).toBe(0);
      });
    });

    describe('reads of history', () => {
      it('a range at an earlier revision returns the keys as they were then', async () => {
        const first = await kv.put(key('a'), bytes('1'));
        await kv.put(key('a'), bytes('2'));
        await kv.put(key('b'), bytes('later'));
        await kv.delete(key('a'));
        const then = await kv.range(prefix, { end: prefixEnd(prefix), revision: first.revision });
        expect(then.kvs.map((kv1) => [kv1.key, text(kv1), kv1.version])).toEqual([[key('a'), '1', 1]]);
        const now = await kv.range(prefix, { end: prefixEnd(prefix) });
        expect(now.kvs.map((kv1) => kv1.key)).toEqual([key('b')]);
        expect(then.revision).toBe(now.revision);
      });

      it('a range at a future revision fails with FutureRevisionError', async () => {
        const { revision } = await kv.put(key('a'), bytes('1'));
        await expect(kv.range(key('a'), { revision: revision + 1000 })).rejects.toBeInstanceOf(FutureRevisionError);
      });

      it('a range below the compacted revision fails with CompactedError, and one at it succeeds', async () => {
        const old = await kv.put(key('a'), bytes('1'));
        const kept = await kv.put(key('a'), bytes('2'));
        await kv.compact(kept.revision);
        await expect(kv.range(key('a'), { revision: old.revision })).rejects.toBeInstanceOf(CompactedError);
        const atCompaction = await kv.range(key('a'), { revision: kept.revision });
        expect(text(atCompaction.kvs[0])).toBe('2');
      });

      it('compaction keeps the newest version of every key at the compacted revision', async () => {
        await kv.put(key('a'), bytes('a1'));
        await kv.put(key('b'), bytes('b1'));
        await kv.put(key('a'), bytes('a2'));
        await kv.put(key('gone'), bytes('x'));
        await kv.delete(key('gone'));
        const at = await kv.put(key('c'), bytes('c1'));
        await kv.put(key('b'), bytes('b2'));
        await kv.compact(at.revision);
        const result = await kv.range(prefix, { end: prefixEnd(prefix), revision: at.revision });
        expect(result.kvs.map((kv1) => [kv1.key, text(kv1)])).toEqual([
          [key('a'), 'a2'],
          [key('b'), 'b1'],
          [key('c'), 'c1'],
        ]);
      });
    });

    describe('transactions', () => {
      const compareCases: { name: string; compare: (base: KeyValue) => Omit<Compare, 'key'>; holds: boolean }[] = [
        {
          name: 'version = current version',
          compare: () => ({ target: 'version', result: '=', value: 2 }),
          holds: true,
        },
        {
          name: 'version != current version',
          compare: () => ({ target: 'version', result: '!=', value: 2 }),
          holds: false,
        },
        {
          name: 'version < a higher version',
          compare: () => ({ target: 'version', result: '<', value: 3 }),
          holds: true,
        },
        {
          name: 'version > the current version',
          compare: () => ({ target: 'version', result: '>', value: 2 }),
          holds: false,
        },
        {
          name: 'createRevision = the create revision',
          compare: (base) => ({ target: 'createRevision', result: '=', value: base.createRevision }),
          holds: true,
        },
        {
          name: 'createRevision > 0 for an existing key',
          compare: () => ({ target: 'createRevision', result: '>', value: 0 }),
          holds: true,
        },
        {
          name: 'modRevision = the mod revision',
          compare: (base) => ({ target: 'modRevision', result: '=', value: base.modRevision }),
          holds: true,
        },
        {
          name: 'modRevision = a stale revision',
          compare: (base) => ({ target: 'modRevision', result: '=', value: base.createRevision }),
          holds: false,
        },
        {
          name: 'modRevision < the mod revision',
          compare: (base) => ({ target: 'modRevision', result: '<', value: base.modRevision }),
          holds: false,
        },
        {
          name: 'value = the value',
          compare: () => ({ target: 'value', result: '=', value: bytes('v2') }),
          holds: true,
        },
        {
          name: 'value != another value',
          compare: () => ({ target: 'value', result: '!=', value: bytes('v1') }),
          holds: true,
        },
        {
          name: 'value < a greater value',
          compare: () => ({ target: 'value', result: '<', value: bytes('v3') }),
          holds: true,
        },
        {
          name: 'value > a greater value',
          compare: () => ({ target: 'value', result: '>', value: bytes('v3') }),
          holds: false,
        },
      ];

      it.each(compareCases)('a compare of $name holds: $holds', async ({ compare, holds }) => {
        await kv.put(key('k'), bytes('v1'));
        await kv.put(key('k'), bytes('v2'));
        const [base] = (await kv.range(key('k'))).kvs;
        const response = await kv.txn({
          compare: [{ key: key('k'), ...compare(base!) }],
          success: [{ type: 'put', key: key('ok'), value: bytes('yes') }],
          failure: [],
        });
        expect(response.succeeded).toBe(holds);
        expect((await kv.range(key('ok'))).count).toBe(holds ? 1 : 0);
      });

      it('a missing key compares as version, createRevision and modRevision 0', async () => {
        for (const target of ['version', 'createRevision', 'modRevision'] as const) {
          const response = await kv.txn({
            compare: [{ key: key('missing'), target, result: '=', value: 0 }],
            success: [],
            failure: [],
          });
          expect(response.succeeded).toBe(true);
        }
      });

      it('a value compare against a missing key fails whatever the operator', async () => {
        for (const result of ['=', '!=', '<', '>'] as const) {
          const response = await kv.txn({
            compare: [{ key: key('missing'), target: 'value', result, value: bytes('x') }],
            success: [],
            failure: [],
          });
          expect(response.succeeded).toBe(false);
        }
      });

      it('a create-if-absent transaction succeeds once and then fails', async () => {
        const create = () =>
          kv.txn({
            compare: [{ key: key('obj'), target: 'modRevision', result: '=', value: 0 }],
            success: [{ type: 'put', key: key('obj'), value: bytes('created') }],
            failure: [{ type: 'range', key: key('obj') }],
          });
        const first = await create();
        expect(first.succeeded).toBe(true);
        const second = await create();
        expect(second.succeeded).toBe(false);
        expect(second.revision).toBe(first.revision);
        const [range] = second.responses;
        expect(range?.type === 'range' && text(range.result.kvs[0])).toBe('created');
      });

      it('a failed optimistic update returns the current value from its failure branch', async () => {
        const stale = await kv.put(key('obj'), bytes('v1'));
        await kv.put(key('obj'), bytes('v2'));
        const response = await kv.txn({
          compare: [{ key: key('obj'), target: 'modRevision', result: '=', value: stale.revision }],
          success: [{ type: 'put', key: key('obj'), value: bytes('v3') }],
          failure: [{ type: 'range', key: key('obj') }],
        });
        expect(response.succeeded).toBe(false);
        const [range] = response.responses;
        expect(range?.type).toBe('range');
        if (range?.type === 'range') expect(text(range.result.kvs[0])).toBe('v2');
      });

      it('every compare must hold for the success branch to run', async () => {
        await kv.put(key('a'), bytes('1'));
        const response = await kv.txn({
          compare: [
            { key: key('a'), target: 'version', result: '=', value: 1 },
            { key: key('a'), target: 'version', result: '>', value: 1 },
          ],
          success: [{ type: 'put', key: key('s'), value: bytes('s') }],
          failure: [{ type: 'put', key: key('f'), value: bytes('f') }],
        });
        expect(response.succeeded).toBe(false);
        expect((await kv.range(key('s'))).count).toBe(0);
        expect((await kv.range(key('f'))).count).toBe(1);
      });

      it('a transaction that writes several keys makes one revision', async () => {
        const before = await kv.put(key('old'), bytes('x'));
        const response = await kv.txn({
          compare: [],
          success: [
            { type: 'put', key: key('a'), value: bytes('a') },
            { type: 'put', key: key('b'), value: bytes('b') },
            { type: 'delete', key: key('old') },
          ],
          failure: [],
        });
        expect(response.revision).toBe(before.revision + 1);
        expect(response.responses.map((op) => op.type)).toEqual(['put', 'put', 'delete']);
        const result = await kv.range(prefix, { end: prefixEnd(prefix) });
        expect(result.kvs.map((kv1) => [kv1.key, kv1.modRevision])).toEqual([
          [key('a'), response.revision],
          [key('b'), response.revision],
        ]);
      });

      it('a transaction that only reads leaves the revision unchanged', async () => {
        const { revision } = await kv.put(key('a'), bytes('1'));
        const response = await kv.txn({ compare: [], success: [{ type: 'range', key: key('a') }], failure: [] });
        expect(response.succeeded).toBe(true);
        expect(response.revision).toBe(revision);
      });
    });

    describe('deletes', () => {
      it('deleting a key returns it as prevKvs and makes one revision', async () => {
        const put = await kv.put(key('a'), bytes('1'));
        const deleted = await kv.delete(key('a'));
        expect(deleted.deleted).toBe(1);
        expect(deleted.revision).toBe(put.revision + 1);
        expect(deleted.prevKvs.map((kv1) => [kv1.key, text(kv1)])).toEqual([[key('a'), '1']]);
        expect((await kv.range(key('a'))).count).toBe(0);
      });

      it('deleting a range removes every key in it in one revision', async () => {
        for (const suffix of ['a', 'b', 'c']) await kv.put(key(suffix), bytes(suffix));
        const last = await kv.put(key('z'), bytes('z'));
        const deleted = await kv.delete(key('a'), { end: key('d') });
        expect(deleted.deleted).toBe(3);
        expect(deleted.revision).toBe(last.revision + 1);
        expect((await kv.range(prefix, { end: prefixEnd(prefix) })).kvs.map((kv1) => kv1.key)).toEqual([key('z')]);
      });

      it('deleting a missing key deletes nothing and leaves the revision unchanged', async () => {
        const { revision } = await kv.put(key('a'), bytes('1'));
        const deleted = await kv.delete(key('missing'));
        expect(deleted).toMatchObject({ deleted: 0, prevKvs: [], revision });
      });
    });

    describe('watch', () => {
      it('a watch from now sees later changes and none from before it', async () => {
        const before = await kv.put(key('w/a'), bytes('old'));
        const collector = watch(key('w/'), { end: prefixEnd(key('w/')) });
        await untilWatching(collector, key('w/probe'));
        const put = await kv.put(key('w/a'), bytes('new'));
        const deleted = await kv.delete(key('w/a'));
        await collector.until(() => collector.eventsFor(key('w/a')).length >= 2);
        expect(collector.events.every((event) => event.kv.modRevision > before.revision)).toBe(true);
        expect(collector.eventsFor(key('w/a')).map((event) => [event.type, event.kv.modRevision])).toEqual([
          ['put', put.revision],
          ['delete', deleted.revision],
        ]);
      });

      it('a watch from a past revision replays the history in revision order', async () => {
        const first = await kv.put(key('a'), bytes('1'));
        await kv.put(key('b'), bytes('1'));
        await kv.put(key('a'), bytes('2'));
        const deleted = await kv.delete(key('a'));
        const collector = watch(prefix, { end: prefixEnd(prefix), startRevision: first.revision });
        await collector.until(() => collector.events.length >= 4);
        expect(collector.events.map((event) => [event.type, event.kv.key, text(event.kv)])).toEqual([
          ['put', key('a'), '1'],
          ['put', key('b'), '1'],
          ['put', key('a'), '2'],
          ['delete', key('a'), ''],
        ]);
        const revisions = collector.events.map((event) => event.kv.modRevision);
        expect(revisions).toEqual([first.revision, first.revision + 1, first.revision + 2, deleted.revision]);
      });

      it('a watch that starts in the past keeps receiving new changes after catching up', async () => {
        const first = await kv.put(key('a'), bytes('1'));
        const collector = watch(key('a'), { startRevision: first.revision });
        await collector.until(() => collector.events.length >= 1);
        const later = await kv.put(key('a'), bytes('2'));
        await collector.until(() => collector.events.length >= 2);
        expect(collector.events.map((event) => event.kv.modRevision)).toEqual([first.revision, later.revision]);
      });

      it('a watch asking for prevKv gets the previous value with updates and deletes', async () => {
        const first = await kv.put(key('a'), bytes('1'));
        await kv.put(key('a'), bytes('2'));
        await kv.delete(key('a'));
        const collector = watch(key('a'), { startRevision: first.revision, prevKv: true });
        await collector.until(() => collector.events.length >= 3);
        expect(collector.events.map((event) => text(event.prevKv))).toEqual([undefined, '1', '2']);
        expect(collector.events[2]?.prevKv?.modRevision).toBe(first.revision + 1);
      });

      it('a watch without prevKv gets no previous values', async () => {
        const first = await kv.put(key('a'), bytes('1'));
        await kv.put(key('a'), bytes('2'));
        const collector = watch(key('a'), { startRevision: first.revision });
        await collector.until(() => collector.events.length >= 2);
        expect(collector.events.map((event) => event.prevKv)).toEqual([undefined, undefined]);
      });

      it('the events of one transaction arrive together at one revision', async () => {
        const start = await kv.put(key('start'), bytes('s'));
        const response = await kv.txn({
          compare: [],
          success: [
            { type: 'put', key: key('x'), value: bytes('x') },
            { type: 'put', key: key('y'), value: bytes('y') },
            { type: 'delete', key: key('start') },
          ],
          failure: [],
        });
        const collector = watch(prefix, { end: prefixEnd(prefix), startRevision: start.revision + 1 });
        await collector.until(() => collector.events.length >= 3);
        const batch = collector.batches.find((b) => b.events.some((event) => event.kv.key === key('x')));
        expect(batch?.events.map((event) => [event.type, event.kv.key])).toEqual([
          ['put', key('x')],
          ['put', key('y')],
          ['delete', key('start')],
        ]);
        expect(new Set(batch?.events.map((event) => event.kv.modRevision))).toEqual(new Set([response.revision]));
      });

      it('a watch on one key ignores other keys', async () => {
        const first = await kv.put(key('other'), bytes('o'));
        await kv.put(key('mine'), bytes('m'));
        await kv.put(key('mine-too-long'), bytes('x'));
        const last = await kv.put(key('mine'), bytes('m2'));
        const collector = watch(key('mine'), { startRevision: first.revision });
        await collector.until(() => collector.events.length >= 2);
        expect(collector.events.map((event) => [event.kv.key, event.kv.modRevision])).toEqual([
          [key('mine'), first.revision + 1],
          [key('mine'), last.revision],
        ]);
      });

      it('a watch from a compacted revision fails with CompactedError', async () => {
        const old = await kv.put(key('a'), bytes('1'));
        const kept = await kv.put(key('a'), bytes('2'));
        await kv.compact(kept.revision);
        const collector = watch(key('a'), { startRevision: old.revision });
        await collector.until(() => collector.errors.length > 0);
        expect(collector.errors[0]).toBeInstanceOf(CompactedError);
        expect(collector.events).toEqual([]);
      });

      it('a cancelled watch receives nothing more', async () => {
        const start = await kv.put(key('a'), bytes('0'));
        const cancelled = watch(key('a'), { startRevision: start.revision + 1 });
        const witness = watch(key('a'), { startRevision: start.revision + 1 });
        cancelled.watcher.cancel();
        await kv.put(key('a'), bytes('1'));
        await witness.until(() => witness.events.length >= 1);
        expect(cancelled.events).toEqual([]);
      });
    });

    describe('leases', () => {
      it('a key put with a lease carries the lease id', async () => {
        const lease = await kv.leaseGrant(60);
        expect(lease).not.toBe(0);
        await kv.put(key('a'), bytes('1'), { lease });
        expect((await kv.range(key('a'))).kvs[0]?.lease).toBe(lease);
        await kv.leaseRevoke(lease);
      });

      it('revoking a lease deletes its keys in one revision', async () => {
        const lease = await kv.leaseGrant(60);
        await kv.put(key('a'), bytes('1'), { lease });
        await kv.put(key('b'), bytes('2'), { lease });
        const last = await kv.put(key('c'), bytes('3'));
        const collector = watch(prefix, { end: prefixEnd(prefix), startRevision: last.revision + 1 });
        await kv.leaseRevoke(lease);
        await collector.until(() => collector.events.length >= 2);
        expect(collector.events.map((event) => [event.type, event.kv.key, event.kv.modRevision])).toEqual([
          ['delete', key('a'), last.revision + 1],
          ['delete', key('b'), last.revision + 1],
        ]);
        expect((await kv.range(prefix, { end: prefixEnd(prefix) })).kvs.map((kv1) => kv1.key)).toEqual([key('c')]);
      });

      it('a put with an unknown lease fails and writes nothing', async () => {
        const lease = await kv.leaseGrant(60);
        await kv.leaseRevoke(lease);
        const { revision } = await kv.put(key('a'), bytes('1'));
        await expect(kv.put(key('b'), bytes('2'), { lease })).rejects.toThrow();
        const after = await kv.range(key('b'));
        expect(after.count).toBe(0);
        expect(after.revision).toBe(revision);
      });

      it('a key re-put without a lease is no longer deleted with the lease', async () => {
        const lease = await kv.leaseGrant(60);
        await kv.put(key('a'), bytes('1'), { lease });
        await kv.put(key('a'), bytes('2'));
        await kv.leaseRevoke(lease);
        expect(text((await kv.range(key('a'))).kvs[0])).toBe('2');
      });
    });
  });
}
