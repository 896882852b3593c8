// The API server's request pipeline, in Kubernetes' order: request info → authentication → authorization → the
// handler of the resource (decode, admission, validation, storage) or of a non-resource path (version, health,
// discovery, OpenAPI). Every failure becomes a Status; nothing a client sends can stop the server.

import type { SchemaLookup } from '../api/schema-table.ts';
import type { Clock } from '../lab/clock.ts';
import { AuthenticationError } from './authentication/authenticator.ts';
import type { Authenticator } from './authentication/authenticator.ts';
import { impersonate } from './authentication/impersonation.ts';
import type { Authorizer } from './authorization/authorizer.ts';
import { forbiddenMessage } from './authorization/authorizer.ts';
import { aggregatedDiscovery, AGGREGATED_CONTENT_TYPE } from './discovery/aggregated.ts';
import { apiGroup, apiGroupList, apiResourceList, apiVersions } from './discovery/legacy.ts';
import type { ApiRequest, ApiResponse } from './endpoints/api-request.ts';
import { handleCreate } from './endpoints/handlers/create.ts';
import { handleDelete, handleDeleteCollection } from './endpoints/handlers/delete.ts';
import { handleGet } from './endpoints/handlers/get.ts';
import type { HandlerContext } from './endpoints/handlers/handler-context.ts';
import { handleList } from './endpoints/handlers/list.ts';
import { handlePatch } from './endpoints/handlers/patch.ts';
import { handleScale } from './endpoints/handlers/scale.ts';
import { handleUpdate } from './endpoints/handlers/update.ts';
import { handleWatch } from './endpoints/handlers/watch.ts';
import { parseMediaTypes } from './endpoints/negotiation.ts';
import type { RequestInfo } from './endpoints/request-info.ts';
import { parseRequestInfo } from './endpoints/request-info.ts';
import { StatusError, internalError, methodNotSupported, unauthorized } from './errors/status-error.ts';
import { OPENAPI_V2_PROTOBUF, OpenApiV2 } from './openapi/openapi-v2.ts';
import { OpenApiV3 } from './openapi/openapi-v3.ts';
import type { ResourceRegistry } from './registry/resource-registry.ts';
import type { ResourceRequest } from './registry/served-resource.ts';
import type { UserInfo } from './registry/resource-definition.ts';

export interface VersionInfo {
  major: string;
  minor: string;
  gitVersion: string;
  gitCommit: string;
  gitTreeState: string;
  buildDate: string;
  goVersion: string;
  compiler: string;
  platform: string;
}

export const KUBERNETES_VERSION: VersionInfo = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.4+kubelab',
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2025-04-22T00:00:00Z',
  goVersion: 'go1.23.8',
  compiler: 'gc',
  platform: 'linux/amd64',
};

export type HealthEndpoint = 'healthz' | 'livez' | 'readyz';

export interface HealthCheck {
  name: string;
  check(): Promise<void> | void;
  /** The endpoints that run this check; all three when absent. */
  endpoints?: readonly HealthEndpoint[];
}

export interface ApiServerOptions {
  registry: ResourceRegistry;
  authenticator: Authenticator;
  authorizer: Authorizer;
  clock: Clock;
  /** The schema lookup of built-in and custom kinds (for OpenAPI). */
  schemas: () => SchemaLookup;
  /** host:port clients reach the server on, for legacy discovery. */
  serverAddress: () => string;
  healthChecks?: HealthCheck[];
}

const NOT_FOUND_MESSAGE = 'the server could not find the requested resource';

function statusResponse(error: StatusError): ApiResponse {
  return { kind: 'object', status: error.code, body: error.status };
}

function json(body: unknown, status = 200, contentType?: string): ApiResponse {
  if (contentType) return { kind: 'raw', status, contentType, body: JSON.stringify(body) };
  return { kind: 'object', status, body };
}

function notFoundPath(): StatusError {
  return new StatusError(404, 'NotFound', NOT_FOUND_MESSAGE, {});
}

function wantsAggregated(accept: string | undefined): boolean {
  return parseMediaTypes(accept).some(
    (m) =>
      m.params['g'] === 'apidiscovery.k8s.io' && m.params['as'] === 'APIGroupDiscoveryList' && m.params['v'] === 'v2',
  );
}

export class ApiServer {
  readonly registry: ResourceRegistry;
  readonly openapi: OpenApiV3;
  readonly openapiV2: OpenApiV2;
  private readonly options: ApiServerOptions;

  constructor(options: ApiServerOptions) {
    this.options = options;
    this.registry = options.registry;
    this.openapi = new OpenApiV3(options.registry, options.schemas);
    this.openapiV2 = new OpenApiV2(options.registry, options.schemas, KUBERNETES_VERSION.gitVersion);
  }

  /** Serves one request; never throws. */
  async handle(req: ApiRequest): Promise<ApiResponse> {
    try {
      const info = parseRequestInfo(req.method, req.path, req.query);
      const user = await impersonate(req.headers, req.user ?? (await this.authenticate(req)), this.options.authorizer);
      await this.authorize(user, info);
      return info.isResourceRequest
        ? await this.serveResource(req, info, user)
        : await this.serveNonResource(req, info);
    } catch (error) {
      if (error instanceof StatusError) return statusResponse(error);
      return statusResponse(internalError(error));
    }
  }

  private async authenticate(req: ApiRequest): Promise<UserInfo> {
    let user: UserInfo | null;
    try {
      user = await this.options.authenticator.authenticate(req);
    } catch (error) {
      if (error instanceof AuthenticationError) throw unauthorized();
      throw error;
    }
    if (!user) throw unauthorized();
    return user;
  }

  private async authorize(user: UserInfo, info: RequestInfo): Promise<void> {
    const attributes = {
      user,
      verb: info.verb,
      resourceRequest: info.isResourceRequest,
      namespace: info.namespace,
      apiGroup: info.apiGroup,
      apiVersion: info.apiVersion,
      resource: info.resource,
      subresource: info.subresource,
      name: info.name,
      path: info.path,
    };
    const result = await this.options.authorizer.authorize(attributes);
    if (result.decision === 'Allow') return;
    const reason = result.reason ? `: ${result.reason}` : '';
    const message = forbiddenMessage(attributes) + reason;
    if (!info.isResourceRequest) throw new StatusError(403, 'Forbidden', `forbidden: ${message}`, {});
    const resource = info.subresource ? `${info.resource}/${info.subresource}` : info.resource;
    const what = info.name
      ? `${resource}${info.apiGroup ? `.${info.apiGroup}` : ''} "${info.name}"`
      : `${resource}${info.apiGroup ? `.${info.apiGroup}` : ''}`;
    throw new StatusError(403, 'Forbidden', `${what} is forbidden: ${message}`, {
      name: info.name || undefined,
      group: info.apiGroup,
      kind: info.resource,
    });
  }

  private async serveNonResource(req: ApiRequest, info: RequestInfo): Promise<ApiResponse> {
    const path = info.path.replace(/\/+$/, '') || '/';
    const parts = path.split('/').filter(Boolean);
    if (path === '/version') return json(KUBERNETES_VERSION);
    if (['/healthz', '/livez', '/readyz'].includes(path) || /^\/(healthz|livez|readyz)\//.test(path)) {
      return this.health(req, parts);
    }
    if (path === '/api') {
      if (wantsAggregated(req.headers['accept'])) {
        return json(
          aggregatedDiscovery(this.registry.groups().filter((g) => g.name === '')),
          200,
          AGGREGATED_CONTENT_TYPE,
        );
      }
      return json(apiVersions(this.options.serverAddress()));
    }
    if (path === '/apis') {
      if (wantsAggregated(req.headers['accept'])) {
        return json(
          aggregatedDiscovery(this.registry.groups().filter((g) => g.name !== '')),
          200,
          AGGREGATED_CONTENT_TYPE,
        );
      }
      return json(apiGroupList(this.registry.groups()));
    }
    if (parts[0] === 'api' && parts.length === 2) return this.resourceList('', parts[1]!);
    if (parts[0] === 'apis' && parts.length === 2) {
      const group = this.registry.groups().find((g) => g.name === parts[1]);
      if (!group) throw notFoundPath();
      return json(apiGroup(group));
    }
    if (parts[0] === 'apis' && parts.length === 3) return this.resourceList(parts[1]!, parts[2]!);
    if (path === '/openapi/v2') return this.openapiV2Document(req);
    if (path === '/openapi/v3') return json(this.openapi.root());
    if (parts[0] === 'openapi' && parts[1] === 'v3' && parts.length > 2) {
      const doc = this.openapi.document(parts.slice(2).join('/'));
      if (!doc) throw notFoundPath();
      return {
        kind: 'raw',
        status: 200,
        contentType: 'application/json',
        body: doc.body,
        headers: { etag: `"${doc.hash}"` },
      };
    }
    throw notFoundPath();
  }

  /** The v2 document, as protobuf when the client asks for it (kubectl does), JSON otherwise. */
  private openapiV2Document(req: ApiRequest): ApiResponse {
    const doc = this.openapiV2.current();
    const wantsProtobuf = parseMediaTypes(req.headers['accept']).some((m) =>
      m.subtype.startsWith('com.github.proto-openapi.spec.v2'),
    );
    const headers = { etag: `"${doc.etag}"` };
    if (wantsProtobuf)
      return { kind: 'raw', status: 200, contentType: OPENAPI_V2_PROTOBUF, body: doc.protobuf, headers };
    return { kind: 'raw', status: 200, contentType: 'application/json', body: doc.json, headers };
  }

  private resourceList(group: string, version: string): ApiResponse {
    const served = this.registry
      .groups()
      .find((g) => g.name === group)
      ?.versions.find((v) => v.version === version);
    if (!served) throw notFoundPath();
    return json(apiResourceList(group, version, served.resources));
  }

  private async health(req: ApiRequest, parts: string[]): Promise<ApiResponse> {
    const endpoint = parts[0] as HealthEndpoint;
    const checks = [
      { name: 'ping', check: () => undefined },
      { name: 'log', check: () => undefined },
      ...(this.options.healthChecks ?? []),
    ].filter((c: HealthCheck) => !c.endpoints || c.endpoints.includes(endpoint));
    const only = parts.slice(1).join('/');
    const selected = only ? checks.filter((c) => c.name === only) : checks;
    if (only && selected.length === 0) throw notFoundPath();
    const lines: string[] = [];
    let healthy = true;
    for (const c of selected) {
      try {
        await c.check();
        lines.push(`[+]${c.name} ok`);
      } catch {
        healthy = false;
        lines.push(`[-]${c.name} failed: reason withheld`);
      }
    }
    const verbose = req.query.has('verbose');
    let body: string;
    if (healthy) body = verbose ? `${lines.join('\n')}\n${endpoint} check passed\n` : 'ok';
    else body = `${lines.join('\n')}\n${endpoint} check failed\n`;
    return { kind: 'raw', status: healthy ? 200 : 500, contentType: 'text/plain; charset=utf-8', body };
  }

  private async serveResource(req: ApiRequest, info: RequestInfo, user: UserInfo): Promise<ApiResponse> {
    const served = this.registry.get(info.apiGroup, info.apiVersion, info.resource);
    if (!served) throw notFoundPath();
    const d = served.definition;
    if (!d.namespaced && info.namespace && info.resource !== 'namespaces') throw notFoundPath();
    const collectionVerb = info.verb === 'list' || info.verb === 'watch' || info.verb === 'deletecollection';
    if (d.namespaced && !info.namespace && !collectionVerb) throw notFoundPath();
    const request: ResourceRequest = { req, info, user, clock: this.options.clock, store: served.store };

    if (info.subresource) {
      const custom = served.subresources?.[info.subresource];
      if (custom) return custom(request);
      if (!served.store || !d.subresources?.[info.subresource]) throw notFoundPath();
      const ctx = request as HandlerContext;
      if (info.subresource === 'scale') return handleScale(ctx);
      if (info.subresource === 'status') {
        if (info.verb === 'get') return handleGet(ctx);
        if (info.verb === 'update') return handleUpdate(ctx);
        if (info.verb === 'patch') return handlePatch(ctx);
      }
      throw methodNotSupported({ group: d.group, resource: `${d.resource}/${info.subresource}` }, info.verb);
    }

    const virtual = served.verbs?.[info.verb];
    if (virtual) return virtual(request);
    if (!served.store || !(d.verbs as readonly string[]).includes(info.verb)) {
      throw methodNotSupported({ group: d.group, resource: d.resource }, info.verb);
    }
    const ctx = request as HandlerContext;
    switch (info.verb) {
      case 'get':
        return handleGet(ctx);
      case 'list':
        return handleList(ctx);
      case 'watch':
        return handleWatch(ctx);
      case 'create':
        if (info.name) throw methodNotSupported({ group: d.group, resource: d.resource }, 'create');
        return handleCreate(ctx);
      case 'update':
        return handleUpdate(ctx);
      case 'patch':
        return handlePatch(ctx);
      case 'delete':
        return handleDelete(ctx);
      case 'deletecollection':
        return handleDeleteCollection(ctx);
      default:
        throw methodNotSupported({ group: d.group, resource: d.resource }, info.verb);
    }
  }
}
