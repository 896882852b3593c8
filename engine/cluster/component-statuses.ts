// The deprecated ComponentStatus API (`kubectl get componentstatuses`): the health of the scheduler, the controller
// manager and etcd, probed when asked, as kube-apiserver does — with its deprecation warning.

import type { KubeObject } from '../api/object.ts';
import type { ApiResponse } from '../apiserver/endpoints/api-request.ts';
import { warningHeader } from '../apiserver/endpoints/api-request.ts';
import type { HandlerContext } from '../apiserver/endpoints/handlers/handler-context.ts';
import { renderList, renderObject } from '../apiserver/endpoints/handlers/render.ts';
import { negotiateOutput } from '../apiserver/endpoints/negotiation.ts';
import { notFound } from '../apiserver/errors/status-error.ts';
import type { ResourceDefinition } from '../apiserver/registry/resource-definition.ts';
import type { ResourceHandler } from '../apiserver/registry/served-resource.ts';

/** A component and how to tell whether it is healthy (resolves with a message, rejects with the error). */
export interface ComponentProbe {
  name: string;
  probe(): Promise<string>;
}

const DEPRECATION = 'v1 ComponentStatus is deprecated in v1.19+';

async function statusOf(component: ComponentProbe): Promise<KubeObject> {
  let condition: Record<string, string>;
  try {
    condition = { type: 'Healthy', status: 'True', message: await component.probe() };
  } catch (error) {
    condition = {
      type: 'Healthy',
      status: 'False',
      message: '',
      error: error instanceof Error ? error.message : String(error),
    };
  }
  return {
    kind: 'ComponentStatus',
    apiVersion: 'v1',
    metadata: { name: component.name, creationTimestamp: null },
    conditions: [condition],
  };
}

export function componentStatusHandlers(
  definition: ResourceDefinition,
  components: ComponentProbe[],
): Record<string, ResourceHandler> {
  const table = definition.table!;
  const withWarning = (response: ApiResponse): ApiResponse => ({
    ...response,
    headers: { ...response.headers, warning: [warningHeader(DEPRECATION)] },
  });
  return {
    list: async (request) => {
      const ctx = request as HandlerContext;
      const format = negotiateOutput(ctx.req.headers['accept'], { list: true, watch: false });
      const items = await Promise.all(components.map(statusOf));
      const list = { apiVersion: 'v1', kind: 'ComponentStatusList', metadata: {}, items };
      return withWarning(renderList(list, format, table, ctx.clock.now(), ctx.req.query));
    },
    get: async (request) => {
      const ctx = request as HandlerContext;
      const format = negotiateOutput(ctx.req.headers['accept'], { list: false, watch: false });
      const component = components.find((c) => c.name === ctx.info.name);
      if (!component) throw notFound({ group: '', resource: 'componentstatuses' }, ctx.info.name);
      return withWarning(renderObject(await statusOf(component), 200, format, table, ctx.clock.now(), ctx.req.query));
    },
  };
}
