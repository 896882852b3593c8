// DELETE of one object or of a collection, with DeleteOptions from the body or the query: grace period,
// preconditions, propagation policy (Orphan / Background / Foreground) and dry-run.

import { isPlainObject } from '../../../api/object.ts';
import { FieldPath, notSupported } from '../../errors/field-error.ts';
import { badRequest, invalid } from '../../errors/status-error.ts';
import type { DeleteOptions } from '../../registry/generic/registry-store.ts';
import type { ApiResponse } from '../api-request.ts';
import { parseBody } from '../decode/parse-body.ts';
import { negotiateOutput } from '../negotiation.ts';
import type { HandlerContext } from './handler-context.ts';
import { intParam, objectNamespace, requestScope } from './handler-context.ts';
import { renderList } from './render.ts';
import { selection } from './selection.ts';
import { tableFor } from './table-for.ts';

const POLICIES = ['Background', 'Foreground', 'Orphan'] as const;

export function deleteOptions(ctx: HandlerContext): DeleteOptions & { dryRunInBody: boolean } {
  const { req } = ctx;
  let body: Record<string, unknown> = {};
  const raw =
    req.object ?? (req.body && req.body.length > 0 ? parseBody(req.body, req.headers['content-type']) : undefined);
  if (raw !== undefined) {
    if (!isPlainObject(raw)) throw badRequest('DeleteOptions must be a JSON object');
    body = raw;
  }
  const options: DeleteOptions & { dryRunInBody: boolean } = { dryRunInBody: false };
  const grace =
    typeof body['gracePeriodSeconds'] === 'number'
      ? body['gracePeriodSeconds']
      : intParam(req.query, 'gracePeriodSeconds');
  if (grace !== undefined) options.gracePeriodSeconds = Math.max(0, grace);
  const policy = (body['propagationPolicy'] as string | undefined) ?? req.query.get('propagationPolicy') ?? undefined;
  if (policy !== undefined && policy !== '') {
    if (!(POLICIES as readonly string[]).includes(policy)) {
      throw invalid('meta.k8s.io', 'DeleteOptions', '', [
        notSupported(FieldPath.root('propagationPolicy'), policy, POLICIES),
      ]);
    }
    options.propagationPolicy = policy as DeleteOptions['propagationPolicy'];
  }
  const orphan = body['orphanDependents'] ?? req.query.get('orphanDependents') ?? undefined;
  if (orphan !== undefined) {
    const value = orphan === true || orphan === 'true';
    if (options.propagationPolicy) {
      throw invalid('meta.k8s.io', 'DeleteOptions', '', [
        notSupported(FieldPath.root('propagationPolicy'), options.propagationPolicy, []),
      ]);
    }
    options.orphanDependents = value;
  }
  if (isPlainObject(body['preconditions'])) {
    const p = body['preconditions'];
    options.preconditions = {
      uid: typeof p['uid'] === 'string' ? p['uid'] : undefined,
      resourceVersion: typeof p['resourceVersion'] === 'string' ? p['resourceVersion'] : undefined,
    };
  }
  const dryRun = body['dryRun'];
  if (Array.isArray(dryRun) && dryRun.length > 0) {
    if (dryRun.some((v) => v !== 'All')) {
      throw invalid('meta.k8s.io', 'DeleteOptions', '', [notSupported(FieldPath.root('dryRun'), dryRun, ['All'])]);
    }
    options.dryRunInBody = true;
  }
  return options;
}

export async function handleDelete(ctx: HandlerContext): Promise<ApiResponse> {
  const { info, store } = ctx;
  negotiateOutput(ctx.req.headers['accept'], { list: false, watch: false });
  const scope = requestScope(ctx);
  const { dryRunInBody, ...options } = deleteOptions(ctx);
  if (dryRunInBody) scope.dryRun = true;
  const { result, deleted } = await store.delete(objectNamespace(ctx), info.name, scope, options);
  const accepted = !deleted && options.orphanDependents === false;
  return { kind: 'object', status: accepted ? 202 : 200, body: result };
}

export async function handleDeleteCollection(ctx: HandlerContext): Promise<ApiResponse> {
  const { req, info, store } = ctx;
  const format = negotiateOutput(req.headers['accept'], { list: true, watch: false });
  const scope = requestScope(ctx);
  const { dryRunInBody, ...options } = deleteOptions(ctx);
  if (dryRunInBody) scope.dryRun = true;
  const { predicate, empty } = selection(req.query, store.definition);
  const list = await store.deleteCollection(info.namespace, scope, options, { predicate, unfiltered: empty });
  return renderList(list, format, tableFor(store), ctx.clock.now(), req.query);
}
