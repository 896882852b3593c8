// The rules every cluster grants through its bootstrap RBAC policy to everyone and to every authenticated user:
// reading /version and the health endpoints (system:public-info-viewer), reading discovery and OpenAPI
// (system:discovery), and asking about oneself — access reviews, rules reviews, whoami (system:basic-user).

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
const SELF_REVIEWS = new Set([
  'authorization.k8s.io/selfsubjectaccessreviews',
  'authorization.k8s.io/selfsubjectrulesreviews',
  'authentication.k8s.io/selfsubjectreviews',
]);

const ALLOW: AuthorizationResult = { decision: 'Allow', reason: '' };
const NO_OPINION: AuthorizationResult = { decision: 'NoOpinion', reason: '' };

function matches(patterns: readonly string[], path: string): boolean {
  return patterns.some((p) => (p.endsWith('*') ? path.startsWith(p.slice(0, -1)) : path === p));
}

export class BootstrapRulesAuthorizer implements Authorizer {
  authorize(a: AuthorizationAttributes): AuthorizationResult {
    const authenticated = a.user.groups.includes('system:authenticated');
    if (a.resourceRequest) {
      return authenticated && a.verb === 'create' && SELF_REVIEWS.has(`${a.apiGroup}/${a.resource}`)
        ? ALLOW
        : NO_OPINION;
    }
    if (a.verb !== 'get') return NO_OPINION;
    if (matches(PUBLIC_INFO, a.path)) return ALLOW;
    if (authenticated && matches(DISCOVERY, a.path)) return ALLOW;
    return NO_OPINION;
  }
}
