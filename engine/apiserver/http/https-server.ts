// The API server on the wire: HTTPS on 127.0.0.1 with the cluster's serving certificate, optional client
// certificates verified against the cluster CA, request bodies capped at 3 MiB (413 beyond, as kube-apiserver),
// JSON responses, and watches streamed as one JSON event per line.

import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { ApiServer } from '../api-server.ts';
import type { ApiRequest, ApiResponse } from '../endpoints/api-request.ts';
import { requestEntityTooLarge } from '../errors/status-error.ts';

export const MAX_REQUEST_BODY_BYTES = 3 * 1024 * 1024;
/** Bytes a watch may have queued for a slow client before the server gives up on it. */
const MAX_WATCH_BACKLOG_BYTES = 32 * 1024 * 1024;

export interface HttpsServerOptions {
  host?: string;
  port?: number;
  keyPem: string;
  certPem: string;
  /** CA that client certificates must chain to. */
  caPem: string;
}

export interface RunningServer {
  host: string;
  port: number;
  url: string;
  close(): Promise<void>;
}

class BodyTooLarge extends Error {}

/** The client certificate of a connection, read once: it cannot change while the connection lasts. */
const peerCertificates = new WeakMap<TLSSocket, ReturnType<TLSSocket['getPeerCertificate']>>();

function peerCertificateOf(socket: TLSSocket): ReturnType<TLSSocket['getPeerCertificate']> {
  let cert = peerCertificates.get(socket);
  if (!cert) {
    cert = socket.getPeerCertificate();
    peerCertificates.set(socket, cert);
  }
  return cert;
}

/**
 * How much of an oversized body is read and thrown away before the 413 is sent. A client still sending its body when
 * the server answers and closes the connection gets a reset ("write: broken pipe") instead of the answer; Go's server
 * avoids that by lingering before it closes, and so do we by reading the rest of a body of reasonable size first.
 */
const MAX_DISCARDED_BODY_BYTES = 64 * 1024 * 1024;

function readBody(req: IncomingMessage): Promise<Uint8Array | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (tooLarge) {
        if (size > MAX_DISCARDED_BODY_BYTES) {
          req.removeAllListeners('data');
          req.resume();
          reject(new BodyTooLarge());
        }
        return;
      }
      if (size > MAX_REQUEST_BODY_BYTES) {
        tooLarge = true;
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (tooLarge) reject(new BodyTooLarge());
      else resolve(chunks.length ? Buffer.concat(chunks) : undefined);
    });
    req.on('error', reject);
  });
}

function headersOf(req: IncomingMessage): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.headers)) out[name] = Array.isArray(value) ? value.join(', ') : value;
  return out;
}

function send(res: ServerResponse, response: Exclude<ApiResponse, { kind: 'watch' }>): void {
  const headers: Record<string, string | string[]> = { 'cache-control': 'no-cache, private', ...response.headers };
  let body: string | Uint8Array;
  if (response.kind === 'object') {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(response.body);
  } else {
    headers['content-type'] = response.contentType;
    body = response.body;
  }
  headers['content-length'] = String(Buffer.byteLength(body));
  res.writeHead(response.status, headers);
  res.end(body);
}

function stream(req: IncomingMessage, res: ServerResponse, response: Extract<ApiResponse, { kind: 'watch' }>): void {
  const { stream: events, transform } = response;
  res.writeHead(200, {
    'cache-control': 'no-cache, private',
    'content-type': 'application/json',
    'transfer-encoding': 'chunked',
    ...response.headers,
  });
  res.flushHeaders();
  const timer = setTimeout(() => events.close(), response.timeoutMs);
  const stop = () => {
    clearTimeout(timer);
    events.close();
  };
  req.on('close', stop);
  res.on('close', stop);
  events.attach({
    event: (event) => {
      if (res.writableLength > MAX_WATCH_BACKLOG_BYTES) {
        events.close('client too slow');
        return;
      }
      res.write(JSON.stringify(transform(event)) + '\n');
    },
    end: () => {
      clearTimeout(timer);
      if (!res.writableEnded) res.end();
    },
  });
}

async function serve(api: ApiServer, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'https://localhost');
  let body: Uint8Array | undefined;
  try {
    body = await readBody(req);
  } catch (error) {
    if (error instanceof BodyTooLarge) {
      const tooLarge = requestEntityTooLarge(`limit is ${MAX_REQUEST_BODY_BYTES}`);
      res.setHeader('connection', 'close');
      send(res, { kind: 'object', status: 413, body: tooLarge.status });
      return;
    }
    throw error;
  }
  const apiRequest: ApiRequest = {
    method: req.method ?? 'GET',
    path: url.pathname,
    query: url.searchParams,
    headers: headersOf(req),
    body,
    peerCertificate: peerCertificateOf(req.socket as TLSSocket),
    authorized: (req.socket as TLSSocket).authorized,
    authorizationError: (req.socket as TLSSocket).authorizationError,
  };
  const response = await api.handle(apiRequest);
  if (response.kind === 'watch') stream(req, res, response);
  else send(res, response);
}

export function startHttpsServer(api: ApiServer, options: HttpsServerOptions): Promise<RunningServer> {
  const server = https.createServer(
    {
      key: options.keyPem,
      cert: options.certPem,
      ca: options.caPem,
      requestCert: true,
      rejectUnauthorized: false,
      requestTimeout: 0,
      keepAliveTimeout: 65_000,
      noDelay: true,
    },
    (req, res) => {
      serve(api, req, res).catch(() => {
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
    },
  );
  const host = options.host ?? '127.0.0.1';
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        host,
        port,
        url: `https://${host}:${port}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
