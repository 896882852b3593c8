import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../host/content-security-policy.ts';
import { appFileFor, serveAppRequest } from './app-scheme.ts';

const root = '/srv/renderer';

describe('appFileFor', () => {
  it.each([
    ['the root names index.html', 'app://kubelab/', join(root, 'index.html')],
    ['a file names itself', 'app://kubelab/assets/index-1a2b.js', join(root, 'assets/index-1a2b.js')],
    ['a folder names its index.html', 'app://kubelab/docs/', join(root, 'docs/index.html')],
    ['the query and fragment are ignored', 'app://kubelab/index.html?x=1#/pods', join(root, 'index.html')],
    ['an escaped space is decoded', 'app://kubelab/a%20b.css', join(root, 'a b.css')],
    ['dot segments inside the root resolve', 'app://kubelab/assets/../index.html', join(root, 'index.html')],
    ['dot segments above the root stop at it', 'app://kubelab/../../etc/passwd', join(root, 'etc/passwd')],
    ['escaped dot segments stop at the root', 'app://kubelab/%2e%2e/%2e%2e/etc/passwd', join(root, 'etc/passwd')],
  ])('%s', (_name, url, file) => {
    expect(appFileFor(root, url)).toBe(file);
  });

  it.each([
    ['an escaped slash', 'app://kubelab/..%2f..%2fetc%2fpasswd'],
    ['an escaped backslash', 'app://kubelab/..%5c..%5cwindows%5cwin.ini'],
    ['an escaped NUL', 'app://kubelab/index.html%00.png'],
    ['a malformed escape', 'app://kubelab/%E0%A4%A'],
    ['another host', 'app://other/index.html'],
    ['another scheme', 'file:///srv/renderer/index.html'],
    ['a URL with credentials', 'app://user:secret@kubelab/index.html'],
  ])('refuses %s', (_name, url) => {
    expect(appFileFor(root, url)).toBeUndefined();
  });
});

describe('serveAppRequest', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kubelab-scheme-'));
    await mkdir(join(dir, 'renderer/assets'), { recursive: true });
    await writeFile(join(dir, 'renderer/index.html'), '<!doctype html>');
    await writeFile(join(dir, 'renderer/assets/app.js'), 'export {};');
    await writeFile(join(dir, 'secret.txt'), 'not for the UI');
  });

  it('serves a file with its content type, the CSP and nosniff', async () => {
    const response = await serveAppRequest(join(dir, 'renderer'), new Request('app://kubelab/assets/app.js'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toBe('export {};');
  });

  it('refuses a path out of the folder with 403 and does not read the file', async () => {
    const response = await serveAppRequest(join(dir, 'renderer'), new Request('app://kubelab/..%2fsecret.txt'));
    expect(response.status).toBe(403);
    expect(await response.text()).not.toContain('not for the UI');
  });

  it('answers a missing file with 404 and other methods with 405, both with the CSP', async () => {
    const missing = await serveAppRequest(join(dir, 'renderer'), new Request('app://kubelab/nope.js'));
    const post = await serveAppRequest(join(dir, 'renderer'), new Request('app://kubelab/', { method: 'POST' }));
    expect([missing.status, post.status]).toEqual([404, 405]);
    expect(missing.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });
});
