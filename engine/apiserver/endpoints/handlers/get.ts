// GET of one object (or of its status sub-resource), in the representation the client asked for.

import type { ApiResponse } from '../api-request.ts';
import { negotiateOutput } from '../negotiation.ts';
import type { HandlerContext } from './handler-context.ts';
import { objectNamespace } from './handler-context.ts';
import { renderObject } from './render.ts';
import { tableFor } from './table-for.ts';

export async function handleGet(ctx: HandlerContext): Promise<ApiResponse> {
  const { req, info, store } = ctx;
  const format = negotiateOutput(req.headers['accept'], { list: false, watch: false });
  const obj = await store.get(objectNamespace(ctx), info.name, req.query.get('resourceVersion') ?? undefined);
  return renderObject(obj, 200, format, tableFor(store), ctx.clock.now(), req.query);
}
