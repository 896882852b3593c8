// Resources the API server computes instead of storing: access reviews (`kubectl auth can-i`), the caller's own
// identity (`kubectl auth whoami`), token reviews, and the rules review. Each is a create that answers with the
// request object and its status filled in (201), exactly like kube-apiserver.

import { isPlainObject } from '../api/object.ts';
import type { KubeObject } from '../api/object.ts';
import { builtinSchemas } from '../api/schemas.ts';
import type { Authenticator } from '../apiserver/authentication/authenticator.ts';
import type { AuthorizationAttributes, Authorizer } from '../apiserver/authorization/authorizer.ts';
import { SYSTEM_MASTERS } from '../apiserver/authorization/authorizer.ts';
import { parseBody } from '../apiserver/endpoints/decode/parse-body.ts';
import { decodeObject } from '../apiserver/endpoints/handlers/decode-object.ts';
import { fieldValidation } from '../apiserver/endpoints/handlers/handler-context.ts';
import { badRequest } from '../apiserver/errors/status-error.ts';
import type { ResourceDefinition, UserInfo } from '../apiserver/registry/resource-definition.ts';
import type { ResourceRequest, ServedResource } from '../apiserver/registry/served-resource.ts';
import type { ApiResponse } from '../apiserver/endpoints/api-request.ts';

export interface VirtualResourceDeps {
  authenticator: Authenticator;
  authorizer: Authorizer;
}

function definition(group: string, kind: string, resource: string, namespaced = false): ResourceDefinition {
  return {
    group,
    version: 'v1',
    kind,
    listKind: `${kind}List`,
    resource,
    singular: kind.toLowerCase(),
    namespaced,
    verbs: ['create'],
    schema: `io.k8s.api.${group.split('.')[0]}.v1.${kind}`,
    strategy: {},
  };
}

type Compute = (body: KubeObject, request: ResourceRequest) => Promise<Record<string, unknown>>;

function virtual(def: ResourceDefinition, compute: Compute): ServedResource {
  return {
    definition: def,
    verbs: {
      create: async (request): Promise<ApiResponse> => {
        const raw = request.req.object ?? parseBody(request.req.body, request.req.headers['content-type']);
        const warnings: string[] = [];
        const body = decodeObject(raw, def, builtinSchemas, fieldValidation(request.req.query), warnings);
        const status = await compute(body, request);
        const metadata = { ...body.metadata, creationTimestamp: null };
        if (def.namespaced) metadata.namespace = request.info.namespace;
        return { kind: 'object', status: 201, body: { ...body, metadata, status } };
      },
    },
  };
}

function userInfoJson(user: UserInfo): Record<string, unknown> {
  const out: Record<string, unknown> = { username: user.username, groups: user.groups };
  if (user.uid) out['uid'] = user.uid;
  if (user.extra && Object.keys(user.extra).length) out['extra'] = user.extra;
  return out;
}

function attributesOf(
  spec: Record<string, unknown>,
  user: UserInfo,
  namespaceOverride?: string,
): AuthorizationAttributes {
  const resource = spec['resourceAttributes'];
  const nonResource = spec['nonResourceAttributes'];
  if (isPlainObject(resource)) {
    const str = (k: string) => (typeof resource[k] === 'string' ? (resource[k] as string) : '');
    return {
      user,
      verb: str('verb'),
      resourceRequest: true,
      namespace: namespaceOverride ?? str('namespace'),
      apiGroup: str('group'),
      apiVersion: str('version'),
      resource: str('resource'),
      subresource: str('subresource'),
      name: str('name'),
      path: '',
    };
  }
  if (isPlainObject(nonResource)) {
    return {
      user,
      verb: String(nonResource['verb'] ?? ''),
      resourceRequest: false,
      namespace: '',
      apiGroup: '',
      apiVersion: '',
      resource: '',
      subresource: '',
      name: '',
      path: String(nonResource['path'] ?? ''),
    };
  }
  throw badRequest('spec: Invalid value: exactly one of nonResourceAttributes or resourceAttributes must be specified');
}

async function review(authorizer: Authorizer, attributes: AuthorizationAttributes): Promise<Record<string, unknown>> {
  const result = await authorizer.authorize(attributes);
  const status: Record<string, unknown> = { allowed: result.decision === 'Allow' };
  if (result.decision === 'Deny') status['denied'] = true;
  if (result.reason) status['reason'] = result.reason;
  return status;
}

function specOf(body: KubeObject): Record<string, unknown> {
  return isPlainObject(body['spec']) ? body['spec'] : {};
}

export function virtualResources(deps: VirtualResourceDeps): ServedResource[] {
  const { authorizer, authenticator } = deps;
  return [
    virtual(definition('authentication.k8s.io', 'SelfSubjectReview', 'selfsubjectreviews'), async (_body, request) => ({
      userInfo: userInfoJson(request.user),
    })),
    virtual(definition('authentication.k8s.io', 'TokenReview', 'tokenreviews'), async (body) => {
      const token = specOf(body)['token'];
      if (typeof token !== 'string' || token === '') throw badRequest('spec.token: Required value');
      try {
        const user = await authenticator.authenticate({ headers: { authorization: `Bearer ${token}` } });
        return user
          ? {
              authenticated: true,
              user: userInfoJson(user),
              audiences: ['https://kubernetes.default.svc.cluster.local'],
            }
          : { user: {} };
      } catch (error) {
        return { user: {}, error: error instanceof Error ? error.message : String(error) };
      }
    }),
    virtual(
      definition('authorization.k8s.io', 'SelfSubjectAccessReview', 'selfsubjectaccessreviews'),
      async (body, request) => review(authorizer, attributesOf(specOf(body), request.user)),
    ),
    virtual(definition('authorization.k8s.io', 'SubjectAccessReview', 'subjectaccessreviews'), async (body) => {
      const spec = specOf(body);
      const user: UserInfo = {
        username: String(spec['user'] ?? ''),
        uid: typeof spec['uid'] === 'string' ? spec['uid'] : undefined,
        groups: Array.isArray(spec['groups']) ? spec['groups'].map(String) : [],
      };
      return review(authorizer, attributesOf(spec, user));
    }),
    virtual(
      definition('authorization.k8s.io', 'LocalSubjectAccessReview', 'localsubjectaccessreviews', true),
      async (body, request) => {
        const spec = specOf(body);
        const user: UserInfo = {
          username: String(spec['user'] ?? ''),
          groups: Array.isArray(spec['groups']) ? spec['groups'].map(String) : [],
        };
        return review(authorizer, attributesOf(spec, user, request.info.namespace));
      },
    ),
    virtual(
      definition('authorization.k8s.io', 'SelfSubjectRulesReview', 'selfsubjectrulesreviews'),
      async (_body, request) => {
        const all = request.user.groups.includes(SYSTEM_MASTERS);
        return {
          resourceRules: all ? [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }] : [],
          nonResourceRules: all ? [{ verbs: ['*'], nonResourceURLs: ['*'] }] : [],
          incomplete: false,
        };
      },
    ),
  ];
}
