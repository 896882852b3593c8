// What a proxy request names, as k8s.io/apimachinery's SplitSchemeNamePort reads `[scheme:]name[:port]`, and the
// path it asks for behind `/proxy` — kept as sent, with its trailing slash (JoinPreservingTrailingSlash).

import { badRequest } from '../errors/status-error.ts';

export interface SchemeNamePort {
  scheme: string;
  name: string;
  port: string;
}

const VALID_SCHEMES = new Set(['', 'http', 'https']);

/** `name`, `name:port` or `scheme:name:port`; throws BadRequest "invalid <kind> request" otherwise. */
export function splitSchemeNamePort(id: string, kind: 'pod' | 'service'): SchemeNamePort {
  const parts = id.split(':');
  let result: SchemeNamePort | undefined;
  if (parts.length === 1) result = { scheme: '', name: parts[0]!, port: '' };
  else if (parts.length === 2) result = { scheme: '', name: parts[0]!, port: parts[1]! };
  else if (parts.length === 3) result = { scheme: parts[0]!, name: parts[1]!, port: parts[2]! };
  if (!result || result.name === '' || !VALID_SCHEMES.has(result.scheme)) {
    throw badRequest(`invalid ${kind} request ${JSON.stringify(id)}`);
  }
  return result;
}

/**
 * The path behind `…/<name>/proxy` in a request path, as sent ('' when nothing follows `proxy`), or undefined when
 * the path has no such part.
 */
export function proxyPath(requestPath: string): string | undefined {
  const match = /^\/api\/v1\/namespaces\/[^/]+\/[^/]+\/[^/]+\/proxy(\/.*)?$/.exec(requestPath);
  if (!match) return undefined;
  return match[1] ?? '';
}
