// The authentication contract (k8s.io/apiserver/pkg/authentication/authenticator): a request authenticator answers
// with the user the request's credentials prove, with null when the request carries no credentials of its kind, or
// throws AuthenticationError when it carries such credentials and they are not valid. Token authenticators (a token
// file, ServiceAccount JWTs, bootstrap tokens) plug in behind the bearer token authenticator. Either outcome other
// than a user becomes upstream's bare 401 (errors/status-error.ts `unauthorized()`).

import type { UserInfo } from '../registry/resource-definition.ts';

/** What authentication needs of a TLS client certificate; Node's tls.PeerCertificate fits. */
export interface ClientCertificate {
  subject?: { CN?: string | string[]; O?: string | string[] };
  /** DER bytes, for the credential ID. */
  raw?: Uint8Array;
  /** Hex, as Node gives it. */
  serialNumber?: string;
  /** Extended key usage OIDs; absent or empty means any usage. */
  ext_key_usage?: string[];
}

export interface AuthenticationRequest {
  /** Header names in lower case, as Node gives them. */
  headers: Record<string, string | string[] | undefined>;
  /** The client certificate of the TLS connection, if one was sent (Node gives `{}` when none was). */
  peerCertificate?: ClientCertificate;
  /** Whether the TLS layer verified the certificate against the cluster CA (tls.TLSSocket.authorized). */
  authorized?: boolean;
  /** Why it did not (tls.TLSSocket.authorizationError). */
  authorizationError?: Error | string | null;
}

export interface Authenticator {
  authenticate(request: AuthenticationRequest): Promise<UserInfo | null>;
}

/** Resolves a bearer token to a user: null for a token it does not know, an exception for one it rejects. */
export interface TokenAuthenticator {
  authenticateToken(token: string): Promise<UserInfo | null>;
}

/** Credentials were presented and are not valid. The message is for logs and the lab trace, not the client. */
export class AuthenticationError extends Error {
  override name = 'AuthenticationError';
}

/** utilerrors.NewAggregate: one error as is, several as `[a, b]` with duplicates dropped; undefined for none. */
export function aggregateErrors(errors: readonly AuthenticationError[]): AuthenticationError | undefined {
  const messages = [...new Set(errors.map((e) => e.message))];
  if (messages.length === 0) return undefined;
  return messages.length === 1 ? errors[0] : new AuthenticationError(`[${messages.join(', ')}]`);
}
