// Fetches the kubectl a packaged desktop app carries (electron-builder's extraResources, see electron-builder.yml):
// the release binary from dl.k8s.io for each platform and architecture, checked against its published SHA-256, into
// build/kubectl/<platform>-<arch>/ (Node's and electron-builder's names: darwin|linux|win32, x64|arm64).
// A packaging step, not part of the tests: `node scripts/fetch-kubectl.mjs` for this machine, `--all` for every target.

import { createHash } from 'node:crypto';
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const KUBECTL_VERSION = 'v1.32.4';

/** The platforms and architectures the app is packaged for (electron-builder.yml's targets). */
export const TARGETS = [
  { platform: 'linux', arch: 'x64' },
  { platform: 'linux', arch: 'arm64' },
  { platform: 'darwin', arch: 'x64' },
  { platform: 'darwin', arch: 'arm64' },
  { platform: 'win32', arch: 'x64' },
  { platform: 'win32', arch: 'arm64' },
];

const K8S_OS = { linux: 'linux', darwin: 'darwin', win32: 'windows' };
const K8S_ARCH = { x64: 'amd64', arm64: 'arm64' };

/** Where kubectl for one target comes from and goes to. */
export function kubectlDownload({ platform, arch }, outRoot, version = KUBECTL_VERSION) {
  const os = K8S_OS[platform];
  const k8sArch = K8S_ARCH[arch];
  if (os === undefined || k8sArch === undefined) throw new Error(`no kubectl for ${platform}-${arch}`);
  const executable = platform === 'win32' ? 'kubectl.exe' : 'kubectl';
  const url = `https://dl.k8s.io/release/${version}/bin/${os}/${k8sArch}/${executable}`;
  return { url, checksumUrl: `${url}.sha256`, file: join(outRoot, `${platform}-${arch}`, executable) };
}

function sha256(bytes) {
  return createHash('sha256').update(bytes).digest('hex');
}

async function get(url, fetchImpl) {
  const response = await fetchImpl(url);
  if (!response.ok) throw new Error(`GET ${url}: ${response.status} ${response.statusText}`);
  return Buffer.from(await response.arrayBuffer());
}

/** Downloads one kubectl unless the file there already has the published checksum; refuses a mismatch. */
export async function fetchKubectl(download, fetchImpl = globalThis.fetch) {
  const expected = (await get(download.checksumUrl, fetchImpl)).toString('utf8').trim().split(/\s+/)[0]?.toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(expected ?? '')) throw new Error(`${download.checksumUrl} holds no SHA-256`);
  const existing = await readFile(download.file).catch(() => undefined);
  if (existing !== undefined && sha256(existing) === expected) return 'unchanged';
  const binary = await get(download.url, fetchImpl);
  const actual = sha256(binary);
  if (actual !== expected) throw new Error(`${download.url}: SHA-256 ${actual}, published ${expected}`);
  await mkdir(join(download.file, '..'), { recursive: true });
  const temporary = `${download.file}.${process.pid}.tmp`;
  await writeFile(temporary, binary);
  await chmod(temporary, 0o755);
  await rename(temporary, download.file);
  return 'fetched';
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const outRoot = fileURLToPath(new URL('../build/kubectl', import.meta.url));
  const targets = process.argv.includes('--all') ? TARGETS : [{ platform: process.platform, arch: process.arch }];
  for (const target of targets) {
    const download = kubectlDownload(target, outRoot);
    console.log(`kubectl ${KUBECTL_VERSION} ${target.platform}-${target.arch}: ${await fetchKubectl(download)}`);
  }
}
