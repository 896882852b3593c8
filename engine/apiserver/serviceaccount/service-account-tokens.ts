// ServiceAccount tokens (pkg/serviceaccount): issuing a signed token for a ServiceAccount through its `token`
// sub-resource (TokenRequest, what `kubectl create token` calls), and authenticating requests that carry one —
// valid signature, not expired, meant for this API server, and the ServiceAccount (and any bound object) still there.

import { randomUUID } from 'node:crypto';
import type { KubeObject } from '../../api/object.ts';
import { isPlainObject } from '../../api/object.ts';
import { rfc3339 } from '../../api/json.ts';
import { builtinSchemas } from '../../api/schemas.ts';
import type { Clock } from '../../lab/clock.ts';
import { AuthenticationError } from '../authentication/authenticator.ts';
import type { TokenAuthenticator } from '../authentication/authenticator.ts';
import { CREDENTIAL_ID_KEY } from '../authentication/well-known-users.ts';
import type { ApiResponse } from '../endpoints/api-request.ts';
import { parseBody } from '../endpoints/decode/parse-body.ts';
import { decodeObject } from '../endpoints/handlers/decode-object.ts';
import type { HandlerContext } from '../endpoints/handlers/handler-context.ts';
import { fieldValidation, requestScope } from '../endpoints/handlers/handler-context.ts';
import { FieldPath, invalidValue, notSupported } from '../errors/field-error.ts';
import { invalid } from '../errors/status-error.ts';
import type { ResourceStore } from '../registry/generic/resource-store.ts';
import type { ResourceHandler } from '../registry/served-resource.ts';
import type { UserInfo } from '../registry/resource-definition.ts';
import type { JwtClaims, JwtSigner } from './jwt.ts';
import { looksLikeJwt } from './jwt.ts';

export const API_AUDIENCE = 'https://kubernetes.default.svc.cluster.local';
export const ISSUER = 'https://kubernetes.default.svc.cluster.local';
const DEFAULT_EXPIRATION_SECONDS = 3600;
const MIN_EXPIRATION_SECONDS = 600;
const TOKEN_REQUEST = {
  group: 'authentication.k8s.io',
  version: 'v1',
  kind: 'TokenRequest',
  schema: 'io.k8s.api.authentication.v1.TokenRequest',
};

/** Where a token's ServiceAccount and bound objects are looked up. */
export interface TokenObjects {
  serviceAccounts: ResourceStore;
  pods: ResourceStore;
  secrets: ResourceStore;
  nodes: ResourceStore;
}

function record(value: unknown): Record<string, unknown> {
  return isPlainObject(value) ? value : {};
}

async function find(store: ResourceStore, namespace: string, name: string): Promise<KubeObject | undefined> {
  try {
    return await store.get(namespace, name);
  } catch {
    return undefined;
  }
}

/** POST …/serviceaccounts/<name>/token */
export function tokenRequestHandler(signer: JwtSigner, objects: TokenObjects): ResourceHandler {
  return async (request): Promise<ApiResponse> => {
    const ctx = request as HandlerContext;
    const scope = requestScope(ctx);
    const raw = ctx.req.object ?? parseBody(ctx.req.body, ctx.req.headers['content-type']);
    const tokenRequest = decodeObject(
      raw,
      TOKEN_REQUEST,
      builtinSchemas,
      fieldValidation(ctx.req.query),
      scope.warnings,
    );
    const { namespace, name } = ctx.info;
    const sa = await objects.serviceAccounts.get(namespace, name);
    const spec = record(tokenRequest['spec']);
    const expirationSeconds =
      typeof spec['expirationSeconds'] === 'number' ? spec['expirationSeconds'] : DEFAULT_EXPIRATION_SECONDS;
    if (expirationSeconds < MIN_EXPIRATION_SECONDS) {
      throw invalid('authentication.k8s.io', 'TokenRequest', name, [
        invalidValue(
          FieldPath.root('spec').child('expirationSeconds'),
          expirationSeconds,
          'may not specify a duration less than 10 minutes',
        ),
      ]);
    }
    const audiences =
      Array.isArray(spec['audiences']) && spec['audiences'].length ? (spec['audiences'] as string[]) : [API_AUDIENCE];
    const private_: Record<string, unknown> = { namespace, serviceaccount: { name, uid: sa.metadata.uid } };
    const bound = record(spec['boundObjectRef']);
    if (bound['kind']) {
      const kind = String(bound['kind']);
      const store =
        kind === 'Pod'
          ? objects.pods
          : kind === 'Secret'
            ? objects.secrets
            : kind === 'Node'
              ? objects.nodes
              : undefined;
      if (!store) {
        throw invalid('authentication.k8s.io', 'TokenRequest', name, [
          notSupported(FieldPath.root('spec').child('boundObjectRef', 'kind'), kind, ['Pod', 'Secret', 'Node']),
        ]);
      }
      const obj = await store.get(kind === 'Node' ? '' : namespace, String(bound['name'] ?? ''));
      if (bound['uid'] && bound['uid'] !== obj.metadata.uid) {
        throw invalid('authentication.k8s.io', 'TokenRequest', name, [
          invalidValue(
            FieldPath.root('spec').child('boundObjectRef', 'uid'),
            bound['uid'],
            `the UID in the bound object reference (${String(bound['uid'])}) does not match the UID in record. The object might have been deleted and then recreated`,
          ),
        ]);
      }
      private_[kind.toLowerCase()] = { name: obj.metadata.name, uid: obj.metadata.uid };
    }
    const now = Math.floor(ctx.clock.now() / 1000);
    const claims: JwtClaims = {
      aud: audiences,
      exp: now + expirationSeconds,
      iat: now,
      iss: ISSUER,
      jti: randomUUID(),
      'kubernetes.io': private_,
      nbf: now,
      sub: `system:serviceaccount:${namespace}:${name}`,
    };
    const token = signer.sign(claims);
    return {
      kind: 'object',
      status: 201,
      body: {
        ...tokenRequest,
        metadata: { name, namespace, creationTimestamp: null },
        spec: { ...spec, audiences, expirationSeconds, boundObjectRef: spec['boundObjectRef'] ?? null },
        status: { token, expirationTimestamp: rfc3339(claims.exp * 1000) },
      },
    };
  };
}

/** Authenticates ServiceAccount tokens this API server issued. */
export function serviceAccountTokenAuthenticator(
  signer: JwtSigner,
  objects: TokenObjects,
  clock: Clock,
): TokenAuthenticator {
  return {
    async authenticateToken(token: string): Promise<UserInfo | null> {
      if (!looksLikeJwt(token)) return null;
      const claims = signer.verify(token);
      if (!claims || claims.iss !== ISSUER) return null;
      const now = Math.floor(clock.now() / 1000);
      if (claims.exp <= now) throw new AuthenticationError('service account token has expired');
      if (claims.nbf > now + 60) throw new AuthenticationError('service account token is not valid yet');
      if (!claims.aud.includes(API_AUDIENCE))
        throw new AuthenticationError('token audiences do not include the API server');
      const info = claims['kubernetes.io'];
      const namespace = String(info['namespace'] ?? '');
      const sa = record(info['serviceaccount']);
      const current = await find(objects.serviceAccounts, namespace, String(sa['name'] ?? ''));
      if (!current || current.metadata.uid !== sa['uid']) {
        throw new AuthenticationError(`service account ${namespace}/${String(sa['name'])} has been deleted`);
      }
      const extra: Record<string, string[]> = { [CREDENTIAL_ID_KEY]: [`JTI=${claims.jti}`] };
      for (const [kind, store] of [
        ['pod', objects.pods],
        ['secret', objects.secrets],
        ['node', objects.nodes],
      ] as const) {
        const ref = record(info[kind]);
        if (!ref['name']) continue;
        const obj = await find(store, kind === 'node' ? '' : namespace, String(ref['name']));
        if (!obj || obj.metadata.uid !== ref['uid'])
          throw new AuthenticationError(`${kind} ${String(ref['name'])} bound to the token has been deleted`);
        if (kind === 'pod') {
          extra['authentication.kubernetes.io/pod-name'] = [String(ref['name'])];
          extra['authentication.kubernetes.io/pod-uid'] = [String(ref['uid'])];
        }
      }
      return {
        username: claims.sub,
        uid: current.metadata.uid,
        groups: ['system:serviceaccounts', `system:serviceaccounts:${namespace}`],
        extra,
      };
    },
  };
}
