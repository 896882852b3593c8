import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/object.ts';
import { VirtualClock } from '../../lab/clock.ts';
import { openEmbeddedStore } from '../../store/embedded/index.ts';
import type { KV } from '../../store/kv.ts';
import { ObjectStorage } from './object-storage.ts';
import { isStorageError } from './storage-error.ts';

const cm = (name: string, data: Record<string, string> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { namespace: 'ns', name },
  data,
});
const key = (name: string) => `/registry/configmaps/ns/${name}`;

describe('ObjectStorage', () => {
  let kv: KV;
  let clock: VirtualClock;
  let storage: ObjectStorage;

  beforeEach(async () => {
    clock = new VirtualClock(0);
    kv = await openEmbeddedStore({ clock });
    storage = new ObjectStorage(kv);
  });

  afterEach(async () => {
    await kv.close();
    clock.dispose();
  });

  it('stamps the modRevision of the key as resourceVersion and never stores it', async () => {
    const created = await storage.create(key('a'), cm('a'));
    const raw = await kv.range(key('a'));
    expect(created.metadata.resourceVersion).toBe(String(raw.kvs[0]!.modRevision));
    expect(new TextDecoder().decode(raw.kvs[0]!.value)).not.toContain('resourceVersion');
  });

  it('refuses to create a key twice', async () => {
    await storage.create(key('a'), cm('a'));
    await expect(storage.create(key('a'), cm('a'))).rejects.toSatisfy((e) => isStorageError(e, 'KeyExists'));
  });

  it('writes nothing for an update that changes nothing', async () => {
    const created = await storage.create(key('a'), cm('a', { x: '1' }));
    const same = await storage.guaranteedUpdate(key('a'), {}, (current) => ({ ...current! }));
    expect(same.metadata.resourceVersion).toBe(created.metadata.resourceVersion);
  });

  it('recomputes an update when the cached suggestion is stale', async () => {
    const created = await storage.create(key('a'), cm('a', { x: '1' }));
    await storage.guaranteedUpdate(key('a'), {}, (current) => ({ ...current!, data: { x: '2' } }));
    const seen: string[] = [];
    const updated = await storage.guaranteedUpdate(key('a'), { suggestion: created }, (current) => {
      seen.push((current!['data'] as Record<string, string>)['x']!);
      return { ...current!, data: { x: `${(current!['data'] as Record<string, string>)['x']}+` } };
    });
    expect(seen).toEqual(['1', '2']);
    expect(updated['data']).toEqual({ x: '2+' });
  });

  it('fails a resourceVersion precondition that does not hold', async () => {
    await storage.create(key('a'), cm('a'));
    await expect(
      storage.guaranteedUpdate(key('a'), { preconditions: { resourceVersion: '1' } }, (c) => ({
        ...c!,
        data: { y: '1' },
      })),
    ).rejects.toSatisfy((e) => isStorageError(e, 'ResourceVersionConflicts'));
  });

  it('pages through a list at one revision, unaffected by later writes', async () => {
    for (const name of ['a', 'b', 'c', 'd', 'e']) await storage.create(key(name), cm(name));
    const first = await storage.listPage('/registry/configmaps/ns/', { limit: 2 });
    expect(first.items.map((o) => o.metadata.name)).toEqual(['a', 'b']);
    expect(first.remainingItemCount).toBe(3);
    await storage.delete(key('c'));
    const second = await storage.listPage('/registry/configmaps/ns/', {
      limit: 2,
      revision: first.revision,
      startKey: first.nextKey,
    });
    expect(second.items.map((o) => o.metadata.name)).toEqual(['c', 'd']);
  });

  it('fills a filtered page up to the limit by reading further', async () => {
    for (let i = 0; i < 10; i++) await storage.create(key(`k${i}`), cm(`k${i}`, { even: String(i % 2 === 0) }));
    const page = await storage.listPage('/registry/configmaps/ns/', {
      limit: 3,
      filter: (o) => (o['data'] as Record<string, string>)['even'] === 'true',
    });
    expect(page.items.map((o) => o.metadata.name)).toEqual(['k0', 'k2', 'k4']);
    expect(page.nextKey).toBeDefined();
  });

  it('deletes with a precondition on the current version only', async () => {
    const created = await storage.create(key('a'), cm('a'));
    await expect(storage.delete(key('a'), { preconditions: { uid: 'nope' } })).rejects.toThrow(
      /Precondition failed: UID/,
    );
    const deleted = await storage.delete(key('a'), {
      preconditions: { resourceVersion: created.metadata.resourceVersion },
    });
    expect(deleted.metadata.name).toBe('a');
    expect(await storage.get(key('a'))).toBeUndefined();
  });
});
