// The `continue` token of a paginated list, as kube-apiserver encodes it: base64url of {"v","rv","start"} where
// rv is the revision the first page was read at and start the next key relative to the list's key prefix.

import { badRequest } from '../../errors/status-error.ts';

interface ContinueToken {
  v: string;
  rv: number;
  start: string;
}

const TOKEN_VERSION = 'meta.k8s.io/v1';

export function encodeContinue(nextKey: string, keyPrefix: string, revision: number): string {
  const token: ContinueToken = { v: TOKEN_VERSION, rv: revision, start: nextKey.slice(keyPrefix.length) };
  return Buffer.from(JSON.stringify(token)).toString('base64url');
}

/** Decodes a token into the revision and the absolute key to continue from; a bad token is a 400. */
export function decodeContinue(token: string, keyPrefix: string): { revision: number; startKey: string } {
  let parsed: Partial<ContinueToken>;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Partial<ContinueToken>;
  } catch {
    throw badRequest('continue key is not valid: illegal base64 data or invalid JSON');
  }
  if (parsed.v !== TOKEN_VERSION) {
    throw badRequest(`continue key is not valid: incorrect encoded start resourceVersion (version ${TOKEN_VERSION})`);
  }
  if (typeof parsed.rv !== 'number' || parsed.rv <= 0 || typeof parsed.start !== 'string') {
    throw badRequest('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
  }
  if (parsed.start.includes('..') || parsed.start.startsWith('/')) {
    throw badRequest('continue key is not valid: key must not contain path traversal');
  }
  return { revision: parsed.rv, startKey: keyPrefix + parsed.start };
}
