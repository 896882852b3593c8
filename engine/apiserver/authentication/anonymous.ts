// Anonymous access (k8s.io/apiserver/pkg/authentication/request/anonymous): a request without credentials is
// system:anonymous in group system:unauthenticated, when --anonymous-auth is on (upstream's default).

import type { Authenticator } from './authenticator.ts';
import { ALL_UNAUTHENTICATED, ANONYMOUS_USER } from './well-known-users.ts';

export function anonymousAuthenticator(): Authenticator {
  return {
    async authenticate() {
      return { username: ANONYMOUS_USER, groups: [ALL_UNAUTHENTICATED] };
    },
  };
}
