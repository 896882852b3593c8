// Bundles the desktop app with esbuild into dist/electron/: the main process (main.mjs, ESM, with the engine inside
// and npm packages left to node_modules) and the preload (preload.cjs: sandboxed preloads must be CommonJS and may
// require nothing but 'electron'). Rebuilt only when a source is newer than the bundles. `kubelab start` calls it;
// run `node main/electron/build.mjs` before packaging.

import { mkdir, readFile, rename, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { newestSource } from '../cli/newest-source.mjs';

const SOURCE_DIRS = ['engine', 'main'];

/** Where the bundles of a checkout at `root` go. */
function desktopBundles(root) {
  const outDir = join(root, 'dist/electron');
  return { outDir, main: join(outDir, 'main.mjs'), preload: join(outDir, 'preload.cjs') };
}

async function isFresh(root, bundles) {
  try {
    const built = Math.min((await stat(bundles.main)).mtimeMs, (await stat(bundles.preload)).mtimeMs);
    return built >= (await newestSource(root, SOURCE_DIRS));
  } catch {
    return false;
  }
}

/**
 * Modules that find their data files next to themselves (`new URL('./x.json', import.meta.url)`) get their location
 * relative to the bundle, so it holds wherever the checkout or the packaged app lies.
 */
function relativeModuleLocation(outDir) {
  return {
    name: 'relative-module-location',
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, async (args) => {
        const source = await readFile(args.path, 'utf8');
        if (!source.includes('import.meta.url')) return undefined;
        const location = relative(outDir, args.path).split(sep).join('/');
        return {
          contents: source.replaceAll('import.meta.url', `new URL(${JSON.stringify(location)}, import.meta.url).href`),
          loader: 'ts',
        };
      });
    },
  };
}

async function bundle(esbuild, options, outfile) {
  const temporary = `${outfile}.${process.pid}.tmp`;
  await esbuild.build({ ...options, bundle: true, outfile: temporary, logLevel: 'warning' });
  await rename(temporary, outfile);
}

/** Builds the bundles of the checkout at `root` unless they are fresh; answers their paths. */
export async function buildDesktopApp(root) {
  const bundles = desktopBundles(root);
  if (await isFresh(root, bundles)) return bundles;
  const esbuild = await import('esbuild');
  await mkdir(bundles.outDir, { recursive: true });
  const common = { platform: 'node', target: 'node22', external: ['electron'] };
  await bundle(
    esbuild,
    {
      ...common,
      entryPoints: [join(root, 'main/electron/main.ts')],
      format: 'esm',
      packages: 'external',
      plugins: [relativeModuleLocation(bundles.outDir)],
    },
    bundles.main,
  );
  await bundle(
    esbuild,
    { ...common, entryPoints: [join(root, 'main/electron/preload.ts')], format: 'cjs' },
    bundles.preload,
  );
  return bundles;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const bundles = await buildDesktopApp(fileURLToPath(new URL('../..', import.meta.url)));
  console.log(`kubelab: desktop app bundled in ${bundles.outDir}`);
}
