// Writing a snapshot atomically: write a temporary file, fsync it, rename it into place, fsync the directory. A crash
// at any point leaves either the old snapshot or the new one, never a partial file under the final name.

import type { DurableFs } from './durable-fs.ts';
import { snapshotPath, temporaryPath } from './data-dir.ts';

export async function writeSnapshotFile(fs: DurableFs, dir: string, seq: number, chunks: Uint8Array[]): Promise<void> {
  const path = snapshotPath(dir, seq);
  const temporary = temporaryPath(path);
  const fd = await fs.openNew(temporary);
  try {
    for (const chunk of chunks) await fs.write(fd, chunk);
    await fs.fsync(fd);
  } finally {
    await fs.close(fd);
  }
  await fs.rename(temporary, path);
  await fs.syncDir(dir);
}
