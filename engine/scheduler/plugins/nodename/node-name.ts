// NodeName (plugins/nodename): a pod that names a node (spec.nodeName) fits only that node.

import type { KubeObject } from '../../../api/object.ts';
import type { Node, Pod } from '../../framework/api-types.ts';
import type { CycleState } from '../../framework/cycle-state.ts';
import { ActionType } from '../../framework/events.ts';
import type { ClusterEventWithHint, QueueingHint } from '../../framework/events.ts';
import type { EnqueueExtensions, FilterPlugin } from '../../framework/interface.ts';
import type { NodeInfo } from '../../framework/node-info.ts';
import type { PodInfo } from '../../framework/pod-info.ts';
import { Status } from '../../framework/status.ts';
import * as names from '../names.ts';

export const Name = names.NodeName;

/** ErrReason: the status reason of a node other than the requested one. */
export const ErrReason = "node(s) didn't match the requested node name";

/** Whether the pod may run on the node: it names none, or this one. */
export function fits(pod: Pod, nodeName: string): boolean {
  const wanted = pod.spec.nodeName ?? '';
  return wanted === '' || wanted === nodeName;
}

export class NodeNamePlugin implements FilterPlugin, EnqueueExtensions {
  readonly name = Name;

  filter(_state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): Status | null {
    return fits(pod.pod, nodeInfo.name) ? null : new Status('UnschedulableAndUnresolvable', [ErrReason]);
  }

  eventsToRegister(): ClusterEventWithHint[] {
    return [{ event: { resource: 'Node', actionType: ActionType.Add }, queueingHintFn: isSchedulableAfterNodeAdd }];
  }
}

function isSchedulableAfterNodeAdd(
  pod: Pod,
  _old: KubeObject | undefined,
  added: KubeObject | undefined,
): QueueingHint {
  return fits(pod, (added as Node | undefined)?.metadata.name ?? '') ? 'Queue' : 'QueueSkip';
}

export function newNodeName(): NodeNamePlugin {
  return new NodeNamePlugin();
}
