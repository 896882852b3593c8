import { describe, expect, it } from 'vitest';
import { MvccStore } from './mvcc-store.ts';
import { encodeSnapshot, loadSnapshot } from './snapshot-codec.ts';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

function sampleStore(): MvccStore {
  const store = new MvccStore();
  const lease = store.leases.grant(30).id;
  store.leases.grant(0.5);
  for (let i = 0; i < 3000; i++) {
    const key = `/registry/k${i % 37}`;
    const success =
      i % 5 === 4
        ? [{ type: 'delete' as const, key }]
        : [{ type: 'put' as const, key, value: bytes(`v${i}`), lease: i % 11 === 0 ? lease : 0 }];
    store.txn({ compare: [], success, failure: [] });
  }
  store.compact(2500);
  return store;
}

function view(store: MvccStore): unknown {
  const ranges: unknown[] = [];
  for (let rev = store.compactRevision; rev <= store.revision; rev++) {
    ranges.push(store.range('\0', { end: '\0', revision: rev }).kvs, store.log.get(rev));
  }
  const leases = [...store.leases.all()].map((lease) => [lease.id, lease.ttlSeconds, [...lease.keys].sort()]);
  return { ranges, leases, nextLease: store.leases.nextId, live: store.liveKeys, size: store.dbSize };
}

describe('snapshots', () => {
  it('restore a store with its history, compaction, leases and counters', () => {
    const store = sampleStore();
    const chunks = encodeSnapshot(store, 77);
    const restored = new MvccStore();
    expect(loadSnapshot(Buffer.concat(chunks), restored)).toEqual({ appliedIndex: 77 });
    expect(restored.revision).toBe(store.revision);
    expect(restored.compactRevision).toBe(store.compactRevision);
    expect(view(restored)).toEqual(view(store));
  });

  it('restore an empty store', () => {
    const restored = new MvccStore();
    loadSnapshot(Buffer.concat(encodeSnapshot(new MvccStore(), 0)), restored);
    expect(restored.revision).toBe(1);
    expect(restored.log.first).toBe(2);
  });

  const damages: { name: string; damage: (data: Buffer) => Buffer }[] = [
    {
      name: 'a flipped byte',
      damage: (data) => {
        const copy = Buffer.from(data);
        copy[copy.length >> 1]! ^= 0x10;
        return copy;
      },
    },
    { name: 'a missing end', damage: (data) => data.subarray(0, data.length - 3) },
    { name: 'nothing in it', damage: () => Buffer.alloc(0) },
  ];

  it.each(damages)('refuse a snapshot with $name', ({ damage }) => {
    const data = Buffer.concat(encodeSnapshot(sampleStore(), 1));
    expect(() => loadSnapshot(damage(data), new MvccStore())).toThrow(/snapshot/);
  });
});
