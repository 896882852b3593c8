// A watch: a long-running response of events, one JSON object per line, served from the watch cache. With a Table
// Accept header every event carries a one-row Table (column definitions in the first one only), as kubectl get -w
// expects. The server ends the watch after timeoutSeconds, or a random 30–60 minutes as kube-apiserver does.

import type { KubeObject } from '../../../api/object.ts';
import { badRequest, isStatusError } from '../../errors/status-error.ts';
import type { ApiResponse } from '../api-request.ts';
import { negotiateOutput } from '../negotiation.ts';
import type { ApiWatchEvent } from '../../storage/watch-stream.ts';
import { WatchStream } from '../../storage/watch-stream.ts';
import type { HandlerContext } from './handler-context.ts';
import { intParam } from './handler-context.ts';
import { partialObjectMetadata, toTable } from './render.ts';
import { selection } from './selection.ts';
import { tableFor } from './table-for.ts';

const MIN_REQUEST_TIMEOUT_S = 1800;

function booleanParam(query: URLSearchParams, name: string): boolean | undefined {
  const value = query.get(name);
  if (value === null || value === '') return undefined;
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw badRequest(`invalid value for ${name}: ${JSON.stringify(value)}`);
}

export async function handleWatch(ctx: HandlerContext): Promise<ApiResponse> {
  const { req, info, store } = ctx;
  const format = negotiateOutput(req.headers['accept'], { list: false, watch: true });
  const { predicate, exactFields } = selection(req.query, store.definition);
  const timeoutSeconds = intParam(req.query, 'timeoutSeconds');
  let stream: WatchStream;
  try {
    stream = await store.watch(info.namespace, {
      predicate,
      exactFields,
      resourceVersion: req.query.get('resourceVersion') ?? undefined,
      allowWatchBookmarks: booleanParam(req.query, 'allowWatchBookmarks'),
      sendInitialEvents: booleanParam(req.query, 'sendInitialEvents'),
    });
  } catch (error) {
    // As upstream's cacher: once the request is admitted and its resourceVersion parsed, a watch that cannot start
    // (its resourceVersion is older than the cache's window) answers 200 with a single ERROR event carrying the 410.
    if (!isStatusError(error, 'Expired')) throw error;
    stream = new WatchStream();
    stream.push({ type: 'ERROR', object: error.status });
    stream.close();
  }
  const timeoutMs =
    timeoutSeconds !== undefined && timeoutSeconds > 0
      ? timeoutSeconds * 1000
      : (MIN_REQUEST_TIMEOUT_S + Math.random() * MIN_REQUEST_TIMEOUT_S) * 1000;

  let first = true;
  const table = tableFor(store);
  const transform = (event: ApiWatchEvent): unknown => {
    if (event.type === 'ERROR' || event.type === 'BOOKMARK') return event;
    const obj = event.object as KubeObject;
    if (format.format === 'table') {
      const body = toTable([obj], table, ctx.clock.now(), {
        version: format.version,
        query: req.query,
        metadata: { resourceVersion: obj.metadata.resourceVersion },
        withColumns: first,
      });
      first = false;
      return { type: event.type, object: body };
    }
    if (format.format === 'partial-metadata')
      return { type: event.type, object: partialObjectMetadata(obj, format.version) };
    return event;
  };
  return { kind: 'watch', stream, transform, timeoutMs };
}
