// The checks every IPC message from a window passes before the host acts on it: it must come from the top frame of
// one of the app's own windows while that frame shows the app's origin (not a subframe, not another page the window
// was navigated to), and it must name a method of the contract with parameters of the right shape.

import type { IpcMainInvokeEvent } from 'electron';
import { HOST_METHOD_NAMES } from '../../engine/protocol/host-api.ts';
import { parseRequest } from '../../engine/protocol/framing.ts';
import type { RequestMessage } from '../../engine/protocol/framing.ts';
import { isAppUrl } from './app-origin.ts';

type FrameFacts = Pick<NonNullable<IpcMainInvokeEvent['senderFrame']>, 'url' | 'parent' | 'processId' | 'routingId'>;

/** The parts of an IPC event the sender check reads. */
export interface SenderFacts {
  sender: { id: number; mainFrame: Pick<FrameFacts, 'processId' | 'routingId'> };
  senderFrame: FrameFacts | null;
}

/** Whether an IPC message comes from the app's page in the top frame of a window `isOurWindow` knows. */
export function isTrustedSender(event: SenderFacts, isOurWindow: (webContentsId: number) => boolean): boolean {
  const frame = event.senderFrame;
  if (frame === null || frame.parent !== null) return false;
  const main = event.sender.mainFrame;
  if (frame.processId !== main.processId || frame.routingId !== main.routingId) return false;
  return isAppUrl(frame.url) && isOurWindow(event.sender.id);
}

const METHOD_NAMES: ReadonlySet<unknown> = new Set(HOST_METHOD_NAMES);

/** The request in a preload's `{method, params}` payload, or undefined when the method or the shape is wrong. */
export function parseBridgeCall(payload: unknown): RequestMessage | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined;
  const { method, params } = payload as { method?: unknown; params?: unknown };
  if (!METHOD_NAMES.has(method)) return undefined;
  return parseRequest({ type: 'request', id: 0, method, params });
}
