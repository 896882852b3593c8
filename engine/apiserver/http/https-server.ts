// The API server on the wire: HTTPS on 127.0.0.1 with the cluster's serving certificate, optional client
// certificates verified against the cluster CA, request bodies capped at 3 MiB (413 beyond, as kube-apiserver),
// JSON responses, watches streamed as one JSON event per line, byte streams (logs) sent as they come, and upgrade
// requests (exec, attach, port-forward) handed to the pipeline with their socket.

import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { ApiServer } from '../api-server.ts';
import type { ApiResponse } from '../endpoints/api-request.ts';
import { badRequest, requestEntityTooLarge } from '../errors/status-error.ts';
import { apiRequestOf } from './incoming-request.ts';
import { handleUpgrade } from './upgrade.ts';

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

function send(res: ServerResponse, response: Extract<ApiResponse, { kind: 'object' | 'raw' }>): void {
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

/** A byte stream (a pod's log), chunked, each chunk sent as it comes; the client going away ends the stream. */
function pipeStream(res: ServerResponse, response: Extract<ApiResponse, { kind: 'stream' }>): void {
  const { stream: source } = response;
  res.writeHead(response.status, {
    'cache-control': 'no-cache, private',
    'content-type': response.contentType,
    'transfer-encoding': 'chunked',
    ...response.headers,
  });
  res.flushHeaders();
  res.on('close', () => source.destroy());
  source.on('error', () => res.end());
  source.pipe(res);
}

async function serve(api: Pick<ApiServer, 'handle'>, req: IncomingMessage, res: ServerResponse): Promise<void> {
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
  const response = await api.handle(apiRequestOf(req, body));
  if (response.kind === 'watch') stream(req, res, response);
  else if (response.kind === 'stream') pipeStream(res, response);
  // Only the 'upgrade' event delivers requests that ask to switch protocols; a handler answering this one with an
  // upgrade did not check for it.
  else if (response.kind === 'upgrade')
    send(res, { kind: 'object', status: 400, body: badRequest('Upgrade request required').status });
  else send(res, response);
}

export function startHttpsServer(api: Pick<ApiServer, 'handle'>, options: HttpsServerOptions): Promise<RunningServer> {
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
  // Upgraded connections are no longer the HTTP server's: it neither times them out nor closes them.
  const upgraded = new Set<Duplex>();
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    upgraded.add(socket);
    socket.once('close', () => upgraded.delete(socket));
    void handleUpgrade(api, req, socket, head);
  });
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
            for (const socket of upgraded) socket.destroy();
          }),
      });
    });
  });
}
