// The transport-neutral request and response of the API server. The HTTPS server and the in-process client both
// speak these, so every request — kubectl's or a controller's — runs through the same pipeline.

import type { IncomingMessage } from 'node:http';
import type { Duplex, Readable } from 'node:stream';
import type { ClientCertificate } from '../authentication/authenticator.ts';
import type { UserInfo } from '../registry/resource-definition.ts';
import type { ApiWatchEvent, WatchStream } from '../storage/watch-stream.ts';

export interface ApiRequest {
  method: string;
  /** The URL path, e.g. /api/v1/namespaces/default/pods. */
  path: string;
  query: URLSearchParams;
  /** Header names in lower case. */
  headers: Record<string, string | undefined>;
  /** The raw body, when one was sent over the wire. */
  body?: Uint8Array;
  /** An already-parsed body (in-process callers), used instead of `body`. */
  object?: unknown;
  /** The caller's identity when it is known without authentication (in-process clients). */
  user?: UserInfo;
  /** The TLS client certificate, if the connection presented one. */
  peerCertificate?: ClientCertificate;
  /** Whether TLS verified that certificate against the cluster CA. */
  authorized?: boolean;
  authorizationError?: Error | string | null;
}

export type ResponseHeaders = Record<string, string | string[]>;

export type ApiResponse =
  /** A JSON value (object, list, Table, Status), serialised by the transport. */
  | { kind: 'object'; status: number; body: unknown; headers?: ResponseHeaders }
  /** Text or bytes with their content type (YAML output, logs, OpenAPI, healthz). */
  | { kind: 'raw'; status: number; contentType: string; body: string | Uint8Array; headers?: ResponseHeaders }
  /** A watch: events as they come, each transformed for the client (e.g. into a one-row Table). */
  | {
      kind: 'watch';
      stream: WatchStream;
      transform: (event: ApiWatchEvent) => unknown;
      /** Real milliseconds after which the server ends the watch. */
      timeoutMs: number;
      headers?: ResponseHeaders;
    }
  /** Bytes as they come (a pod's log), sent as they arrive until the stream ends or the client goes away. */
  | { kind: 'stream'; status: number; contentType: string; stream: Readable; headers?: ResponseHeaders }
  /**
   * The connection is taken over by another protocol (exec, attach and port-forward over WebSocket or SPDY/3.1).
   * Only a transport that can hand over its socket serves it; `accept` answers the upgrade, or the error, itself.
   */
  | { kind: 'upgrade'; accept: (connection: UpgradedConnection) => Promise<void>; headers?: ResponseHeaders };

/** A connection whose client asked to switch protocols (`Connection: Upgrade`), handed over with its socket. */
export interface UpgradedConnection {
  /** The request that asked for the upgrade: its headers carry the protocol negotiation. */
  request: IncomingMessage;
  socket: Duplex;
  /** Bytes the client sent after the request head. */
  head: Buffer;
  /** Headers the pipeline adds to the response that switches protocols (warnings). */
  headers: ResponseHeaders;
}

/** Whether a request asks to switch protocols, as Go's httpstream.IsUpgradeRequest and Node's parser decide it. */
export function isUpgradeRequest(headers: ApiRequest['headers']): boolean {
  const connection = headers['connection']?.toLowerCase() ?? '';
  return connection.includes('upgrade') && !!headers['upgrade'];
}

/** A `Warning` header as kube-apiserver writes it: code 299, agent "-", the text quoted. */
export function warningHeader(text: string): string {
  return `299 - ${JSON.stringify(text)}`;
}
