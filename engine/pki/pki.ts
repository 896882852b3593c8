// The cluster's PKI, created on first start and reused afterwards so that kubeconfigs written earlier stay valid.
// With a directory it lives in files named as kubeadm names them in /etc/kubernetes/pki (ca.crt, ca.key,
// apiserver.crt, apiserver.key, sa.key, sa.pub, plus admin.crt and admin.key for the admin kubeconfig); without one it
// lives in memory only. On reuse, a leaf certificate is reissued from the same CA when it no longer fits: signed by
// another CA, expiring within 30 days, other SANs, or another subject. A CA is never replaced silently.

import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { x509 } from './x509.ts';
import {
  createCertificateAuthority,
  issueClientCertificate,
  issueServingCertificate,
  loadCertificateAuthority,
  subjectAltNames,
} from './certificates.ts';
import type { CertificateAndKey, CertificateAuthority } from './certificates.ts';
import { crypto, exportPrivateKeyPem, exportPublicKeyPem, generateKeyPair } from './keys.ts';

export const DEFAULT_SERVING_DNS_NAMES: readonly string[] = [
  'kubernetes',
  'kubernetes.default',
  'kubernetes.default.svc',
  'kubernetes.default.svc.cluster.local',
  'localhost',
];
/** Loopback for both families and the `kubernetes` Service's cluster IP (first address of 10.96.0.0/12). */
export const DEFAULT_SERVING_IP_ADDRESSES: readonly string[] = ['127.0.0.1', '::1', '10.96.0.1'];
export const ADMIN_USER = 'kubernetes-admin';
export const ADMIN_GROUPS: readonly string[] = ['system:masters'];

export interface PkiOptions {
  /** SANs of the serving certificate; default DEFAULT_SERVING_DNS_NAMES and DEFAULT_SERVING_IP_ADDRESSES. */
  dnsNames?: readonly string[];
  ipAddresses?: readonly string[];
  /** The wall-clock time to issue and check validity at (tests); default now. */
  now?: Date;
}

export interface Pki {
  ca: CertificateAuthority;
  /** The API server's serving certificate. */
  serving: CertificateAndKey;
  /** The client certificate of `kubernetes-admin` in `system:masters`, for the admin kubeconfig. */
  admin: CertificateAndKey;
  /** The key pair that signs ServiceAccount tokens (kube-apiserver's --service-account-signing-key-file). */
  serviceAccount: { privateKeyPem: string; publicKeyPem: string };
  /** A client certificate for any identity (a kubelet's `system:node:<name>` in `system:nodes`, a student…). */
  issueClientCertificate(user: string, groups: readonly string[]): Promise<CertificateAndKey>;
}

const FILES = {
  caCert: 'ca.crt',
  caKey: 'ca.key',
  servingCert: 'apiserver.crt',
  servingKey: 'apiserver.key',
  adminCert: 'admin.crt',
  adminKey: 'admin.key',
  saKey: 'sa.key',
  saPub: 'sa.pub',
} as const;

const RENEW_BEFORE_MS = 30 * 24 * 60 * 60 * 1000;

/** Where the PKI is kept: a directory, or nothing at all. */
interface PkiStore {
  read(name: string): Promise<string | undefined>;
  write(name: string, contents: string, secret: boolean): Promise<void>;
}

const memoryStore: PkiStore = { read: async () => undefined, write: async () => undefined };

function directoryStore(dir: string): PkiStore {
  return {
    async read(name) {
      try {
        return await readFile(join(dir, name), 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
    async write(name, contents, secret) {
      await mkdir(dir, { recursive: true, mode: 0o700 });
      const path = join(dir, name);
      const mode = secret ? 0o600 : 0o644;
      const temporary = `${path}.tmp-${process.pid}`;
      await writeFile(temporary, contents, { mode });
      await chmod(temporary, mode);
      await rename(temporary, path);
    },
  };
}

async function loadOrCreateCa(store: PkiStore, now: Date): Promise<CertificateAuthority> {
  const [certPem, keyPem] = await Promise.all([store.read(FILES.caCert), store.read(FILES.caKey)]);
  if (certPem !== undefined && keyPem !== undefined) return loadCertificateAuthority(certPem, keyPem);
  if (certPem !== undefined || keyPem !== undefined) {
    throw new Error(`incomplete cluster CA: ${FILES.caCert} and ${FILES.caKey} must both exist or both be absent`);
  }
  const ca = await createCertificateAuthority({ now });
  await store.write(FILES.caCert, ca.certPem, false);
  await store.write(FILES.caKey, ca.keyPem, true);
  return ca;
}

/** Whether a stored leaf can be kept: signed by this CA, valid well beyond `now`, and passing `fits`. */
async function reusable(
  ca: CertificateAuthority,
  certPem: string,
  now: Date,
  fits: (cert: x509.X509Certificate) => boolean,
): Promise<boolean> {
  let cert: x509.X509Certificate;
  try {
    cert = new x509.X509Certificate(certPem);
  } catch {
    return false;
  }
  if (cert.notAfter.getTime() - now.getTime() < RENEW_BEFORE_MS || cert.notBefore > now) return false;
  const signed = await cert.verify({ publicKey: ca.cert.publicKey, signatureOnly: true }, crypto).catch(() => false);
  return signed && fits(cert);
}

async function loadOrIssue(
  store: PkiStore,
  ca: CertificateAuthority,
  files: { cert: string; key: string },
  now: Date,
  fits: (cert: x509.X509Certificate) => boolean,
  issue: () => Promise<CertificateAndKey>,
): Promise<CertificateAndKey> {
  const [certPem, keyPem] = await Promise.all([store.read(files.cert), store.read(files.key)]);
  if (certPem !== undefined && keyPem !== undefined && (await reusable(ca, certPem, now, fits))) {
    return { certPem, keyPem };
  }
  const issued = await issue();
  await store.write(files.cert, issued.certPem, false);
  await store.write(files.key, issued.keyPem, true);
  return issued;
}

const sameBytes = (a: ArrayBuffer | undefined, b: ArrayBuffer): boolean =>
  a !== undefined && Buffer.from(a).equals(Buffer.from(b));

async function loadOrCreateServiceAccountKeys(store: PkiStore): Promise<Pki['serviceAccount']> {
  const [privateKeyPem, publicKeyPem] = await Promise.all([store.read(FILES.saKey), store.read(FILES.saPub)]);
  if (privateKeyPem !== undefined && publicKeyPem !== undefined) return { privateKeyPem, publicKeyPem };
  const keys = await generateKeyPair();
  const generated = {
    privateKeyPem: await exportPrivateKeyPem(keys.privateKey),
    publicKeyPem: await exportPublicKeyPem(keys.publicKey),
  };
  await store.write(FILES.saKey, generated.privateKeyPem, true);
  await store.write(FILES.saPub, generated.publicKeyPem, false);
  return generated;
}

/** Loads the PKI from `dir` (creating what is missing there), or creates a fresh one in memory when no dir is given. */
export async function loadOrCreatePki(dir?: string, options: PkiOptions = {}): Promise<Pki> {
  const store = dir === undefined ? memoryStore : directoryStore(dir);
  const now = options.now ?? new Date();
  const dnsNames = options.dnsNames ?? DEFAULT_SERVING_DNS_NAMES;
  const ipAddresses = options.ipAddresses ?? DEFAULT_SERVING_IP_ADDRESSES;
  const wantedSans = subjectAltNames(dnsNames, ipAddresses).value;

  const ca = await loadOrCreateCa(store, now);
  const [serving, admin, serviceAccount] = await Promise.all([
    loadOrIssue(
      store,
      ca,
      { cert: FILES.servingCert, key: FILES.servingKey },
      now,
      (cert) => sameBytes(cert.getExtension(x509.SubjectAlternativeNameExtension)?.value, wantedSans),
      () => issueServingCertificate(ca, { dnsNames, ipAddresses, now }),
    ),
    loadOrIssue(
      store,
      ca,
      { cert: FILES.adminCert, key: FILES.adminKey },
      now,
      (cert) =>
        cert.subjectName.getField('CN').join() === ADMIN_USER &&
        cert.subjectName.getField('O').join() === ADMIN_GROUPS.join(),
      () => issueClientCertificate(ca, { user: ADMIN_USER, groups: ADMIN_GROUPS, now }),
    ),
    loadOrCreateServiceAccountKeys(store),
  ]);
  return {
    ca,
    serving,
    admin,
    serviceAccount,
    issueClientCertificate: (user, groups) => issueClientCertificate(ca, { user, groups }),
  };
}
