import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readStaticFile } from './static-files.ts';

let root = '';
beforeAll(async () => {
  const base = await mkdtemp(join(tmpdir(), 'kubelab-static-'));
  root = join(base, 'renderer');
  await mkdir(join(root, 'assets'), { recursive: true });
  await writeFile(join(root, 'index.html'), '<!doctype html>');
  await writeFile(join(root, 'assets', 'app-1234.js'), 'export {}');
  await writeFile(join(base, 'secret.txt'), 'not for the browser');
});

describe('readStaticFile', () => {
  it('serves index.html for the root, uncached', async () => {
    expect(await readStaticFile(root, '/')).toMatchObject({
      contentType: 'text/html; charset=utf-8',
      immutable: false,
    });
  });

  it('serves hashed assets as immutable, with their type', async () => {
    expect(await readStaticFile(root, '/assets/app-1234.js')).toMatchObject({
      contentType: 'text/javascript; charset=utf-8',
      immutable: true,
    });
  });

  it.each(['/../secret.txt', '/%2e%2e/secret.txt', '/assets/../../secret.txt', '/%00', '/%E0%A4%A', '/assets'])(
    'refuses %s',
    async (path) => {
      expect(await readStaticFile(root, path)).toBeUndefined();
    },
  );
});
