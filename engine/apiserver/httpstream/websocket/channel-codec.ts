// Channel messages of the wsstream protocols, to and from WebSocket messages: a channel byte (or digit, base64) and
// the data, and v5's close signal — 255 followed by the channel the client is done writing.

import type { ChannelProtocol } from './channel-protocols.ts';

export const CLOSE_SIGNAL = 255;

export type ChannelMessage =
  | { kind: 'data'; channel: number; data: Buffer }
  | { kind: 'close'; channel: number }
  /** Nothing to deliver (an empty message). */
  | { kind: 'empty' }
  /** A close signal of the wrong length: wsstream drops the connection. */
  | { kind: 'invalid'; reason: string };

/** The WebSocket message for data on a channel: binary, or text in the base64 protocols. */
export function encodeChannelMessage(protocol: ChannelProtocol, channel: number, data: Uint8Array): Buffer | string {
  if (protocol.base64) return String.fromCharCode(48 + channel) + Buffer.from(data).toString('base64');
  const message = Buffer.alloc(data.length + 1);
  message[0] = channel;
  message.set(data, 1);
  return message;
}

export function decodeChannelMessage(protocol: ChannelProtocol, message: Buffer): ChannelMessage {
  if (message.length === 0) return { kind: 'empty' };
  const first = message[0]!;
  if (protocol.closeSignal && first === CLOSE_SIGNAL) {
    if (message.length !== 2) {
      return {
        kind: 'invalid',
        reason: `single channel byte should follow stream close signal, got ${message.length - 1} bytes`,
      };
    }
    return { kind: 'close', channel: message[1]! };
  }
  if (protocol.base64) {
    return { kind: 'data', channel: first - 48, data: Buffer.from(message.subarray(1).toString('latin1'), 'base64') };
  }
  return { kind: 'data', channel: first, data: message.subarray(1) };
}
