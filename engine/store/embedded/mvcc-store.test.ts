import { describe, expect, it } from 'vitest';
import { FutureRevisionError, type KeyValue } from '../kv.ts';
import { MvccStore } from './mvcc-store.ts';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

function put(store: MvccStore, key: string, value: string, lease = 0): number {
  return store.txn({ compare: [], success: [{ type: 'put', key, value: bytes(value), lease }], failure: [] }).response
    .revision;
}

function remove(store: MvccStore, key: string, end?: string): void {
  store.txn({ compare: [], success: [{ type: 'delete', key, end }], failure: [] });
}

function everything(store: MvccStore, revision: number): KeyValue[] {
  return store.range('\0', { end: '\0', revision }).kvs;
}

/** A deterministic pseudo-random sequence, so failures reproduce. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

describe('MvccStore', () => {
  it('lets reads later in a transaction see its earlier writes, as etcd 3.4 does', () => {
    const store = new MvccStore();
    const { response } = store.txn({
      compare: [],
      success: [
        { type: 'put', key: '/a', value: bytes('1') },
        { type: 'range', key: '/a' },
      ],
      failure: [],
    });
    const read = response.responses[1];
    expect(read?.type === 'range' && read.result.kvs.map((kv) => kv.modRevision)).toEqual([2]);
  });

  it('serves reads at a ceiling below the newest revision, as a durable store does', () => {
    const store = new MvccStore();
    put(store, '/a', '1');
    put(store, '/a', '2');
    const result = store.range('/a', {}, 2);
    expect(result.revision).toBe(2);
    expect(result.kvs[0]?.version).toBe(1);
    expect(() => store.range('/a', { revision: 3 }, 2)).toThrow(FutureRevisionError);
  });

  it('keeps its copy of a value when the caller reuses the buffer', () => {
    const store = new MvccStore();
    const buffer = bytes('original');
    store.txn({ compare: [], success: [{ type: 'put', key: '/a', value: buffer }], failure: [] });
    buffer.fill(0);
    expect(new TextDecoder().decode(store.range('/a').kvs[0]?.value)).toBe('original');
  });

  it('reads every retained revision after compaction exactly as an uncompacted store does', () => {
    const compacted = new MvccStore();
    const reference = new MvccStore();
    const next = random(7);
    for (let i = 0; i < 3000; i++) {
      const key = `/k/${Math.floor(next() * 40)}`;
      const roll = next();
      for (const store of [compacted, reference]) {
        if (roll < 0.75) put(store, key, String(i));
        else if (roll < 0.95) remove(store, key);
        else remove(store, key, `${key}~`);
      }
      if (i % 500 === 499) compacted.compact(compacted.revision - 200);
    }
    expect(compacted.revision).toBe(reference.revision);
    for (let rev = compacted.compactRevision; rev <= compacted.revision; rev++) {
      expect(everything(compacted, rev)).toEqual(everything(reference, rev));
    }
    expect(compacted.dbSize).toBeLessThan(reference.dbSize);
    expect(compacted.liveKeys).toBe(reference.liveKeys);
  });

  it('revokes a lease by deleting its keys in key order in one revision', () => {
    const store = new MvccStore();
    const lease = store.leases.grant(60).id;
    put(store, '/b', '1', lease);
    put(store, '/a', '1', lease);
    put(store, '/c', '1');
    const events = store.revokeLease(lease);
    expect(events.map((event) => [event.type, event.kv.key, event.kv.modRevision])).toEqual([
      ['delete', '/a', 5],
      ['delete', '/b', 5],
    ]);
    expect(store.liveKeys).toBe(1);
    expect(store.leases.get(lease)).toBeUndefined();
  });

  it('refuses a put with an unknown lease before writing anything', () => {
    const store = new MvccStore();
    expect(() =>
      store.txn({
        compare: [],
        success: [
          { type: 'put', key: '/a', value: bytes('1') },
          { type: 'put', key: '/b', value: bytes('1'), lease: 99 },
        ],
        failure: [],
      }),
    ).toThrow('etcdserver: requested lease not found');
    expect(store.revision).toBe(1);
  });

  it('moves a key from one lease to another when it is re-put', () => {
    const store = new MvccStore();
    const first = store.leases.grant(60).id;
    const second = store.leases.grant(60).id;
    put(store, '/a', '1', first);
    put(store, '/a', '2', second);
    expect([...store.leases.get(first)!.keys]).toEqual([]);
    expect([...store.leases.get(second)!.keys]).toEqual(['/a']);
  });
});
