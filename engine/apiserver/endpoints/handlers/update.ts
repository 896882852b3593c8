// PUT of a whole object (or of its status): optimistic concurrency on metadata.resourceVersion; 200, or 201 when
// the kind allows creating on update and the object did not exist.

import type { ApiResponse } from '../api-request.ts';
import { parseBody } from '../decode/parse-body.ts';
import { negotiateOutput } from '../negotiation.ts';
import { wholeObject } from '../../registry/generic/updated-object.ts';
import { decodeObject } from './decode-object.ts';
import type { HandlerContext } from './handler-context.ts';
import { fieldValidation, objectNamespace, requestScope, withoutDryRunVersion } from './handler-context.ts';
import { renderObject } from './render.ts';
import { tableFor } from './table-for.ts';

export async function handleUpdate(ctx: HandlerContext): Promise<ApiResponse> {
  const { req, info, store } = ctx;
  const format = negotiateOutput(req.headers['accept'], { list: false, watch: false });
  const scope = requestScope(ctx);
  const body = req.object ?? parseBody(req.body, req.headers['content-type']);
  const obj = decodeObject(body, store.definition, store.schemaLookup, fieldValidation(req.query), scope.warnings);
  const { object, created } = await store.update(objectNamespace(ctx), info.name, wholeObject(obj), scope, {
    subresource: info.subresource,
  });
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
