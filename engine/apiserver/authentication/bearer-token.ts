// Bearer token authentication (k8s.io/apiserver/pkg/authentication/request/bearertoken): `Authorization: Bearer <t>`
// is handed to a token authenticator. No header, another scheme or an empty token means no credentials; a token
// no token authenticator knows is "invalid bearer token", which fails the request even when anonymous access is on.

import { AuthenticationError } from './authenticator.ts';
import type { Authenticator, TokenAuthenticator } from './authenticator.ts';

/** Go's strings.SplitN(s, sep, n). */
function splitN(s: string, sep: string, n: number): string[] {
  const parts = s.split(sep);
  return parts.length <= n ? parts : [...parts.slice(0, n - 1), parts.slice(n - 1).join(sep)];
}

export function bearerTokenAuthenticator(tokens: TokenAuthenticator): Authenticator {
  return {
    async authenticate(request) {
      const header = request.headers.authorization;
      const auth = (Array.isArray(header) ? header[0] : header)?.trim() ?? '';
      if (auth === '') return null;
      const [scheme = '', token = ''] = splitN(auth, ' ', 3);
      // "Bearer  token" (two spaces) leaves an empty token: upstream ignores the header then, with a warning.
      if (scheme.toLowerCase() !== 'bearer' || token === '') return null;
      const user = await tokens.authenticateToken(token);
      if (!user) throw new AuthenticationError('invalid bearer token');
      return user;
    },
  };
}
