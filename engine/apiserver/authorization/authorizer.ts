// Authorization: after authentication, each request is checked by a chain of authorizers; the first that allows or
// denies decides (k8s.io/apiserver/pkg/authorization/union). Members of system:masters may do everything; RBAC and
// the Node authorizer join the chain as further Authorizers.

import type { UserInfo } from '../registry/resource-definition.ts';

export interface AuthorizationAttributes {
  user: UserInfo;
  verb: string;
  resourceRequest: boolean;
  namespace: string;
  apiGroup: string;
  apiVersion: string;
  resource: string;
  subresource: string;
  name: string;
  /** For non-resource requests: the URL path. */
  path: string;
}

export type Decision = 'Allow' | 'Deny' | 'NoOpinion';

export interface AuthorizationResult {
  decision: Decision;
  /** Why, in words that end up in a Forbidden message or a SubjectAccessReview. */
  reason: string;
}

export interface Authorizer {
  authorize(attributes: AuthorizationAttributes): Promise<AuthorizationResult> | AuthorizationResult;
}

export const SYSTEM_MASTERS = 'system:masters';

/** Allows everything for members of privileged groups (system:masters), has no opinion otherwise. */
export class PrivilegedGroupAuthorizer implements Authorizer {
  constructor(private readonly groups: readonly string[] = [SYSTEM_MASTERS]) {}

  authorize(attributes: AuthorizationAttributes): AuthorizationResult {
    const privileged = attributes.user.groups.some((g) => this.groups.includes(g));
    return privileged ? { decision: 'Allow', reason: '' } : { decision: 'NoOpinion', reason: '' };
  }
}

/** Asks each authorizer in turn; the first decision that is not NoOpinion wins. */
export class UnionAuthorizer implements Authorizer {
  constructor(private readonly authorizers: Authorizer[]) {}

  async authorize(attributes: AuthorizationAttributes): Promise<AuthorizationResult> {
    const reasons: string[] = [];
    for (const authorizer of this.authorizers) {
      const result = await authorizer.authorize(attributes);
      if (result.decision !== 'NoOpinion') return result;
      if (result.reason) reasons.push(result.reason);
    }
    return { decision: 'NoOpinion', reason: reasons.join(', ') };
  }
}

/** The Forbidden message kube-apiserver writes for a refused request. */
export function forbiddenMessage(a: AuthorizationAttributes): string {
  const who = `User ${JSON.stringify(a.user.username)}`;
  if (!a.resourceRequest) return `${who} cannot ${a.verb} path ${JSON.stringify(a.path)}`;
  const resource = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  const scope = a.namespace ? `in the namespace ${JSON.stringify(a.namespace)}` : 'at the cluster scope';
  return `${who} cannot ${a.verb} resource ${JSON.stringify(resource)} in API group ${JSON.stringify(a.apiGroup)} ${scope}`;
}
