import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../lab/clock.ts';
import { openEmbeddedStore } from '../../store/embedded/index.ts';
import type { KV } from '../../store/kv.ts';
import { CompactedError } from '../../store/kv.ts';
import { Compactor } from './compactor.ts';

describe('Compactor', () => {
  let kv: KV;
  let clock: VirtualClock;

  beforeEach(async () => {
    clock = new VirtualClock(0);
    kv = await openEmbeddedStore({ clock, historyRevisions: Infinity });
  });

  afterEach(async () => {
    await kv.close();
    clock.dispose();
  });

  it('compacts to the revision it saw one tick earlier, not to the current one', async () => {
    const compactor = new Compactor(kv);
    const first = (await kv.put('/k', new Uint8Array([1]))).revision;
    await compactor.tick();
    const second = (await kv.put('/k', new Uint8Array([2]))).revision;
    await compactor.tick();
    await expect(kv.range('/k', { revision: first - 1 })).rejects.toBeInstanceOf(CompactedError);
    expect((await kv.range('/k', { revision: first })).kvs[0]?.value).toEqual(new Uint8Array([1]));
    expect((await kv.range('/k', { revision: second })).kvs[0]?.value).toEqual(new Uint8Array([2]));
  });

  it('does not mind a revision another server compacted already', async () => {
    const compactor = new Compactor(kv);
    await kv.put('/k', new Uint8Array([1]));
    await compactor.tick();
    const rev = (await kv.put('/k', new Uint8Array([2]))).revision;
    await kv.compact(rev);
    await expect(compactor.tick()).resolves.toBeUndefined();
  });
});
