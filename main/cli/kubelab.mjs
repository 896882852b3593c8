#!/usr/bin/env node
// The `kubelab` command. It runs the TypeScript CLI from a bundle that esbuild builds on first use and rebuilds
// whenever a source file is newer (kept in node_modules/.cache/kubelab), so `kubelab serve` works right after
// `npm install` and starts fast; if bundling is impossible it falls back to running the sources through tsx.

import { mkdir, readFile, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { newestSource } from './newest-source.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const entry = join(root, 'main/cli/main.ts');
const cacheDir = join(root, 'node_modules/.cache/kubelab');
const bundle = join(cacheDir, 'kubelab.mjs');
const SOURCE_DIRS = ['engine', 'main'];

async function isFresh() {
  try {
    return (await stat(bundle)).mtimeMs >= (await newestSource(root, SOURCE_DIRS));
  } catch {
    return false;
  }
}

/** Modules that find their data files next to themselves get their own location baked in. */
const keepModuleLocation = {
  name: 'keep-module-location',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (!source.includes('import.meta.url')) return undefined;
      return {
        contents: source.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)),
        loader: 'ts',
      };
    });
  },
};

async function build() {
  const esbuild = await import('esbuild');
  await mkdir(cacheDir, { recursive: true });
  const temporary = `${bundle}.${process.pid}.tmp`;
  await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outfile: temporary,
    logLevel: 'warning',
    plugins: [keepModuleLocation],
  });
  await rename(temporary, bundle);
}

let target = pathToFileURL(bundle).href;
try {
  if (!(await isFresh())) await build();
} catch {
  const { register } = await import('tsx/esm/api');
  register();
  target = pathToFileURL(entry).href;
}
await import(target);
