// Client certificate authentication (k8s.io/apiserver/pkg/authentication/request/x509 with CommonNameUserConversion):
// a certificate that chains to the cluster CA names the user in its subject CN and the groups in its O attributes.
// The chain is verified by the TLS layer (the socket's `authorized` flag, Node checking against the cluster CA as
// kube-apiserver's --client-ca-file does); this checks the outcome and the client-auth key usage, as upstream does.

import { createHash } from 'node:crypto';
import type { UserInfo } from '../registry/resource-definition.ts';
import { AuthenticationError } from './authenticator.ts';
import type { AuthenticationRequest, Authenticator, ClientCertificate } from './authenticator.ts';
import { CREDENTIAL_ID_KEY } from './well-known-users.ts';

const CLIENT_AUTH = '1.3.6.1.5.5.7.3.2';
const ANY_EXTENDED_KEY_USAGE = '2.5.29.37.0';

/** Go's wording of the verification failures Node reports as OpenSSL codes. */
const UNKNOWN_AUTHORITY = 'x509: certificate signed by unknown authority';
const EXPIRED = 'x509: certificate has expired or is not yet valid';
const INCOMPATIBLE_USAGE = 'x509: certificate specifies an incompatible key usage';
const VERIFY_ERRORS = new Map([
  ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', UNKNOWN_AUTHORITY],
  ['UNABLE_TO_GET_ISSUER_CERT', UNKNOWN_AUTHORITY],
  ['UNABLE_TO_GET_ISSUER_CERT_LOCALLY', UNKNOWN_AUTHORITY],
  ['DEPTH_ZERO_SELF_SIGNED_CERT', UNKNOWN_AUTHORITY],
  ['SELF_SIGNED_CERT_IN_CHAIN', UNKNOWN_AUTHORITY],
  ['CERT_SIGNATURE_FAILURE', UNKNOWN_AUTHORITY],
  ['CERT_HAS_EXPIRED', EXPIRED],
  ['CERT_NOT_YET_VALID', EXPIRED],
  ['INVALID_PURPOSE', INCOMPATIBLE_USAGE],
]);

const values = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

function hasCertificate(cert: ClientCertificate | undefined): cert is ClientCertificate {
  return cert !== undefined && (cert.raw !== undefined || cert.subject !== undefined);
}

/** `SN=<decimal serial>`, the way upstream identifies a certificate in its errors. */
function identifier(cert: ClientCertificate): string {
  const hex = cert.serialNumber?.replace(/:/g, '');
  return hex && /^[0-9A-Fa-f]+$/.test(hex) ? `SN=${BigInt(`0x${hex}`)}` : 'SN=unknown';
}

function verificationProblem(request: AuthenticationRequest, cert: ClientCertificate): string | undefined {
  if (!request.authorized) {
    const error = request.authorizationError;
    const code = typeof error === 'string' ? error : ((error as NodeJS.ErrnoException | null)?.code ?? error?.message);
    if (code === undefined) return UNKNOWN_AUTHORITY;
    return VERIFY_ERRORS.get(code) ?? `x509: ${code}`;
  }
  const usages = cert.ext_key_usage ?? [];
  if (usages.length > 0 && !usages.includes(CLIENT_AUTH) && !usages.includes(ANY_EXTENDED_KEY_USAGE)) {
    return INCOMPATIBLE_USAGE;
  }
  return undefined;
}

/** Fingerprints by certificate object: a connection presents the same certificate object on every request. */
const fingerprints = new WeakMap<ClientCertificate, string>();

function fingerprintOf(cert: ClientCertificate, raw: Uint8Array): string {
  let fingerprint = fingerprints.get(cert);
  if (!fingerprint) {
    fingerprint = createHash('sha256').update(raw).digest('hex');
    fingerprints.set(cert, fingerprint);
  }
  return fingerprint;
}

export function x509Authenticator(): Authenticator {
  return {
    async authenticate(request): Promise<UserInfo | null> {
      const cert = request.peerCertificate;
      if (!hasCertificate(cert)) return null;
      const problem = verificationProblem(request, cert);
      if (problem) throw new AuthenticationError(`verifying certificate ${identifier(cert)} failed: ${problem}`);
      // Go keeps the last CN of a subject; a certificate without one identifies nobody.
      const username = values(cert.subject?.CN).at(-1) ?? '';
      if (username === '') return null;
      const user: UserInfo = { username, groups: values(cert.subject?.O) };
      if (cert.raw) user.extra = { [CREDENTIAL_ID_KEY]: [`X509SHA256=${fingerprintOf(cert, cert.raw)}`] };
      return user;
    },
  };
}
