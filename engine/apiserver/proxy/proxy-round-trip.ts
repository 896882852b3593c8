// A proxied request's way to the pod and back, as the API server's UpgradeAwareHandler does it for pods/proxy and
// services/proxy: a request without a path is redirected to the one with a slash; otherwise it is sent to the pod's
// address with its path and query, and the pod's answer returned as it is — status, headers (less hop-by-hop ones),
// body. A pod that cannot be reached is a 503 "error trying to reach service".

import type { KubeObject } from '../../api/object.ts';
import type { ApiRequest, ApiResponse, ResponseHeaders } from '../endpoints/api-request.ts';
import { StatusError } from '../errors/status-error.ts';
import { exchange, HOP_BY_HOP_HEADERS } from './http-exchange.ts';
import type { PodDialer } from './pod-dialer.ts';

/** Where a proxied request goes: a pod, at an address and port. */
export interface ProxyDestination {
  pod: KubeObject;
  ip: string;
  /** As named in the request; a number to be dialled. */
  port: string;
}

function unreachable(message: string): StatusError {
  return new StatusError(503, 'ServiceUnavailable', `error trying to reach service: ${message}`);
}

function redirect(req: ApiRequest): ApiResponse {
  const query = req.query.toString();
  return {
    kind: 'raw',
    status: 301,
    contentType: 'text/html; charset=utf-8',
    body: '',
    headers: { location: `${req.path}/${query ? `?${query}` : ''}` },
  };
}

function responseHeaders(headers: [string, string][]): { headers: ResponseHeaders; contentType: string } {
  const out: Record<string, string[]> = {};
  let contentType = 'text/plain; charset=utf-8';
  for (const [name, value] of headers) {
    const lower = name.toLowerCase();
    if (lower === 'content-type') contentType = value;
    else if (!HOP_BY_HOP_HEADERS.has(lower) && lower !== 'content-length') (out[lower] ??= []).push(value);
  }
  return { headers: out, contentType };
}

export async function proxyRoundTrip(
  dial: PodDialer,
  destination: ProxyDestination,
  req: ApiRequest,
  path: string,
): Promise<ApiResponse> {
  if (path === '') return redirect(req);
  const { ip, port } = destination;
  if (!/^\d+$/.test(port)) throw unreachable(`dial tcp: lookup tcp/${port}: unknown port`);
  const host = `${ip}:${port}`;
  const connection = await dial(destination.pod, Number(port)).catch((error: Error) => {
    throw unreachable(`dial tcp ${host}: ${error.message}`);
  });
  const query = req.query.toString();
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) if (value !== undefined) headers[name] = value;
  const response = await exchange(connection, {
    method: req.method,
    target: `${path}${query ? `?${query}` : ''}`,
    host,
    headers,
    body: req.body,
  }).catch((error: Error) => {
    throw unreachable(error.message);
  });
  return { kind: 'raw', status: response.status, body: response.body, ...responseHeaders(response.headers) };
}
