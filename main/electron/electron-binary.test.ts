import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { failureReason, findElectronBinary } from './electron-binary.ts';

/** A checkout whose electron package has the given files (path → content). */
async function checkout(files: Record<string, string> = {}): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'kubelab-electron-'));
  await writeFile(join(root, 'package.json'), '{"name":"fixture"}');
  const packageDir = join(root, 'node_modules/electron');
  await mkdir(join(packageDir, 'dist'), { recursive: true });
  await writeFile(join(packageDir, 'package.json'), '{"name":"electron","main":"index.js"}');
  for (const [path, content] of Object.entries(files)) await writeFile(join(packageDir, path), content);
  return root;
}

describe('findElectronBinary', () => {
  it('says so when the electron package is not installed', async () => {
    const root = await mkdtemp(join(tmpdir(), 'kubelab-electron-'));
    expect(await findElectronBinary(root, {})).toEqual({ reason: 'the electron package is not installed' });
  });

  it('finds a downloaded binary through path.txt without running anything', async () => {
    const root = await checkout({ 'path.txt': 'electron', 'dist/electron': '', 'index.js': 'process.exit(9)' });
    expect(await findElectronBinary(root, {})).toEqual({ binary: join(root, 'node_modules/electron/dist/electron') });
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH as the package does', async () => {
    const root = await checkout({ 'path.txt': 'electron' });
    const override = await mkdtemp(join(tmpdir(), 'kubelab-electron-dist-'));
    await writeFile(join(override, 'electron'), '');
    const env = { ELECTRON_OVERRIDE_DIST_PATH: override };
    expect(await findElectronBinary(root, env)).toEqual({ binary: join(override, 'electron') });
  });

  it('answers the binary the package names once it has downloaded it', async () => {
    const root = await checkout({
      'index.js': `console.log('Downloading Electron binary...'); module.exports = require('path').join(__dirname, 'package.json');`,
    });
    expect(await findElectronBinary(root, {})).toEqual({ binary: join(root, 'node_modules/electron/package.json') });
  });

  it('gives the download’s error as the reason when requiring the package fails', async () => {
    const root = await checkout({
      'index.js': `console.error('TypeError: fetch failed\\n    at x'); throw new Error('Electron failed to install correctly.');`,
    });
    expect(await findElectronBinary(root, {})).toEqual({ reason: 'the download failed: fetch failed' });
  });

  it('gives up on a download that hangs', async () => {
    const root = await checkout({ 'index.js': 'setInterval(() => {}, 1000);' });
    expect(await findElectronBinary(root, {}, 300)).toEqual({ reason: 'the download did not finish in 0.3 s' });
  });
});

describe('failureReason', () => {
  it.each([
    [
      'the first error line',
      'Downloading…\nRequestError: getaddrinfo ENOTFOUND github.com\nError: later',
      1,
      'the download failed: getaddrinfo ENOTFOUND github.com',
    ],
    ['an error with a code', 'Error [ERR_X]: no space left', 1, 'the download failed: no space left'],
    ['the exit code when nothing reads as an error', 'something odd', 3, "require('electron') failed (exit 3)"],
  ])('reads %s', (_name, stderr, code, reason) => {
    expect(failureReason(stderr, code)).toBe(reason);
  });
});
