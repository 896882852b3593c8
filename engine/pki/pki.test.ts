// Tests for creating, persisting and reusing the cluster PKI.
import { createPrivateKey, createPublicKey, sign, verify, X509Certificate } from 'node:crypto';
import { mkdtemp, readdir, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ADMIN_GROUPS,
  ADMIN_USER,
  DEFAULT_SERVING_DNS_NAMES,
  DEFAULT_SERVING_IP_ADDRESSES,
  loadOrCreatePki,
} from './pki.ts';
import type { Pki } from './pki.ts';

const DAY = 24 * 60 * 60 * 1000;
const pems = (pki: Pki): string[] => [
  pki.ca.certPem,
  pki.ca.keyPem,
  pki.serving.certPem,
  pki.serving.keyPem,
  pki.admin.certPem,
  pki.admin.keyPem,
  pki.serviceAccount.privateKeyPem,
  pki.serviceAccount.publicKeyPem,
];

describe('loadOrCreatePki', () => {
  let dir: string;

  beforeEach(async () => {
    dir = join(await mkdtemp(join(tmpdir(), 'kubelab-pki-')), 'pki');
  });

  afterEach(async () => {
    await rm(join(dir, '..'), { recursive: true, force: true });
  });

  it('creates a fresh PKI in memory when given no directory', async () => {
    const [a, b] = await Promise.all([loadOrCreatePki(), loadOrCreatePki()]);
    expect(a.ca.certPem).not.toBe(b.ca.certPem);
    const serving = new X509Certificate(a.serving.certPem);
    for (const name of DEFAULT_SERVING_DNS_NAMES) expect(serving.checkHost(name)).toBe(name);
    for (const ip of DEFAULT_SERVING_IP_ADDRESSES) expect(serving.checkIP(ip)).toBe(ip);
    expect(new X509Certificate(a.admin.certPem).subject).toBe(`O=${ADMIN_GROUPS.join('\nO=')}\nCN=${ADMIN_USER}`);
  });

  it('writes kubeadm’s file names, keys readable by the owner only', async () => {
    await loadOrCreatePki(dir);
    expect((await readdir(dir)).sort()).toEqual([
      'admin.crt',
      'admin.key',
      'apiserver.crt',
      'apiserver.key',
      'ca.crt',
      'ca.key',
      'sa.key',
      'sa.pub',
    ]);
    for (const key of ['ca.key', 'apiserver.key', 'admin.key', 'sa.key']) {
      expect((await stat(join(dir, key))).mode & 0o777).toBe(0o600);
    }
    expect((await stat(join(dir, 'ca.crt'))).mode & 0o777).toBe(0o644);
  });

  it('reuses every file on the next start', async () => {
    const first = await loadOrCreatePki(dir);
    const second = await loadOrCreatePki(dir);
    expect(pems(second)).toEqual(pems(first));
  });

  it('reissues only the serving certificate when the SANs change', async () => {
    const first = await loadOrCreatePki(dir);
    const second = await loadOrCreatePki(dir, { ipAddresses: ['127.0.0.1', '10.0.0.1'] });
    expect(second.serving.certPem).not.toBe(first.serving.certPem);
    expect(new X509Certificate(second.serving.certPem).checkIP('10.0.0.1')).toBe('10.0.0.1');
    expect(second.ca.certPem).toBe(first.ca.certPem);
    expect(second.admin.certPem).toBe(first.admin.certPem);
  });

  it('reissues leaf certificates from the same CA when they are about to expire', async () => {
    const first = await loadOrCreatePki(dir);
    const later = await loadOrCreatePki(dir, { now: new Date(Date.now() + 340 * DAY) });
    expect(later.ca.certPem).toBe(first.ca.certPem);
    expect(later.serving.certPem).not.toBe(first.serving.certPem);
    expect(later.admin.certPem).not.toBe(first.admin.certPem);
    expect(later.serviceAccount).toEqual(first.serviceAccount);
    const ca = new X509Certificate(later.ca.certPem);
    expect(new X509Certificate(later.admin.certPem).verify(ca.publicKey)).toBe(true);
  });

  it('reissues leaf certificates that another CA signed', async () => {
    const first = await loadOrCreatePki(dir);
    const other = await loadOrCreatePki();
    await writeFile(join(dir, 'apiserver.crt'), other.serving.certPem);
    await writeFile(join(dir, 'admin.crt'), 'not a certificate');
    const second = await loadOrCreatePki(dir);
    const ca = new X509Certificate(first.ca.certPem);
    expect(new X509Certificate(second.serving.certPem).verify(ca.publicKey)).toBe(true);
    expect(new X509Certificate(second.admin.certPem).verify(ca.publicKey)).toBe(true);
  });

  it('refuses to replace a CA of which only one file is left', async () => {
    await loadOrCreatePki(dir);
    await unlink(join(dir, 'ca.key'));
    await expect(loadOrCreatePki(dir)).rejects.toThrow(
      'incomplete cluster CA: ca.crt and ca.key must both exist or both be absent',
    );
  });

  it('keeps a service-account key pair that signs and verifies tokens', async () => {
    const { serviceAccount } = await loadOrCreatePki(dir);
    const signature = sign('sha256', Buffer.from('header.payload'), createPrivateKey(serviceAccount.privateKeyPem));
    expect(
      verify('sha256', Buffer.from('header.payload'), createPublicKey(serviceAccount.publicKeyPem), signature),
    ).toBe(true);
  });

  it('issues client certificates for further identities from the cluster CA', async () => {
    const pki = await loadOrCreatePki();
    const kubelet = await pki.issueClientCertificate('system:node:node-1', ['system:nodes']);
    const cert = new X509Certificate(kubelet.certPem);
    expect(cert.subject).toBe('O=system:nodes\nCN=system:node:node-1');
    expect(cert.verify(new X509Certificate(pki.ca.certPem).publicKey)).toBe(true);
  });
});
