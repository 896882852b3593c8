import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startEtcd, type EtcdServer } from '../../../test/support/etcd-server.ts';
import { prefixEnd, type KV } from '../kv.ts';
import { openEtcdStore } from './etcd-store.ts';

const prefix = '/registry/configmaps/failover/';

/** Opens ten watches on the prefix from `startRevision`. Each has its own stream on a member chosen at random, so
 * some of them surely sit on the member a test kills. */
function watchTen(kv: KV, startRevision: number): { seen: number[][]; errors: Error[] } {
  const seen = Array.from({ length: 10 }, () => [] as number[]);
  const errors: Error[] = [];
  for (const revisions of seen) {
    kv.watch(
      prefix,
      { end: prefixEnd(prefix), startRevision },
      {
        onEvents: (events) => revisions.push(...events.map((event) => event.kv.modRevision)),
        onError: (error) => errors.push(error),
      },
    );
  }
  return { seen, errors };
}

/** Creates a key and returns the revision that created it, asking again while etcd cannot say whether a write was
 * applied (as while a new leader is elected); the create-if-absent compare keeps it from being applied twice. */
async function createOnce(kv: KV, key: string): Promise<number> {
  for (;;) {
    try {
      const response = await kv.txn({
        compare: [{ key, target: 'createRevision', result: '=', value: 0 }],
        success: [{ type: 'put', key, value: new TextEncoder().encode(key) }],
        failure: [{ type: 'range', key }],
      });
      const [read] = response.responses;
      if (response.succeeded) return response.revision;
      if (read?.type === 'range' && read.result.kvs[0]) return read.result.kvs[0].createRevision;
    } catch {
      await sleep(200);
    }
  }
}

describe.each([
  { who: 'a follower', pick: async (cluster: EtcdServer) => ((await cluster.leaderIndex()) + 1) % 3 },
  { who: 'the leader', pick: (cluster: EtcdServer) => cluster.leaderIndex() },
])('the etcd store on a three-member cluster that loses $who', ({ pick }) => {
  let cluster: EtcdServer;
  let kv: KV;

  beforeAll(async () => {
    cluster = await startEtcd({ members: 3 });
    kv = await openEtcdStore({ endpoints: cluster.endpoints });
  });

  afterAll(async () => {
    await kv?.close();
    await cluster?.stop();
  });

  it('keeps serving writes, and every watch delivers each revision exactly once', async () => {
    const first = await kv.put(`${prefix}start`, new Uint8Array([0]));
    const { seen, errors } = watchTen(kv, first.revision + 1);
    const written: number[] = [];
    for (let i = 0; i < 20; i++) written.push(await createOnce(kv, `${prefix}${i}`));
    await cluster.killMember(await pick(cluster));
    for (let i = 20; i < 40; i++) written.push(await createOnce(kv, `${prefix}${i}`));

    await vi.waitFor(() => expect(seen.every((revisions) => revisions.length >= written.length)).toBe(true), {
      timeout: 40_000,
      interval: 100,
    });
    expect(errors).toEqual([]);
    for (const revisions of seen) expect(revisions).toEqual(written);
  }, 90_000);
});
