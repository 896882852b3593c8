// When the sources of a build last changed: the newest modification time of the source files (tests left out) under
// some folders of a checkout. The CLI bundle, the desktop bundles and the UI build are remade when this is newer.

import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

const SOURCE_FILE = /\.(ts|mts|mjs|json|vue|css|html)$/;

/** The newest mtime (ms) of the source files under `paths` (folders or files, relative to `root`); 0 when none. */
export async function newestSource(root, paths) {
  let newest = 0;
  const visit = async (path) => {
    const info = await stat(path).catch(() => undefined);
    if (!info) return;
    if (info.isDirectory()) {
      for (const entry of await readdir(path)) await visit(join(path, entry));
    } else if (SOURCE_FILE.test(path) && !path.endsWith('.test.ts')) {
      newest = Math.max(newest, info.mtimeMs);
    }
  };
  for (const path of paths) await visit(join(root, path));
  return newest;
}
