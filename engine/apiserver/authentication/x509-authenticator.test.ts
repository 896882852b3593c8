// Tests for client certificate authentication: table cases, then real TLS connections to show what Node reports.
import { createHash } from 'node:crypto';
import { createServer, request as httpsRequest } from 'node:https';
import type { Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOrCreatePki } from '../../pki/pki.ts';
import type { Pki } from '../../pki/pki.ts';
import type { UserInfo } from '../registry/resource-definition.ts';
import { AuthenticationError } from './authenticator.ts';
import type { AuthenticationRequest } from './authenticator.ts';
import { x509Authenticator } from './x509-authenticator.ts';

const RAW = new Uint8Array([1, 2, 3]);
const CREDENTIAL = `X509SHA256=${createHash('sha256').update(RAW).digest('hex')}`;

describe('x509Authenticator', () => {
  const authenticator = x509Authenticator();

  it.each<[string, AuthenticationRequest, UserInfo | null]>([
    ['a request without a certificate', { headers: {} }, null],
    [
      'the empty object Node gives when no certificate was sent',
      { headers: {}, peerCertificate: {}, authorized: false },
      null,
    ],
    [
      'a verified certificate with one group',
      { headers: {}, authorized: true, peerCertificate: { subject: { CN: 'kubernetes-admin', O: 'system:masters' } } },
      { username: 'kubernetes-admin', groups: ['system:masters'] },
    ],
    [
      'a verified certificate with several groups',
      { headers: {}, authorized: true, peerCertificate: { subject: { CN: 'jane', O: ['dev', 'qa'] }, raw: RAW } },
      {
        username: 'jane',
        groups: ['dev', 'qa'],
        extra: { 'authentication.kubernetes.io/credential-id': [CREDENTIAL] },
      },
    ],
    [
      'a verified certificate without groups',
      { headers: {}, authorized: true, peerCertificate: { subject: { CN: 'bob' } } },
      { username: 'bob', groups: [] },
    ],
    [
      'a certificate whose subject names two users (the last counts)',
      { headers: {}, authorized: true, peerCertificate: { subject: { CN: ['first', 'second'] } } },
      { username: 'second', groups: [] },
    ],
    [
      'a verified certificate without a common name',
      { headers: {}, authorized: true, peerCertificate: { subject: { O: 'system:masters' } } },
      null,
    ],
    [
      'a verified certificate allowing any usage',
      { headers: {}, authorized: true, peerCertificate: { subject: { CN: 'u' }, ext_key_usage: ['2.5.29.37.0'] } },
      { username: 'u', groups: [] },
    ],
  ])('answers %s', async (_name, request, expected) => {
    expect(await authenticator.authenticate(request)).toEqual(expected);
  });

  it.each<[string, AuthenticationRequest, string]>([
    [
      'a certificate from another CA',
      {
        headers: {},
        authorized: false,
        authorizationError: Object.assign(new Error('unable to verify the first certificate'), {
          code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
        }),
        peerCertificate: { subject: { CN: 'mallory' }, serialNumber: '0A' },
      },
      'verifying certificate SN=10 failed: x509: certificate signed by unknown authority',
    ],
    [
      'an expired certificate',
      {
        headers: {},
        authorized: false,
        authorizationError: 'CERT_HAS_EXPIRED',
        peerCertificate: { subject: { CN: 'old' } },
      },
      'verifying certificate SN=unknown failed: x509: certificate has expired or is not yet valid',
    ],
    [
      'a server certificate used as a client certificate',
      {
        headers: {},
        authorized: true,
        peerCertificate: {
          subject: { CN: 'kube-apiserver' },
          serialNumber: 'FF',
          ext_key_usage: ['1.3.6.1.5.5.7.3.1'],
        },
      },
      'verifying certificate SN=255 failed: x509: certificate specifies an incompatible key usage',
    ],
  ])('rejects %s', async (_name, request, message) => {
    await expect(authenticator.authenticate(request)).rejects.toThrow(new AuthenticationError(message));
  });
});

describe('x509Authenticator over TLS', () => {
  let pki: Pki;
  let other: Pki;
  let server: Server;
  let port: number;
  const authenticator = x509Authenticator();

  beforeAll(async () => {
    [pki, other] = await Promise.all([loadOrCreatePki(), loadOrCreatePki()]);
    server = createServer(
      {
        key: pki.serving.keyPem,
        cert: pki.serving.certPem,
        ca: pki.ca.certPem,
        requestCert: true,
        rejectUnauthorized: false,
      },
      (req, res) => {
        const socket = req.socket as TLSSocket;
        const request: AuthenticationRequest = {
          headers: req.headers,
          peerCertificate: socket.getPeerCertificate(),
          authorized: socket.authorized,
          authorizationError: socket.authorizationError,
        };
        authenticator.authenticate(request).then(
          (user) => res.end(JSON.stringify({ user })),
          (error: Error) => res.end(JSON.stringify({ error: error.message })),
        );
      },
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  function call(client?: { certPem: string; keyPem: string }): Promise<{ user?: UserInfo | null; error?: string }> {
    return new Promise((resolve, reject) => {
      const req = httpsRequest(
        { host: '127.0.0.1', port, path: '/', ca: pki.ca.certPem, cert: client?.certPem, key: client?.keyPem },
        (res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => (body += chunk.toString()));
          res.on('end', () => resolve(JSON.parse(body) as { user?: UserInfo | null; error?: string }));
        },
      );
      req.on('error', reject);
      req.end();
    });
  }

  it('finds the user and all groups of a certificate from the cluster CA', async () => {
    const client = await pki.issueClientCertificate('jane', ['dev', 'qa', 'system:masters']);
    const { user } = await call(client);
    expect(user?.username).toBe('jane');
    expect(user?.groups).toEqual(['dev', 'qa', 'system:masters']);
    expect(user?.extra?.['authentication.kubernetes.io/credential-id']?.[0]).toMatch(/^X509SHA256=[0-9a-f]{64}$/);
  });

  it('finds no credentials in a connection without a certificate', async () => {
    expect(await call()).toEqual({ user: null });
  });

  it('rejects a certificate from another CA', async () => {
    const { error } = await call(other.admin);
    expect(error).toMatch(/^verifying certificate SN=\d+ failed: x509: certificate signed by unknown authority$/);
  });

  it('rejects the serving certificate presented as a client certificate', async () => {
    const { error } = await call(pki.serving);
    expect(error).toMatch(
      /^verifying certificate SN=\d+ failed: x509: certificate specifies an incompatible key usage$/,
    );
  });
});
