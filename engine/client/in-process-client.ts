// The client components inside the engine use (controllers, bootstrap, the lab): the same request pipeline as HTTPS
// clients — authentication aside, the caller's identity is given — minus the socket and the JSON round trip.

import { Readable } from 'node:stream';
import type { GroupVersionResource, KubeList, KubeObject } from '../api/object.ts';
import type { ApiServer } from '../apiserver/api-server.ts';
import type { ApiRequest, ApiResponse } from '../apiserver/endpoints/api-request.ts';
import { StatusError } from '../apiserver/errors/status-error.ts';
import type { Status } from '../apiserver/errors/status-error.ts';
import type { UserInfo } from '../apiserver/registry/resource-definition.ts';
import type { WatchStream } from '../apiserver/storage/watch-stream.ts';
import { resourcePath } from './resource-path.ts';

export type PatchType = 'json' | 'merge' | 'strategic' | 'apply';

const PATCH_CONTENT_TYPES: Record<PatchType, string> = {
  json: 'application/json-patch+json',
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  apply: 'application/apply-patch+yaml',
};

export interface RequestOptions {
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  contentType?: string;
  accept?: string;
}

function toQuery(query: RequestOptions['query']): URLSearchParams {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) params.set(k, String(v));
  return params;
}

function failure(response: ApiResponse): StatusError | undefined {
  if (response.kind !== 'object' || response.status < 400) return undefined;
  const status = response.body as Status;
  return new StatusError(status.code ?? response.status, status.reason ?? '', status.message ?? '', status.details);
}

export class InProcessClient {
  constructor(
    private readonly api: ApiServer,
    readonly user: UserInfo,
    private readonly userAgent = 'kubelab',
  ) {}

  /** Sends one request; resolves with the response body, rejects with the StatusError of a failure. */
  async request(method: string, path: string, options: RequestOptions = {}): Promise<unknown> {
    const response = await this.send(method, path, options);
    const error = failure(response);
    if (error) throw error;
    if (response.kind !== 'object' && response.kind !== 'raw') throw new Error(`unexpected ${response.kind} response`);
    return response.body;
  }

  /**
   * Sends a request answered with a byte stream (a pod's log: `GET …/pods/<name>/log?follow=true`) and resolves with
   * it; rejects with the StatusError of a failure. An empty answer (204) is an ended stream.
   */
  async stream(path: string, query: RequestOptions['query'] = {}): Promise<Readable> {
    const response = await this.send('GET', path, { query, accept: '*/*' });
    const error = failure(response);
    if (error) throw error;
    if (response.kind === 'stream') return response.stream;
    if (response.kind === 'raw') {
      const body = Buffer.from(response.body);
      return Readable.from(body.length ? [body] : [], { objectMode: false });
    }
    throw new Error(`unexpected ${response.kind} response`);
  }

  async send(method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse> {
    const req: ApiRequest = {
      method,
      path,
      query: toQuery(options.query),
      headers: {
        'user-agent': this.userAgent,
        accept: options.accept ?? 'application/json',
        'content-type': options.contentType ?? (options.body !== undefined ? 'application/json' : undefined),
      },
      object: options.body,
      user: this.user,
    };
    return this.api.handle(req);
  }

  get(gvr: GroupVersionResource, namespace: string, name: string): Promise<KubeObject> {
    return this.request('GET', resourcePath(gvr, namespace, name)) as Promise<KubeObject>;
  }

  list(gvr: GroupVersionResource, namespace = '', query: RequestOptions['query'] = {}): Promise<KubeList> {
    return this.request('GET', resourcePath(gvr, namespace), { query }) as Promise<KubeList>;
  }

  create(
    gvr: GroupVersionResource,
    namespace: string,
    obj: KubeObject,
    query: RequestOptions['query'] = {},
  ): Promise<KubeObject> {
    return this.request('POST', resourcePath(gvr, namespace), { body: obj, query }) as Promise<KubeObject>;
  }

  update(gvr: GroupVersionResource, obj: KubeObject, subresource = ''): Promise<KubeObject> {
    const { namespace = '', name = '' } = obj.metadata;
    return this.request('PUT', resourcePath(gvr, namespace, name, subresource), { body: obj }) as Promise<KubeObject>;
  }

  patch(
    gvr: GroupVersionResource,
    namespace: string,
    name: string,
    type: PatchType,
    patch: unknown,
    options: { subresource?: string; fieldManager?: string; force?: boolean } = {},
  ): Promise<KubeObject> {
    return this.request('PATCH', resourcePath(gvr, namespace, name, options.subresource), {
      body: patch,
      contentType: PATCH_CONTENT_TYPES[type],
      query: { fieldManager: options.fieldManager, force: options.force },
    }) as Promise<KubeObject>;
  }

  delete(
    gvr: GroupVersionResource,
    namespace: string,
    name: string,
    options: Record<string, unknown> = {},
  ): Promise<unknown> {
    return this.request('DELETE', resourcePath(gvr, namespace, name), { body: options });
  }

  /** Opens a watch; the stream carries the API's watch events. */
  async watch(gvr: GroupVersionResource, namespace = '', query: RequestOptions['query'] = {}): Promise<WatchStream> {
    const response = await this.send('GET', resourcePath(gvr, namespace), { query: { ...query, watch: true } });
    const error = failure(response);
    if (error) throw error;
    if (response.kind !== 'watch') throw new Error('expected a watch response');
    return response.stream;
  }
}
