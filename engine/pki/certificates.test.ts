// Tests for the cluster certificates: what a Go client and kube-apiserver check in them.
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCertificateAuthority, issueClientCertificate, issueServingCertificate } from './certificates.ts';
import type { CertificateAuthority } from './certificates.ts';

const NOW = new Date('2025-06-01T12:00:00Z');
const DAY = 24 * 60 * 60 * 1000;

describe('certificates', () => {
  let ca: CertificateAuthority;
  let caCert: X509Certificate;

  beforeAll(async () => {
    ca = await createCertificateAuthority({ now: NOW });
    caCert = new X509Certificate(ca.certPem);
  });

  it('makes a self-signed CA named kubernetes, valid ten years from five minutes ago', () => {
    expect(caCert.subject).toBe('CN=kubernetes');
    expect(caCert.issuer).toBe('CN=kubernetes');
    expect(caCert.ca).toBe(true);
    expect(caCert.checkIssued(caCert)).toBe(true);
    expect(caCert.verify(caCert.publicKey)).toBe(true);
    expect(new Date(caCert.validFrom).getTime()).toBe(NOW.getTime() - 5 * 60 * 1000);
    expect(new Date(caCert.validTo).getTime()).toBe(NOW.getTime() + 3650 * DAY);
  });

  it('issues a serving certificate for server auth with the requested SANs', async () => {
    const serving = await issueServingCertificate(ca, {
      dnsNames: ['kubernetes.default.svc', 'localhost'],
      ipAddresses: ['127.0.0.1', '::1', '10.96.0.1'],
      now: NOW,
    });
    const cert = new X509Certificate(serving.certPem);
    expect(cert.subject).toBe('CN=kube-apiserver');
    expect(cert.ca).toBe(false);
    expect(cert.checkIssued(caCert)).toBe(true);
    expect(cert.verify(caCert.publicKey)).toBe(true);
    expect(cert.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1']);
    expect(cert.checkHost('kubernetes.default.svc')).toBe('kubernetes.default.svc');
    expect(cert.checkHost('example.com')).toBeUndefined();
    for (const ip of ['127.0.0.1', '::1', '10.96.0.1']) expect(cert.checkIP(ip)).toBe(ip);
    expect(new Date(cert.validTo).getTime()).toBe(NOW.getTime() + 365 * DAY);
    expect(cert.checkPrivateKey(createPrivateKey(serving.keyPem))).toBe(true);
  });

  it.each([
    ['kubernetes-admin', ['system:masters'], 'O=system:masters\nCN=kubernetes-admin'],
    ['system:node:node-1', ['system:nodes'], 'O=system:nodes\nCN=system:node:node-1'],
    ['jane', ['dev', 'qa'], 'O=dev\nO=qa\nCN=jane'],
    ['nobody', [], 'CN=nobody'],
  ])('issues %s a client certificate in groups %j', async (user, groups, subject) => {
    const client = await issueClientCertificate(ca, { user, groups, now: NOW });
    const cert = new X509Certificate(client.certPem);
    expect(cert.subject).toBe(subject);
    expect(cert.keyUsage).toEqual(['1.3.6.1.5.5.7.3.2']);
    expect(cert.checkIssued(caCert)).toBe(true);
    expect(cert.verify(caCert.publicKey)).toBe(true);
  });

  it('gives every certificate its own serial number', async () => {
    const serials = await Promise.all(
      Array.from({ length: 5 }, async () => {
        const client = await issueClientCertificate(ca, { user: 'u', groups: [] });
        return new X509Certificate(client.certPem).serialNumber;
      }),
    );
    expect(new Set(serials).size).toBe(5);
  });
});
