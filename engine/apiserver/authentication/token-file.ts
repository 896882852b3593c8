// Static bearer tokens (kube-apiserver's --token-auth-file, k8s.io/apiserver/pkg/authentication/token/tokenfile):
// a CSV file of `token,user,uid[,"group1,group2"]`. A token the file does not list is unknown (null), which the
// bearer token authenticator turns into "invalid bearer token".

import { readFile } from 'node:fs/promises';
import type { UserInfo } from '../registry/resource-definition.ts';
import type { TokenAuthenticator } from './authenticator.ts';
import { parseCsv } from './csv.ts';

export function staticTokenAuthenticator(tokens: ReadonlyMap<string, UserInfo>): TokenAuthenticator {
  return {
    async authenticateToken(token) {
      return tokens.get(token) ?? null;
    },
  };
}

/** Reads a token file's contents as tokenfile.NewCSV does; `path` only names the file in errors. */
export function parseTokenFile(contents: string, path: string): Map<string, UserInfo> {
  const tokens = new Map<string, UserInfo>();
  for (const record of parseCsv(contents)) {
    if (record.length < 3) {
      throw new Error(
        `token file '${path}' must have at least 3 columns (token, user name, user uid), found ${record.length}`,
      );
    }
    const [token = '', username = '', uid = '', groups] = record;
    if (token === '') continue;
    // Like upstream, a present but empty groups column means one group named "".
    const user: UserInfo = { username, groups: groups === undefined ? [] : groups.split(',') };
    if (uid !== '') user.uid = uid;
    tokens.set(token, user);
  }
  return tokens;
}

export async function loadTokenFile(path: string): Promise<TokenAuthenticator> {
  return staticTokenAuthenticator(parseTokenFile(await readFile(path, 'utf8'), path));
}
