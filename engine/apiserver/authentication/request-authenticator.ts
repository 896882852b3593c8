// The API server's authenticator, assembled as kube-apiserver assembles it (pkg/kubeapiserver/authenticator): client
// certificates, then bearer tokens through the configured token authenticators in order (token file, ServiceAccount
// JWTs, bootstrap tokens…), all in one union; system:authenticated added; and anonymous access, if enabled, only
// for requests that presented no credentials at all. A null result or an AuthenticationError means 401.

import type { Authenticator, TokenAuthenticator } from './authenticator.ts';
import { anonymousAuthenticator } from './anonymous.ts';
import { withAuthenticatedGroup } from './authenticated-group.ts';
import { bearerTokenAuthenticator } from './bearer-token.ts';
import { tokenUnion, unionAuthenticator } from './union.ts';
import { x509Authenticator } from './x509-authenticator.ts';

export interface AuthenticationConfig {
  /** Accept client certificates that chain to the cluster CA (the TLS server checks the chain). Default true. */
  clientCertificates?: boolean;
  /** Bearer token authenticators, tried in order. */
  tokenAuthenticators?: readonly TokenAuthenticator[];
  /** --anonymous-auth. Default true, as upstream. */
  anonymous?: boolean;
}

export function newRequestAuthenticator(config: AuthenticationConfig = {}): Authenticator {
  const authenticators: Authenticator[] = [];
  if (config.clientCertificates ?? true) authenticators.push(x509Authenticator());
  const tokens = config.tokenAuthenticators ?? [];
  if (tokens.length > 0) authenticators.push(bearerTokenAuthenticator(tokenUnion(tokens)));
  const authenticated = withAuthenticatedGroup(unionAuthenticator(authenticators));
  if (!(config.anonymous ?? true)) return authenticated;
  return unionAuthenticator([authenticated, anonymousAuthenticator()], { failOnError: true });
}
