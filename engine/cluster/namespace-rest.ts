// How namespaces are deleted (pkg/registry/core/namespace/storage): a namespace with finalizers is not removed but
// marked — deletionTimestamp set, phase Terminating — until the namespace controller has emptied it and taken its
// "kubernetes" finalizer off through the finalize sub-resource; only then does it disappear.

import type { KubeObject } from '../api/object.ts';
import { isPlainObject } from '../api/object.ts';
import { rfc3339 } from '../api/json.ts';
import type { ApiResponse } from '../apiserver/endpoints/api-request.ts';
import { parseBody } from '../apiserver/endpoints/decode/parse-body.ts';
import { decodeObject } from '../apiserver/endpoints/handlers/decode-object.ts';
import { deleteOptions } from '../apiserver/endpoints/handlers/delete.ts';
import type { HandlerContext } from '../apiserver/endpoints/handlers/handler-context.ts';
import { fieldValidation, requestScope } from '../apiserver/endpoints/handlers/handler-context.ts';
import { conflict } from '../apiserver/errors/status-error.ts';
import type { RegistryStore } from '../apiserver/registry/generic/registry-store.ts';
import type { ResourceHandler } from '../apiserver/registry/served-resource.ts';

function specFinalizers(ns: KubeObject): string[] {
  const spec = ns['spec'];
  return isPlainObject(spec) && Array.isArray(spec['finalizers']) ? (spec['finalizers'] as string[]) : [];
}

function finished(ns: KubeObject): boolean {
  return (
    !!ns.metadata.deletionTimestamp && specFinalizers(ns).length === 0 && (ns.metadata.finalizers?.length ?? 0) === 0
  );
}

function withMetadataFinalizers(ns: KubeObject, policy: string | undefined, orphan: boolean | undefined): void {
  const finalizers = new Set(ns.metadata.finalizers ?? []);
  if (policy === 'Orphan' || orphan === true) finalizers.add('orphan');
  if (policy === 'Foreground') finalizers.add('foregroundDeletion');
  if (finalizers.size) ns.metadata.finalizers = [...finalizers];
}

export function namespaceDelete(store: RegistryStore): ResourceHandler {
  return async (request): Promise<ApiResponse> => {
    const ctx = request as HandlerContext;
    const scope = requestScope(ctx);
    const { dryRunInBody, ...options } = deleteOptions(ctx);
    if (dryRunInBody) scope.dryRun = true;
    const name = ctx.info.name;
    const current = await store.get('', name);
    const preconditions = options.preconditions;
    if (preconditions?.uid && preconditions.uid !== current.metadata.uid) {
      throw conflict(
        store.groupResource,
        name,
        `Precondition failed: UID in precondition: ${preconditions.uid}, UID in object meta: ${current.metadata.uid ?? ''}`,
      );
    }
    await store.admitDelete(current, scope);
    if (current.metadata.deletionTimestamp) return { kind: 'object', status: 200, body: current };
    if (
      specFinalizers(current).length === 0 &&
      (current.metadata.finalizers?.length ?? 0) === 0 &&
      !options.propagationPolicy
    ) {
      const { result } = await store.deleteStored('', name, scope, preconditions);
      return { kind: 'object', status: 200, body: result };
    }
    const marked = await store.updateStored(
      '',
      name,
      scope,
      (ns) => {
        // No deletionGracePeriodSeconds, as upstream: the generic store would then delete the namespace on its next
        // (status) update, while it must stay until the namespace controller has finalized it.
        ns.metadata.deletionTimestamp = rfc3339(ctx.clock.now());
        withMetadataFinalizers(ns, options.propagationPolicy, options.orphanDependents);
        ns['status'] = { ...(isPlainObject(ns['status']) ? ns['status'] : {}), phase: 'Terminating' };
        return ns;
      },
      preconditions,
    );
    if (finished(marked)) {
      const { result } = await store.deleteStored('', name, scope);
      return { kind: 'object', status: 200, body: result };
    }
    return { kind: 'object', status: 200, body: marked };
  };
}

/** PUT …/namespaces/<name>/finalize: sets spec.finalizers; a terminating namespace with none left is removed. */
export function namespaceFinalize(store: RegistryStore): ResourceHandler {
  return async (request): Promise<ApiResponse> => {
    const ctx = request as HandlerContext;
    const scope = requestScope(ctx);
    const raw = ctx.req.object ?? parseBody(ctx.req.body, ctx.req.headers['content-type']);
    const body = decodeObject(
      raw,
      store.definition,
      store.schemaLookup,
      fieldValidation(ctx.req.query),
      scope.warnings,
    );
    const wanted = specFinalizers(body);
    const updated = await store.updateStored('', ctx.info.name, scope, (ns) => {
      ns['spec'] = { ...(isPlainObject(ns['spec']) ? ns['spec'] : {}), finalizers: wanted };
      if (wanted.length === 0) delete (ns['spec'] as Record<string, unknown>)['finalizers'];
      return ns;
    });
    if (finished(updated)) await store.deleteStored('', ctx.info.name, scope);
    return { kind: 'object', status: 200, body: updated };
  };
}
