// How CustomResourceDefinitions are deleted (apiextensions-apiserver's CRD storage): the first delete marks the CRD
// — deletionTimestamp, the customresourcecleanup finalizer, a Terminating condition — and the CRD controller then
// deletes every custom resource of it before the finalizer, and with it the CRD, goes.

import { isPlainObject } from '../api/object.ts';
import { rfc3339 } from '../api/json.ts';
import { CLEANUP_FINALIZER } from '../apiserver/apiextensions/crd-controller.ts';
import type { ApiResponse } from '../apiserver/endpoints/api-request.ts';
import { deleteOptions } from '../apiserver/endpoints/handlers/delete.ts';
import type { HandlerContext } from '../apiserver/endpoints/handlers/handler-context.ts';
import { requestScope } from '../apiserver/endpoints/handlers/handler-context.ts';
import type { RegistryStore } from '../apiserver/registry/generic/registry-store.ts';
import type { ResourceHandler } from '../apiserver/registry/served-resource.ts';

export function crdDelete(store: RegistryStore): ResourceHandler {
  return async (request): Promise<ApiResponse> => {
    const ctx = request as HandlerContext;
    const scope = requestScope(ctx);
    const { dryRunInBody, ...options } = deleteOptions(ctx);
    if (dryRunInBody) scope.dryRun = true;
    const name = ctx.info.name;
    const current = await store.get('', name);
    await store.admitDelete(current, scope);
    if (current.metadata.deletionTimestamp) return { kind: 'object', status: 200, body: current };
    const now = rfc3339(ctx.clock.now());
    const marked = await store.updateStored(
      '',
      name,
      scope,
      (crd) => {
        crd.metadata.deletionTimestamp = now;
        crd.metadata.deletionGracePeriodSeconds = 0;
        const finalizers = crd.metadata.finalizers ?? [];
        if (!finalizers.includes(CLEANUP_FINALIZER)) crd.metadata.finalizers = [...finalizers, CLEANUP_FINALIZER];
        const status = isPlainObject(crd['status']) ? crd['status'] : {};
        const conditions = (Array.isArray(status['conditions']) ? status['conditions'] : []) as Record<
          string,
          unknown
        >[];
        status['conditions'] = [
          ...conditions.filter((c) => c['type'] !== 'Terminating'),
          {
            type: 'Terminating',
            status: 'True',
            lastTransitionTime: now,
            reason: 'InstanceDeletionPending',
            message: 'CustomResourceDefinition marked for deletion; CustomResource deletion will begin soon',
          },
        ];
        crd['status'] = status;
        return crd;
      },
      options.preconditions,
    );
    return { kind: 'object', status: 200, body: marked };
  };
}
