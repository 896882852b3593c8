// The message framing of the host contract: requests carry an id, a method and its parameters; responses carry the
// same id and a result or an error; stream messages carry a stream id and an event. One JSON text per message on the
// WebSocket; structured-clone objects over Electron IPC. Parsing checks the shape so neither side trusts a malformed
// message.

import type { HostError, HostMethod, HostParams, HostResult, StreamEvent } from './host-api.ts';

export interface RequestMessage<M extends HostMethod = HostMethod> {
  type: 'request';
  id: number;
  method: M;
  params: HostParams<M>;
}

export type ResponseMessage<M extends HostMethod = HostMethod> =
  { type: 'response'; id: number; result: HostResult<M> } | { type: 'response'; id: number; error: HostError };

export interface StreamMessage {
  type: 'stream';
  stream: string;
  event: StreamEvent;
}

export type HostMessage = RequestMessage | ResponseMessage | StreamMessage;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The request in a message from the UI, or undefined when the message is not a well-formed request. */
export function parseRequest(value: unknown): RequestMessage | undefined {
  if (!isRecord(value) || value.type !== 'request') return undefined;
  if (!Number.isSafeInteger(value.id) || typeof value.method !== 'string' || !isRecord(value.params)) return undefined;
  return value as unknown as RequestMessage;
}

/** The response or stream message in a message from the host, or undefined when it is neither. */
export function parseHostMessage(value: unknown): ResponseMessage | StreamMessage | undefined {
  if (!isRecord(value)) return undefined;
  if (value.type === 'response' && Number.isSafeInteger(value.id) && ('result' in value || isRecord(value.error))) {
    return value as unknown as ResponseMessage;
  }
  if (value.type === 'stream' && typeof value.stream === 'string' && isRecord(value.event)) {
    return value as unknown as StreamMessage;
  }
  return undefined;
}

/** Decodes one WebSocket text frame; undefined when it is not JSON. */
export function decodeFrame(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function encodeFrame(message: HostMessage): string {
  return JSON.stringify(message);
}

/** The name of the Electron IPC channel every message of the contract travels on. */
export const IPC_CHANNEL = 'kubelab:host';

/** The path of the browser transport's WebSocket (under /api/, so the token check covers it). */
export const WEBSOCKET_PATH = '/api/host';
