import { appendFile, mkdtemp, readdir, readFile, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../lab/clock.ts';
import { nodeFs, type DurableFs } from './durable-fs.ts';
import { openEmbeddedStore, type EmbeddedStoreOptions } from './embedded-store.ts';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

/** A file layer whose snapshot renames fail, so segments pile up as after crashes mid-snapshot. */
const noSnapshots: DurableFs = {
  ...nodeFs,
  rename: async () => {
    throw new Error('EIO: rename failed');
  },
};

describe('recovery', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function tempDir(): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'kubelab-recovery-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    return dir;
  }

  function options(dataDir: string, extra: Partial<EmbeddedStoreOptions> = {}): EmbeddedStoreOptions {
    const clock = new VirtualClock(0);
    clock.setPaused(true);
    cleanups.push(async () => clock.dispose());
    return { clock, dataDir, snapshotEvery: 1_000_000, ...extra };
  }

  /** Opens a store on `dataDir`, writes puts /k0…/k(n-1), and closes it. */
  async function writePuts(dataDir: string, n: number, extra: Partial<EmbeddedStoreOptions> = {}): Promise<void> {
    const store = await openEmbeddedStore(options(dataDir, extra));
    for (let i = 0; i < n; i++) await store.put(`/k${i}`, bytes(`v${i}`));
    await store.close();
  }

  async function reopen(dataDir: string, extra: Partial<EmbeddedStoreOptions> = {}) {
    const store = await openEmbeddedStore(options(dataDir, extra));
    cleanups.push(() => store.close());
    return store;
  }

  async function files(dir: string, suffix: string): Promise<string[]> {
    return (await readdir(dir)).filter((name) => name.endsWith(suffix)).sort();
  }

  it('cuts a torn tail off the last segment, warns, and appends after the last good record', async () => {
    const dir = await tempDir();
    await writePuts(dir, 10);
    const [segment] = await files(dir, '.log');
    const path = join(dir, segment!);
    const goodSize = (await stat(path)).size;
    await appendFile(path, Buffer.from([50, 0, 0, 0, 1, 2, 3, 4, 9, 9]));

    const messages: string[] = [];
    const store = await reopen(dir, { logger: (message) => messages.push(message) });
    expect(messages).toEqual([
      expect.stringMatching(/torn or corrupt tail \(partial frame at offset \d+\).*10 bytes dropped/),
    ]);
    expect((await stat(path)).size).toBe(goodSize);
    expect((await store.range('/k', { end: '/l' })).count).toBe(10);
    expect((await store.put('/after', bytes('x'))).revision).toBe(12);
    await store.close();

    const quiet: string[] = [];
    const again = await reopen(dir, { logger: (message) => quiet.push(message) });
    expect(quiet).toEqual([]);
    expect((await again.status()).revision).toBe(12);
  });

  it('cuts a last record whose checksum does not match instead of reading it', async () => {
    const dir = await tempDir();
    await writePuts(dir, 10);
    const [segment] = await files(dir, '.log');
    const path = join(dir, segment!);
    const data = await readFile(path);
    data[data.length - 1]! ^= 0xff;
    await writeFile(path, data);

    const messages: string[] = [];
    const store = await reopen(dir, { logger: (message) => messages.push(message) });
    expect(messages).toEqual([expect.stringMatching(/CRC mismatch/)]);
    expect(await store.status()).toMatchObject({ revision: 10, keys: 9 });
  });

  it('replays every segment after the newest snapshot that was written', async () => {
    const dir = await tempDir();
    await writePuts(dir, 12, { snapshotEvery: 5, fs: noSnapshots });
    expect((await files(dir, '.log')).length).toBeGreaterThan(1);
    const store = await reopen(dir);
    expect(await store.status()).toMatchObject({ revision: 13, keys: 12 });
    expect(await files(dir, '.tmp')).toEqual([]);
  });

  it('refuses to open when a segment before the last is damaged', async () => {
    const dir = await tempDir();
    await writePuts(dir, 12, { snapshotEvery: 5, fs: noSnapshots });
    const [first] = await files(dir, '.log');
    const path = join(dir, first!);
    const data = await readFile(path);
    data[data.length >> 1]! ^= 0xff;
    await writeFile(path, data);
    await expect(reopen(dir)).rejects.toThrow(/is damaged before its end/);
  });

  it('refuses to open when records are missing between segments', async () => {
    const dir = await tempDir();
    await writePuts(dir, 12, { snapshotEvery: 5, fs: noSnapshots });
    const segments = await files(dir, '.log');
    await unlink(join(dir, segments[1]!));
    await expect(reopen(dir)).rejects.toThrow(/has record \d+ after \d+/);
  });

  it('refuses to open when the newest snapshot is damaged', async () => {
    const dir = await tempDir();
    await writePuts(dir, 12, { snapshotEvery: 5 });
    const [snapshot] = await files(dir, '.snap');
    const path = join(dir, snapshot!);
    const data = await readFile(path);
    data[data.length >> 1]! ^= 0xff;
    await writeFile(path, data);
    await expect(reopen(dir)).rejects.toThrow(/is unreadable: snapshot is damaged/);
  });

  it('removes leftover temporary files and files the newest snapshot replaces', async () => {
    const dir = await tempDir();
    await writePuts(dir, 12, { snapshotEvery: 5 });
    await writeFile(join(dir, 'snap-00000000000000ff.snap.tmp'), 'partial');
    await writeFile(join(dir, 'wal-0000000000000001.log'), 'stale');
    await writeFile(join(dir, 'snap-0000000000000001.snap'), 'stale');
    const store = await reopen(dir);
    expect(await store.status()).toMatchObject({ revision: 13, keys: 12 });
    expect((await readdir(dir)).sort()).toEqual(['snap-0000000000000003.snap', 'wal-0000000000000003.log']);
  });
});
