// PATCH: JSON patch, JSON merge patch, strategic merge patch (built-in kinds only), and server-side apply. The patch
// is applied to the object as currently stored; if the object changes before the write lands, the patch is applied
// again to the new version (unless the patch itself pinned a resourceVersion, which then conflicts).

import type { KubeObject } from '../../../api/object.ts';
import { isPlainObject } from '../../../api/object.ts';
import { badRequest, notFound } from '../../errors/status-error.ts';
import { applyConfiguration, checkAppliedConfigurationTypes } from '../../managedfields/index.ts';
import {
  acceptedPatchContentTypes,
  applyPatch,
  patchTypeFromContentType,
  unsupportedPatchMediaType,
} from '../../patch/index.ts';
import { rfc3339 } from '../../../api/json.ts';
import type { ApiResponse } from '../api-request.ts';
import { parseYaml } from '../decode/parse-body.ts';
import { negotiateOutput } from '../negotiation.ts';
import { decodeObject } from './decode-object.ts';
import type { HandlerContext } from './handler-context.ts';
import { fieldValidation, objectNamespace, requestScope, withoutDryRunVersion } from './handler-context.ts';
import { renderObject } from './render.ts';
import { tableFor } from './table-for.ts';

export async function handlePatch(ctx: HandlerContext): Promise<ApiResponse> {
  const { req, info, store } = ctx;
  const format = negotiateOutput(req.headers['accept'], { list: false, watch: false });
  const contentType = req.headers['content-type'];
  const patchType = patchTypeFromContentType(contentType);
  if (!patchType || (patchType === 'strategic' && store.definition.customResource)) {
    throw unsupportedPatchMediaType(acceptedPatchContentTypes(!store.definition.customResource));
  }
  const scope = requestScope(ctx);
  const validation = fieldValidation(req.query);
  const text = req.object !== undefined ? undefined : new TextDecoder().decode(req.body ?? new Uint8Array());
  if (text !== undefined && text.trim() === '') throw badRequest('the body of the request was empty');
  const subresource = info.subresource;

  if (patchType === 'apply') {
    const manager = req.query.get('fieldManager') ?? '';
    const force = req.query.get('force') === 'true';
    const config = req.object ?? parseYaml(text!);
    if (
      isPlainObject(config) &&
      config['apiVersion'] === store.apiVersion &&
      config['kind'] === store.definition.kind
    ) {
      checkAppliedConfigurationTypes(config, store.fieldManagerOptions(subresource));
    }
    const applied = decodeObject(config, store.definition, store.schemaLookup, validation, scope.warnings, {
      patched: true,
    });
    const { object, created } = await store.update(
      objectNamespace(ctx),
      info.name,
      (current) => ({
        object: applyConfiguration({
          live: current,
          config: applied,
          manager,
          force,
          apiVersion: store.apiVersion,
          kind: store.definition.kind,
          subresource: subresource || undefined,
          time: rfc3339(ctx.clock.now()),
          ...store.fieldManagerOptions(subresource),
        }),
        managedFieldsDone: true,
      }),
      scope,
      { subresource, allowCreate: subresource === '' },
    );
    return renderObject(
      withoutDryRunVersion(object, scope, created),
      created ? 201 : 200,
      format,
      tableFor(store),
      ctx.clock.now(),
      req.query,
      scope.warnings,
    );
  }

  const patch = req.object ?? parsePatchJson(text!, patchType);
  const { object } = await store.update(
    objectNamespace(ctx),
    info.name,
    (current) => {
      if (!current) throw notFound(store.groupResource, info.name);
      const patched = applyPatch(patchType, current, patch, store.schema, store.schemaLookup, {
        fieldValidation: validation,
        warnings: scope.warnings,
      });
      const decoded: KubeObject = decodeObject(
        patched,
        store.definition,
        store.schemaLookup,
        validation,
        scope.warnings,
        { patched: true, patch: patchType === 'json' ? undefined : patch },
      );
      return { object: decoded };
    },
    scope,
    { subresource },
  );
  return renderObject(object, 200, format, tableFor(store), ctx.clock.now(), req.query, scope.warnings);
}

/** A JSON patch body; unparseable bodies are 400s with upstream's wording. */
function parsePatchJson(text: string, patchType: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw badRequest(patchType === 'json' ? `invalid JSON patch: ${detail}` : `error decoding patch: ${detail}`);
  }
}
