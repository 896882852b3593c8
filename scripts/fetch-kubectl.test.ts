import { createHash } from 'node:crypto';
import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fetchKubectl, kubectlDownload, TARGETS } from './fetch-kubectl.mjs';

const BINARY = Buffer.from('#!/bin/sh\necho kubectl\n');
const DIGEST = createHash('sha256').update(BINARY).digest('hex');

function fakeFetch(files: Record<string, Buffer | string>) {
  const asked: string[] = [];
  const fetchImpl = (url: string) => {
    asked.push(url);
    const body = files[url];
    return Promise.resolve(body === undefined ? new Response(null, { status: 404 }) : new Response(body));
  };
  return { asked, fetchImpl: fetchImpl as unknown as typeof fetch };
}

describe('kubectlDownload', () => {
  it.each([
    ['linux', 'x64', 'https://dl.k8s.io/release/v1.32.4/bin/linux/amd64/kubectl', 'linux-x64/kubectl'],
    ['darwin', 'arm64', 'https://dl.k8s.io/release/v1.32.4/bin/darwin/arm64/kubectl', 'darwin-arm64/kubectl'],
    ['win32', 'x64', 'https://dl.k8s.io/release/v1.32.4/bin/windows/amd64/kubectl.exe', 'win32-x64/kubectl.exe'],
  ])('names dl.k8s.io’s kubectl for %s-%s', (platform, arch, url, file) => {
    expect(kubectlDownload({ platform, arch }, '/out')).toEqual({
      url,
      checksumUrl: `${url}.sha256`,
      file: join('/out', file),
    });
  });

  it('knows every packaging target', () => {
    for (const target of TARGETS) expect(() => kubectlDownload(target, '/out')).not.toThrow();
  });

  it('refuses a target without a kubectl release', () => {
    expect(() => kubectlDownload({ platform: 'aix', arch: 'ppc64' }, '/out')).toThrow('no kubectl for aix-ppc64');
  });
});

describe('fetchKubectl', () => {
  it('writes an executable binary whose SHA-256 matches the published one, and does not fetch it again', async () => {
    const download = kubectlDownload({ platform: 'linux', arch: 'x64' }, await mkdtemp(join(tmpdir(), 'kubectl-')));
    const { asked, fetchImpl } = fakeFetch({ [download.url]: BINARY, [download.checksumUrl]: `${DIGEST}\n` });
    expect(await fetchKubectl(download, fetchImpl)).toBe('fetched');
    expect(await readFile(download.file)).toEqual(BINARY);
    if (process.platform !== 'win32') expect((await stat(download.file)).mode & 0o111).toBe(0o111);
    expect(await fetchKubectl(download, fetchImpl)).toBe('unchanged');
    expect(asked.filter((url) => url === download.url)).toHaveLength(1);
  });

  it('refuses a binary whose checksum does not match, and writes nothing', async () => {
    const download = kubectlDownload({ platform: 'linux', arch: 'x64' }, await mkdtemp(join(tmpdir(), 'kubectl-')));
    const { fetchImpl } = fakeFetch({ [download.url]: Buffer.from('tampered'), [download.checksumUrl]: DIGEST });
    await expect(fetchKubectl(download, fetchImpl)).rejects.toThrow(/SHA-256 [0-9a-f]{64}, published/);
    await expect(stat(download.file)).rejects.toThrow();
  });

  it('refuses a checksum file that holds no SHA-256', async () => {
    const download = kubectlDownload({ platform: 'linux', arch: 'x64' }, await mkdtemp(join(tmpdir(), 'kubectl-')));
    const { fetchImpl } = fakeFetch({ [download.url]: BINARY, [download.checksumUrl]: '<html>not found</html>' });
    await expect(fetchKubectl(download, fetchImpl)).rejects.toThrow('holds no SHA-256');
  });
});
