// POST to a collection: decode, default, admit, validate and store a new object; 201 with the object as stored.

import type { ApiResponse } from '../api-request.ts';
import { parseBody } from '../decode/parse-body.ts';
import { negotiateOutput } from '../negotiation.ts';
import { decodeObject } from './decode-object.ts';
import type { HandlerContext } from './handler-context.ts';
import { fieldValidation, requestScope, withoutDryRunVersion } from './handler-context.ts';
import { renderObject } from './render.ts';
import { tableFor } from './table-for.ts';

export async function handleCreate(ctx: HandlerContext): Promise<ApiResponse> {
  const { req, store } = ctx;
  const format = negotiateOutput(req.headers['accept'], { list: false, watch: false });
  const scope = requestScope(ctx);
  const validation = fieldValidation(req.query);
  const body = req.object ?? parseBody(req.body, req.headers['content-type']);
  const obj = decodeObject(body, store.definition, store.schemaLookup, validation, scope.warnings);
  const created = withoutDryRunVersion(await store.create(obj, scope), scope, true);
  return renderObject(created, 201, format, tableFor(store), ctx.clock.now(), req.query, scope.warnings);
}
