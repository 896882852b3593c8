import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { segmentPath } from './data-dir.ts';
import { nodeFs, type DurableFs } from './durable-fs.ts';
import { WalWriter, type WalWriterOptions } from './wal-writer.ts';

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** The Node file layer with counted fdatasyncs that a test can hold back. */
function countingFs(): { fs: DurableFs; datasyncs: () => number; hold: () => () => void } {
  let count = 0;
  let gate: Promise<void> | undefined;
  const fs: DurableFs = {
    ...nodeFs,
    datasync: async (fd) => {
      count++;
      await gate;
      return nodeFs.datasync(fd);
    },
  };
  return {
    fs,
    datasyncs: () => count,
    hold: () => {
      let release!: () => void;
      gate = new Promise((resolve) => (release = resolve));
      return () => {
        gate = undefined;
        release();
      };
    },
  };
}

describe('WalWriter', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function writer(
    options: Partial<WalWriterOptions> & { fs: DurableFs },
  ): Promise<{ wal: WalWriter; dir: string }> {
    const dir = await mkdtemp(join(tmpdir(), 'kubelab-wal-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const fd = await options.fs.openAppend(segmentPath(dir, 1));
    const wal = new WalWriter({
      dir,
      segment: { seq: 1, fd, bytes: 0, records: 0 },
      nextIndex: 1,
      snapshotEvery: 1_000_000,
      snapshotBytes: 1 << 30,
      lastSnapshotBytes: 0,
      encodeSnapshot: () => [new Uint8Array([1, 2, 3])],
      onDurable: () => {},
      ...options,
    });
    cleanups.push(() => wal.close());
    return { wal, dir };
  }

  const txn = (revision: number) => ({ type: 'txn' as const, revision, kvs: [], revokedLease: 0 });

  it('writes records appended together with one fdatasync', async () => {
    const counting = countingFs();
    const { wal } = await writer({ fs: counting.fs });
    await Promise.all(Array.from({ length: 200 }, (_, i) => wal.append(txn(i + 2))));
    expect(counting.datasyncs()).toBe(1);
  });

  it('batches the writes that arrive while an fsync is in flight into the next one', async () => {
    const counting = countingFs();
    const { wal } = await writer({ fs: counting.fs });
    const release = counting.hold();
    const first = wal.append(txn(2));
    while (counting.datasyncs() === 0) await turn();
    const later = Array.from({ length: 50 }, (_, i) => wal.append(txn(i + 3)));
    release();
    await Promise.all([first, ...later]);
    expect(counting.datasyncs()).toBe(2);
  });

  it('resolves an append only after its fdatasync, telling the store the durable revision first', async () => {
    const counting = countingFs();
    const durable: number[] = [];
    const { wal } = await writer({ fs: counting.fs, onDurable: (revision) => durable.push(revision) });
    const release = counting.hold();
    let resolved = false;
    const append = wal.append(txn(7)).then(() => {
      resolved = true;
      expect(durable).toEqual([7]);
    });
    while (counting.datasyncs() === 0) await turn();
    for (let i = 0; i < 5; i++) await turn();
    expect(resolved).toBe(false);
    expect(durable).toEqual([]);
    release();
    await append;
    expect(resolved).toBe(true);
  });

  it('snapshots after the configured number of records and removes the segments it replaces', async () => {
    const messages: string[] = [];
    const indexes: number[] = [];
    const { wal, dir } = await writer({
      fs: nodeFs,
      snapshotEvery: 10,
      encodeSnapshot: (appliedIndex) => {
        indexes.push(appliedIndex);
        return [new Uint8Array([appliedIndex])];
      },
      logger: (message) => messages.push(message),
    });
    for (let i = 0; i < 25; i++) await wal.append(txn(i + 2));
    await wal.close();
    expect(indexes).toHaveLength(2);
    expect(indexes[0]).toBeGreaterThanOrEqual(10);
    expect(indexes[1]).toBeGreaterThanOrEqual(20);
    expect((await readdir(dir)).sort()).toEqual(['snap-0000000000000003.snap', 'wal-0000000000000003.log']);
    expect(messages.filter((message) => message.includes('written'))).toHaveLength(2);
  });

  it('waits with the next snapshot until the segment holds half the size of the last one', async () => {
    const indexes: number[] = [];
    const { wal } = await writer({
      fs: nodeFs,
      snapshotEvery: 10,
      encodeSnapshot: (appliedIndex) => {
        indexes.push(appliedIndex);
        return [new Uint8Array(1 << 20)];
      },
    });
    for (let i = 0; i < 40; i++) await wal.append(txn(i + 2));
    expect(indexes).toHaveLength(1);
  });

  it('rejects the failed batch and every later append once a write fails', async () => {
    let fail = false;
    const fs: DurableFs = {
      ...nodeFs,
      write: async (fd, data) => {
        if (fail) throw new Error('EIO: i/o error');
        return nodeFs.write(fd, data);
      },
    };
    const { wal } = await writer({ fs });
    await wal.append(txn(2));
    fail = true;
    await expect(wal.append(txn(3))).rejects.toThrow('EIO');
    expect(wal.failed?.message).toMatch('EIO');
    await expect(wal.append(txn(4))).rejects.toThrow('EIO');
  });
});
