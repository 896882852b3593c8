// The preload of a lab window (sandboxed: bundled to CommonJS, requiring only 'electron'). It exposes exactly one
// object to the page, `window.kubelab` (the KubelabBridge): one function per method of the contract, each answering
// `{result}` or `{error: HostError}` and never throwing, and `onStream`, which passes on only well-formed stream
// messages and never the IpcRendererEvent (whose `sender` would hand the page the IPC channel itself).

import { contextBridge, ipcRenderer } from 'electron';
import type { IpcRenderer, IpcRendererEvent } from 'electron';
import type { HostError, HostMethod, HostResult } from '../../engine/protocol/host-api.ts';
import { HOST_METHOD_NAMES } from '../../engine/protocol/host-api.ts';
import { IPC_CHANNEL, parseHostMessage } from '../../engine/protocol/framing.ts';
import type { StreamMessage } from '../../engine/protocol/framing.ts';
import type { BridgeAnswer, KubelabBridge } from '../../engine/protocol/bridge.ts';

const NO_ANSWER: HostError = { code: 503, reason: 'ServiceUnavailable', message: 'the kubelab host did not answer' };
const BAD_ANSWER: HostError = {
  code: 500,
  reason: 'InternalError',
  message: 'the kubelab host sent a malformed answer',
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The host's answer as a BridgeAnswer, whatever came back. */
function toAnswer(answer: unknown): BridgeAnswer<HostMethod> {
  if (isRecord(answer) && isRecord(answer.error)) {
    const { code, reason, message } = answer.error;
    if (typeof code === 'number' && typeof reason === 'string' && typeof message === 'string') {
      return { error: answer.error as unknown as HostError };
    }
  }
  if (isRecord(answer) && 'result' in answer) return { result: answer.result as HostResult<HostMethod> };
  return { error: BAD_ANSWER };
}

/** The bridge over one IpcRenderer. */
function createBridge(ipc: Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>): KubelabBridge {
  const bridge: Record<string, unknown> = {};
  for (const method of HOST_METHOD_NAMES) {
    bridge[method] = async (params: unknown) => {
      try {
        return toAnswer(await ipc.invoke(IPC_CHANNEL, { method, params }));
      } catch {
        return { error: NO_ANSWER };
      }
    };
  }
  bridge.onStream = (listener: (message: StreamMessage) => void) => {
    const forward = (_event: IpcRendererEvent, message: unknown) => {
      const parsed = parseHostMessage(message);
      if (parsed?.type === 'stream') listener(parsed);
    };
    ipc.on(IPC_CHANNEL, forward);
    return () => void ipc.removeListener(IPC_CHANNEL, forward);
  };
  return bridge as KubelabBridge;
}

contextBridge.exposeInMainWorld('kubelab', createBridge(ipcRenderer));
