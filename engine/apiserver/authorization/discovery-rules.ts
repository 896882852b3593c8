// The non-resource rules every cluster grants through its bootstrap policy: anyone may read /version and the health
// endpoints (system:public-info-viewer), authenticated users may read discovery and OpenAPI (system:discovery).

import type { AuthorizationAttributes, AuthorizationResult, Authorizer } from './authorizer.ts';

const PUBLIC_INFO = ['/healthz', '/livez', '/readyz', '/version', '/version/'];
const DISCOVERY = [
  '/api',
  '/api/*',
  '/apis',
  '/apis/*',
  '/openapi',
  '/openapi/*',
  '/.well-known/openid-configuration',
  '/openid/v1/jwks',
];

function matches(patterns: readonly string[], path: string): boolean {
  return patterns.some((p) => (p.endsWith('*') ? path.startsWith(p.slice(0, -1)) : path === p));
}

export class DiscoveryRulesAuthorizer implements Authorizer {
  authorize(a: AuthorizationAttributes): AuthorizationResult {
    if (a.resourceRequest || a.verb !== 'get') return { decision: 'NoOpinion', reason: '' };
    if (matches(PUBLIC_INFO, a.path)) return { decision: 'Allow', reason: '' };
    if (a.user.groups.includes('system:authenticated') && matches(DISCOVERY, a.path))
      return { decision: 'Allow', reason: '' };
    return { decision: 'NoOpinion', reason: '' };
  }
}
