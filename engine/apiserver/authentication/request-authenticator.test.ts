// Tests for the API server's authenticator chain, as kube-apiserver assembles it.
import { describe, expect, it } from 'vitest';
import type { UserInfo } from '../registry/resource-definition.ts';
import { AuthenticationError } from './authenticator.ts';
import type { AuthenticationRequest } from './authenticator.ts';
import { newRequestAuthenticator } from './request-authenticator.ts';
import type { AuthenticationConfig } from './request-authenticator.ts';
import { staticTokenAuthenticator } from './token-file.ts';

const tokens = staticTokenAuthenticator(new Map([['good', { username: 'alice', uid: '1', groups: ['dev'] }]]));

const ADMIN_CERT = { subject: { CN: 'kubernetes-admin', O: 'system:masters' } };
const withCert = (authorized: boolean, headers: AuthenticationRequest['headers'] = {}): AuthenticationRequest => ({
  headers,
  peerCertificate: ADMIN_CERT,
  authorized,
  authorizationError: authorized ? null : 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
});
const bearer = (token: string): AuthenticationRequest => ({ headers: { authorization: `Bearer ${token}` } });

const ADMIN: UserInfo = { username: 'kubernetes-admin', groups: ['system:masters', 'system:authenticated'] };
const ALICE: UserInfo = { username: 'alice', uid: '1', groups: ['dev', 'system:authenticated'] };
const ANONYMOUS: UserInfo = { username: 'system:anonymous', groups: ['system:unauthenticated'] };

describe('newRequestAuthenticator', () => {
  const standard: AuthenticationConfig = { tokenAuthenticators: [tokens] };
  const closed: AuthenticationConfig = { tokenAuthenticators: [tokens], anonymous: false };

  it.each<[string, AuthenticationConfig, AuthenticationRequest, UserInfo | null | RegExp]>([
    ['a trusted client certificate', standard, withCert(true), ADMIN],
    ['a known bearer token', standard, bearer('good'), ALICE],
    ['a trusted certificate even with a bad token', standard, withCert(true, { authorization: 'Bearer bad' }), ADMIN],
    [
      'a known token even with an untrusted certificate',
      standard,
      withCert(false, { authorization: 'Bearer good' }),
      ALICE,
    ],
    ['no credentials, anonymously', standard, { headers: {} }, ANONYMOUS],
    ['no credentials, with anonymous access off', closed, { headers: {} }, null],
    ['an unknown token, even with anonymous access on', standard, bearer('bad'), /^invalid bearer token$/],
    [
      'an untrusted certificate, even with anonymous access on',
      standard,
      withCert(false),
      /^verifying certificate SN=unknown failed: x509: certificate signed by unknown authority$/,
    ],
    [
      'an untrusted certificate and an unknown token together',
      closed,
      withCert(false, { authorization: 'Bearer bad' }),
      /^\[verifying certificate SN=unknown failed: x509: certificate signed by unknown authority, invalid bearer token\]$/,
    ],
    ['a bearer token when no token authenticator is configured', {}, bearer('good'), ANONYMOUS],
    ['a certificate when client certificates are off', { clientCertificates: false }, withCert(true), ANONYMOUS],
  ])('answers %s', async (_name, config, request, expected) => {
    const result = newRequestAuthenticator(config).authenticate(request);
    if (expected instanceof RegExp) {
      await expect(result).rejects.toThrow(AuthenticationError);
      await expect(result).rejects.toThrow(expected);
    } else {
      expect(await result).toEqual(expected);
    }
  });
});
