// One UI connection to a lab (an Electron window, or a browser's WebSocket): it answers the contract's requests and
// pushes the streams the connection opened (watches, logs, terminals), and closes all of them when the connection
// goes. Transports only move messages; everything a request does happens here.

import type { HostError, HostMethod, HostParams, HostResult, StreamEvent } from '../../engine/protocol/host-api.ts';
import { HOST_METHOD_NAMES } from '../../engine/protocol/host-api.ts';
import type { RequestMessage, ResponseMessage, StreamMessage } from '../../engine/protocol/framing.ts';
import type { LabHost } from './lab-host.ts';

/** A failure of a request, carrying the HostError the UI is sent. */
export class HostFailure extends Error {
  constructor(readonly error: HostError) {
    super(error.message);
  }
}

/** Something a stream is fed by; closing it stops the feed. */
export interface StreamSource {
  close(): void;
}

export type StreamSink = (message: StreamMessage) => void;
