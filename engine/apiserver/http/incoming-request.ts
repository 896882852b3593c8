// A Node HTTP request as the transport-neutral ApiRequest: method, path, query, headers in lower case, and the TLS
// client certificate of its connection (read once per connection: it cannot change while the connection lasts).

import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { ApiRequest } from '../endpoints/api-request.ts';

const peerCertificates = new WeakMap<TLSSocket, ReturnType<TLSSocket['getPeerCertificate']>>();

function peerCertificateOf(socket: TLSSocket): ReturnType<TLSSocket['getPeerCertificate']> {
  let cert = peerCertificates.get(socket);
  if (!cert) {
    cert = socket.getPeerCertificate();
    peerCertificates.set(socket, cert);
  }
  return cert;
}

function headersOf(req: IncomingMessage): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.headers)) out[name] = Array.isArray(value) ? value.join(', ') : value;
  return out;
}

export function apiRequestOf(req: IncomingMessage, body?: Uint8Array): ApiRequest {
  const url = new URL(req.url ?? '/', 'https://localhost');
  const socket = req.socket as TLSSocket;
  return {
    method: req.method ?? 'GET',
    path: url.pathname,
    query: url.searchParams,
    headers: headersOf(req),
    body,
    peerCertificate: peerCertificateOf(socket),
    authorized: socket.authorized,
    authorizationError: socket.authorizationError,
  };
}
