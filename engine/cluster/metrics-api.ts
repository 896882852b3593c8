// The resource metrics API (metrics.k8s.io/v1beta1, what `kubectl top` reads), served by the API server from a
// metrics source: the nodes' kubelets report CPU and memory use (a cluster without nodes has empty lists).

import type { KubeObject } from '../api/object.ts';
import type { ApiResponse } from '../apiserver/endpoints/api-request.ts';
import type { HandlerContext } from '../apiserver/endpoints/handlers/handler-context.ts';
import { selection } from '../apiserver/endpoints/handlers/selection.ts';
import { notFound } from '../apiserver/errors/status-error.ts';
import type { ResourceDefinition } from '../apiserver/registry/resource-definition.ts';
import type { ServedResource } from '../apiserver/registry/served-resource.ts';

/** Where usage comes from: current PodMetrics and NodeMetrics objects. */
export interface MetricsSource {
  /** PodMetrics of a namespace ('' for all). */
  podMetrics(namespace: string): Promise<KubeObject[]>;
  nodeMetrics(): Promise<KubeObject[]>;
}

export const NO_METRICS: MetricsSource = { podMetrics: async () => [], nodeMetrics: async () => [] };

function definition(kind: string, resource: string, namespaced: boolean): ResourceDefinition {
  return {
    group: 'metrics.k8s.io',
    version: 'v1beta1',
    kind,
    listKind: `${kind}List`,
    resource,
    singular: '',
    namespaced,
    verbs: ['get', 'list'],
    schema: `io.k8s.metrics.pkg.apis.metrics.v1beta1.${kind}`,
    strategy: {},
  };
}

function served(def: ResourceDefinition, read: (namespace: string) => Promise<KubeObject[]>): ServedResource {
  return {
    definition: def,
    verbs: {
      list: async (request): Promise<ApiResponse> => {
        const ctx = request as HandlerContext;
        const { predicate } = selection(ctx.req.query, def);
        const items = (await read(ctx.info.namespace)).filter((m) => !predicate || predicate(m));
        return {
          kind: 'object',
          status: 200,
          body: { kind: def.listKind, apiVersion: 'metrics.k8s.io/v1beta1', metadata: {}, items },
        };
      },
      get: async (request): Promise<ApiResponse> => {
        const found = (await read(request.info.namespace)).find((m) => m.metadata.name === request.info.name);
        if (!found) throw notFound({ group: 'metrics.k8s.io', resource: def.resource }, request.info.name);
        return { kind: 'object', status: 200, body: found };
      },
    },
  };
}

export function metricsResources(source: MetricsSource): ServedResource[] {
  return [
    served(definition('NodeMetrics', 'nodes', false), () => source.nodeMetrics()),
    served(definition('PodMetrics', 'pods', true), (namespace) => source.podMetrics(namespace)),
  ];
}
