// DefaultBinder (plugins/defaultbinder): binds a pod by POSTing a Binding to pods/<name>/binding — the API server
// then sets spec.nodeName and the PodScheduled condition.

import type { CycleState } from '../../framework/cycle-state.ts';
import type { BindPlugin, Handle } from '../../framework/interface.ts';
import type { PodInfo } from '../../framework/pod-info.ts';
import { Status } from '../../framework/status.ts';
import * as names from '../names.ts';

export const Name = names.DefaultBinder;

export class DefaultBinderPlugin implements BindPlugin {
  readonly name = Name;

  constructor(private readonly handle: Handle) {}

  async bind(_state: CycleState, pod: PodInfo, nodeName: string): Promise<Status | null> {
    const { namespace = '', name = '', uid } = pod.pod.metadata;
    const binding = {
      apiVersion: 'v1',
      kind: 'Binding',
      metadata: { namespace, name, uid },
      target: { kind: 'Node', name: nodeName },
    };
    try {
      await this.handle.client.request(
        'POST',
        `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(name)}/binding`,
        { body: binding },
      );
      return null;
    } catch (error) {
      return Status.asStatus(error);
    }
  }
}

export function newDefaultBinder(handle: Handle): DefaultBinderPlugin {
  return new DefaultBinderPlugin(handle);
}
