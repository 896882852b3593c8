// GET of a collection: label and field selectors, limit/continue pagination, resourceVersion semantics, rendered as
// a list, a Table or PartialObjectMetadataList.

import { badRequest } from '../../errors/status-error.ts';
import type { ApiResponse } from '../api-request.ts';
import { negotiateOutput } from '../negotiation.ts';
import type { HandlerContext } from './handler-context.ts';
import { intParam } from './handler-context.ts';
import { renderList } from './render.ts';
import { selection } from './selection.ts';
import { tableFor } from './table-for.ts';

export async function handleList(ctx: HandlerContext): Promise<ApiResponse> {
  const { req, info, store } = ctx;
  const format = negotiateOutput(req.headers['accept'], { list: true, watch: false });
  const { predicate, empty, exactFields } = selection(req.query, store.definition);
  const limit = intParam(req.query, 'limit');
  if (limit !== undefined && limit < 0) throw badRequest('limit must be non-negative');
  const match = req.query.get('resourceVersionMatch') ?? '';
  if (match !== '' && match !== 'NotOlderThan' && match !== 'Exact') {
    throw badRequest(`resourceVersionMatch: Unsupported value: "${match}": supported values: "Exact", "NotOlderThan"`);
  }
  const list = await store.list(info.namespace, {
    predicate,
    exactFields,
    unfiltered: empty,
    limit,
    continue: req.query.get('continue') ?? undefined,
    resourceVersion: req.query.get('resourceVersion') ?? undefined,
    resourceVersionMatch: match as '' | 'NotOlderThan' | 'Exact',
  });
  return renderList(list, format, tableFor(store), ctx.clock.now(), req.query);
}
