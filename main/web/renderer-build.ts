// The built UI (dist/renderer), rebuilt with Vite when a source of it is newer than the build — so a fresh clone's
// first `npm start` builds it once and later starts serve it at once. A packaged app ships the build and has no Vite.

import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { newestSource } from '../cli/newest-source.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SOURCES = ['renderer', 'engine/protocol', 'vite.config.ts'];

/** The folder of the built UI, built first when missing or older than its sources. */
export async function builtRenderer(log: (message: string) => void): Promise<string> {
  const out = join(ROOT, 'dist/renderer');
  const built = (await stat(join(out, 'index.html')).catch(() => undefined))?.mtimeMs ?? 0;
  const sources = await newestSource(ROOT, SOURCES);
  if (built && built >= sources) return out;
  if (!sources) {
    if (built) return out;
    throw new Error(`the UI is not built and its sources are missing (${out})`);
  }
  log('building the UI (once per change of its sources)…');
  const { build } = await import('vite');
  await build({ configFile: join(ROOT, 'vite.config.ts'), logLevel: 'warn' });
  return out;
}
