// The certificates of a cluster, shaped as kubeadm issues them: a self-signed CA (CN "kubernetes", ten years), an
// API server serving certificate (server auth, the SANs clients dial) and client certificates whose subject is the
// identity (CN = user name, O = groups), each signed by the CA and valid for a year. Certificates are backdated five
// minutes against clock skew. Wall-clock time is right here, not the lab clock: kubectl checks real time.

import { x509 } from './x509.ts';
import { crypto, EC_SIGNING_ALGORITHM, exportPrivateKeyPem, generateKeyPair, importPrivateKeyPem } from './keys.ts';
import type { CryptoKey } from './keys.ts';

export interface CertificateAuthority {
  certPem: string;
  keyPem: string;
  cert: x509.X509Certificate;
  privateKey: CryptoKey;
}

/** A leaf certificate and its private key, both PEM. */
export interface CertificateAndKey {
  certPem: string;
  keyPem: string;
}

export interface ServingCertificateOptions {
  dnsNames: readonly string[];
  ipAddresses: readonly string[];
  /** Default "kube-apiserver", as kubeadm names it. */
  commonName?: string;
  now?: Date;
}

export interface ClientCertificateOptions {
  /** The user name (subject CN). */
  user: string;
  /** The groups (subject O, one attribute each). */
  groups: readonly string[];
  now?: Date;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const CA_VALIDITY_MS = 10 * 365 * DAY_MS;
const LEAF_VALIDITY_MS = 365 * DAY_MS;
const BACKDATE_MS = 5 * 60 * 1000;

const { digitalSignature, keyEncipherment, keyCertSign } = x509.KeyUsageFlags;

function validity(now: Date, lengthMs: number): { notBefore: Date; notAfter: Date } {
  return { notBefore: new Date(now.getTime() - BACKDATE_MS), notAfter: new Date(now.getTime() + lengthMs) };
}

export async function createCertificateAuthority(
  options: { commonName?: string; now?: Date } = {},
): Promise<CertificateAuthority> {
  const keys = await generateKeyPair();
  const cert = await x509.X509CertificateGenerator.createSelfSigned(
    {
      name: [{ CN: [options.commonName ?? 'kubernetes'] }],
      keys,
      signingAlgorithm: EC_SIGNING_ALGORITHM,
      ...validity(options.now ?? new Date(), CA_VALIDITY_MS),
      extensions: [
        new x509.BasicConstraintsExtension(true, undefined, true),
        new x509.KeyUsagesExtension(digitalSignature | keyEncipherment | keyCertSign, true),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey, false, crypto),
      ],
    },
    crypto,
  );
  return {
    certPem: cert.toString('pem'),
    keyPem: await exportPrivateKeyPem(keys.privateKey),
    cert,
    privateKey: keys.privateKey,
  };
}

/** A CA read back from its PEM files. */
export async function loadCertificateAuthority(certPem: string, keyPem: string): Promise<CertificateAuthority> {
  return { certPem, keyPem, cert: new x509.X509Certificate(certPem), privateKey: await importPrivateKeyPem(keyPem) };
}

async function issue(
  ca: CertificateAuthority,
  subject: x509.JsonName,
  usage: x509.ExtendedKeyUsage,
  now: Date,
  extra: x509.Extension[],
): Promise<CertificateAndKey> {
  const keys = await generateKeyPair();
  const cert = await x509.X509CertificateGenerator.create(
    {
      subject,
      issuer: ca.cert.subjectName,
      publicKey: keys.publicKey,
      signingKey: ca.privateKey,
      signingAlgorithm: EC_SIGNING_ALGORITHM,
      ...validity(now, LEAF_VALIDITY_MS),
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(digitalSignature | keyEncipherment, true),
        new x509.ExtendedKeyUsageExtension([usage]),
        await x509.AuthorityKeyIdentifierExtension.create(ca.cert, false, crypto),
        ...extra,
      ],
    },
    crypto,
  );
  return { certPem: cert.toString('pem'), keyPem: await exportPrivateKeyPem(keys.privateKey) };
}

/** The Subject Alternative Name extension listing these DNS names and IP addresses. */
export function subjectAltNames(dnsNames: readonly string[], ipAddresses: readonly string[]) {
  return new x509.SubjectAlternativeNameExtension([
    ...dnsNames.map((value) => ({ type: 'dns' as const, value })),
    ...ipAddresses.map((value) => ({ type: 'ip' as const, value })),
  ]);
}

export async function issueServingCertificate(
  ca: CertificateAuthority,
  options: ServingCertificateOptions,
): Promise<CertificateAndKey> {
  return issue(
    ca,
    [{ CN: [options.commonName ?? 'kube-apiserver'] }],
    x509.ExtendedKeyUsage.serverAuth,
    options.now ?? new Date(),
    [subjectAltNames(options.dnsNames, options.ipAddresses)],
  );
}

export async function issueClientCertificate(
  ca: CertificateAuthority,
  options: ClientCertificateOptions,
): Promise<CertificateAndKey> {
  // Go's pkix.Name writes O before CN; readers accept any order.
  const subject: x509.JsonName = [...options.groups.map((group) => ({ O: [group] })), { CN: [options.user] }];
  return issue(ca, subject, x509.ExtendedKeyUsage.clientAuth, options.now ?? new Date(), []);
}
