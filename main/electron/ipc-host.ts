// The main process's end of the IPC channel: one `ipcMain.handle` for every request of the contract. A request from
// an untrusted sender or with a wrong method or shape is refused without reaching the host; the others go to the
// window's HostSession, and the answer is `{result}` or `{error: HostError}` — never a thrown error, which Electron
// would flatten into a string.

import type { IpcMain } from 'electron';
import type { HostError, HostMethod } from '../../engine/protocol/host-api.ts';
import { IPC_CHANNEL } from '../../engine/protocol/framing.ts';
import type { BridgeAnswer } from '../../engine/protocol/bridge.ts';
import { HostFailure } from '../host/host-session.ts';
import { isTrustedSender, parseBridgeCall } from './ipc-guard.ts';
import type { SenderFacts } from './ipc-guard.ts';
import type { WindowSessions } from './window-sessions.ts';

const UNTRUSTED: HostError = {
  code: 403,
  reason: 'Forbidden',
  message: 'the message did not come from a kubelab window',
};
const MALFORMED: HostError = { code: 400, reason: 'BadRequest', message: 'not a request of the kubelab host contract' };

/** The HostError a failed call answers with. */
function hostErrorOf(error: unknown): HostError {
  if (error instanceof HostFailure) return error.error;
  return { code: 500, reason: 'InternalError', message: error instanceof Error ? error.message : String(error) };
}

/** Answers one IPC request. */
export async function answerIpcRequest(
  sessions: WindowSessions,
  event: SenderFacts,
  payload: unknown,
): Promise<BridgeAnswer<HostMethod>> {
  const session = isTrustedSender(event, (id) => sessions.has(id)) ? sessions.get(event.sender.id) : undefined;
  if (session === undefined) return { error: UNTRUSTED };
  const request = parseBridgeCall(payload);
  if (request === undefined) return { error: MALFORMED };
  try {
    return { result: await (await session).call(request.method, request.params) };
  } catch (error) {
    return { error: hostErrorOf(error) };
  }
}

/** Registers the handler; the returned function removes it. */
export function installIpcHost(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  sessions: WindowSessions,
): () => void {
  ipcMain.handle(IPC_CHANNEL, (event, payload: unknown) => answerIpcRequest(sessions, event, payload));
  return () => ipcMain.removeHandler(IPC_CHANNEL);
}
