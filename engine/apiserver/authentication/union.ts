// Chains of authenticators (k8s.io/apiserver/pkg/authentication/request/union and token/union). A union tries each
// in turn and the first user found wins; errors are collected and reported only when nobody was found. With
// failOnError the first error ends the chain instead: kube-apiserver puts anonymous access behind such a union, so a
// bad credential is never mistaken for no credential.

import { AuthenticationError, aggregateErrors } from './authenticator.ts';
import type { AuthenticationRequest, Authenticator, TokenAuthenticator } from './authenticator.ts';
import type { UserInfo } from '../registry/resource-definition.ts';

async function firstUser<T>(
  members: readonly T[],
  attempt: (member: T) => Promise<UserInfo | null>,
  failOnError: boolean,
): Promise<UserInfo | null> {
  const errors: AuthenticationError[] = [];
  for (const member of members) {
    try {
      const user = await attempt(member);
      if (user) return user;
    } catch (error) {
      if (failOnError || !(error instanceof AuthenticationError)) throw error;
      errors.push(error);
    }
  }
  const failure = aggregateErrors(errors);
  if (failure) throw failure;
  return null;
}

export function unionAuthenticator(
  authenticators: readonly Authenticator[],
  options: { failOnError?: boolean } = {},
): Authenticator {
  return {
    authenticate: (request: AuthenticationRequest) =>
      firstUser(authenticators, (a) => a.authenticate(request), options.failOnError ?? false),
  };
}

export function tokenUnion(authenticators: readonly TokenAuthenticator[]): TokenAuthenticator {
  return {
    authenticateToken: (token: string) => firstUser(authenticators, (a) => a.authenticateToken(token), false),
  };
}
