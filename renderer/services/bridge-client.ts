// The Electron transport: `window.kubelab`, the preload's KubelabBridge, wrapped as a HostClient. IPC does not drop,
// so the connection is open from the start and stays so.

import type { HostMethod, HostParams, HostResult } from '../../engine/protocol/host-api.ts';
import type { BridgeAnswer, KubelabBridge } from '../../engine/protocol/bridge.ts';
import type { ConnectionState, HostClient } from './host-client.ts';
import { HostCallError } from './host-client.ts';

export function createBridgeClient(bridge: KubelabBridge): HostClient {
  return {
    state: 'open' as ConnectionState,
    async call<M extends HostMethod>(method: M, params: HostParams<M>): Promise<HostResult<M>> {
      const send = bridge[method] as unknown as ((params: HostParams<M>) => Promise<BridgeAnswer<M>>) | undefined;
      if (typeof send !== 'function') {
        throw new HostCallError({ code: 0, reason: 'NotSupported', message: `the host has no method ${method}` });
      }
      const answer = await send(params);
      if ('error' in answer) throw new HostCallError(answer.error);
      return answer.result;
    },
    onStream: (listener) => bridge.onStream(listener),
    onState: () => () => {},
    close() {},
  };
}
