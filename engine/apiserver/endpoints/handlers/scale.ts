// The scale sub-resource: a resource's replica count seen as an autoscaling/v1 Scale. GET reads it; PUT and PATCH
// change spec.replicas of the underlying object (bumping its generation), with the Scale's resourceVersion as the
// precondition when one is given.

import type { KubeObject } from '../../../api/object.ts';
import { deepCopy, isPlainObject } from '../../../api/object.ts';
import { FieldPath, invalidValue } from '../../errors/field-error.ts';
import { badRequest, conflict, invalid, notFound, OBJECT_MODIFIED } from '../../errors/status-error.ts';
import { applyPatch, patchTypeFromContentType } from '../../patch/index.ts';
import type { ResourceStore } from '../../registry/generic/resource-store.ts';
import { labelSelectorAsSelector } from '../../selectors/label-selector.ts';
import type { ApiResponse } from '../api-request.ts';
import { parseBody, parseJson } from '../decode/parse-body.ts';
import { decodeObject } from './decode-object.ts';
import type { HandlerContext } from './handler-context.ts';
import { fieldValidation, requestScope } from './handler-context.ts';

const SCALE_KIND = { group: 'autoscaling', version: 'v1', kind: 'Scale', schema: 'io.k8s.api.autoscaling.v1.Scale' };

/** Reads a value at a simple JSON path like ".spec.replicas". */
function readPath(obj: unknown, path: string): unknown {
  let node = obj;
  for (const part of path.split('.').filter(Boolean)) {
    if (!isPlainObject(node)) return undefined;
    node = node[part];
  }
  return node;
}

function writePath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.').filter(Boolean);
  let node = obj;
  for (const part of parts.slice(0, -1)) {
    if (!isPlainObject(node[part])) node[part] = {};
    node = node[part] as Record<string, unknown>;
  }
  node[parts[parts.length - 1]!] = value;
}

export function scaleOf(store: ResourceStore, obj: KubeObject): KubeObject {
  const paths = store.definition.scale!;
  const selectorValue = paths.labelSelectorPath ? readPath(obj, paths.labelSelectorPath) : undefined;
  let selector = '';
  if (isPlainObject(selectorValue)) selector = labelSelectorAsSelector(selectorValue).toString();
  else if (typeof selectorValue === 'string') selector = selectorValue;
  const meta = obj.metadata;
  const specReplicas = readPath(obj, paths.specReplicasPath);
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: {
      name: meta.name,
      namespace: meta.namespace,
      uid: meta.uid,
      resourceVersion: meta.resourceVersion,
      creationTimestamp: meta.creationTimestamp,
    },
    spec: { replicas: typeof specReplicas === 'number' ? specReplicas : 0 },
    status: { replicas: Number(readPath(obj, paths.statusReplicasPath) ?? 0), selector },
  };
}

export async function handleScale(ctx: HandlerContext): Promise<ApiResponse> {
  const { req, info, store } = ctx;
  if (!store.definition.scale) throw notFound(store.groupResource, info.name);
  if (info.verb === 'get') {
    return { kind: 'object', status: 200, body: scaleOf(store, await store.get(info.namespace, info.name)) };
  }
  const scope = requestScope(ctx);
  const validation = fieldValidation(req.query);
  const paths = store.definition.scale;
  let desiredFrom: (scale: KubeObject) => KubeObject;
  if (info.verb === 'update') {
    const body = req.object ?? parseBody(req.body, req.headers['content-type']);
    const scale = decodeObject(body, SCALE_KIND, store.schemaLookup, validation, scope.warnings);
    desiredFrom = () => scale;
  } else if (info.verb === 'patch') {
    const patchType = patchTypeFromContentType(req.headers['content-type']);
    if (!patchType || patchType === 'apply') throw badRequest('unsupported patch type for the scale sub-resource');
    const patch = req.object ?? parseJson(new TextDecoder().decode(req.body ?? new Uint8Array()));
    const scaleSchema = { definition: store.schemaLookup.definition(SCALE_KIND.schema), type: 'object' as const };
    desiredFrom = (current) =>
      decodeObject(
        applyPatch(patchType, current, patch, scaleSchema, store.schemaLookup),
        SCALE_KIND,
        store.schemaLookup,
        validation,
        scope.warnings,
      );
  } else {
    throw badRequest(`${info.verb} is not supported on the scale sub-resource`);
  }

  const { object } = await store.update(
    info.namespace,
    info.name,
    (current) => {
      if (!current) throw notFound(store.groupResource, info.name);
      const currentScale = scaleOf(store, current);
      const scale = desiredFrom(currentScale);
      const rv = scale.metadata.resourceVersion;
      if (rv && rv !== current.metadata.resourceVersion)
        throw conflict(store.groupResource, info.name, OBJECT_MODIFIED);
      const replicas = (scale['spec'] as Record<string, unknown> | undefined)?.['replicas'] ?? 0;
      if (typeof replicas !== 'number' || replicas < 0) {
        throw invalid('autoscaling', 'Scale', info.name, [
          invalidValue(FieldPath.root('spec').child('replicas'), replicas, 'must be greater than or equal to 0'),
        ]);
      }
      const updated = deepCopy(current);
      writePath(updated, paths.specReplicasPath, replicas);
      return { object: updated };
    },
    scope,
    { subresource: 'scale' },
  );
  return { kind: 'object', status: 200, body: scaleOf(store, object) };
}
