// NodeUnschedulable (plugins/nodeunschedulable): a cordoned node (spec.unschedulable) takes only pods that tolerate
// the node.kubernetes.io/unschedulable:NoSchedule taint.

import type { KubeObject } from '../../../api/object.ts';
import type { Node, Pod } from '../../framework/api-types.ts';
import type { CycleState } from '../../framework/cycle-state.ts';
import { ActionType } from '../../framework/events.ts';
import type { ClusterEventWithHint, QueueingHint } from '../../framework/events.ts';
import type { EnqueueExtensions, FilterPlugin } from '../../framework/interface.ts';
import type { NodeInfo } from '../../framework/node-info.ts';
import type { PodInfo } from '../../framework/pod-info.ts';
import { Status } from '../../framework/status.ts';
import { tolerationsTolerateTaint } from '../helper/taints.ts';
import * as names from '../names.ts';

export const Name = names.NodeUnschedulable;

/** ErrReasonUnknownCondition: the node object is gone. */
export const ErrReasonUnknownCondition = 'node(s) had unknown conditions';
/** ErrReasonUnschedulable: the node is cordoned. */
export const ErrReasonUnschedulable = 'node(s) were unschedulable';

/** v1.TaintNodeUnschedulable as a NoSchedule taint. */
const UNSCHEDULABLE_TAINT = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' };

function toleratesUnschedulable(pod: Pod): boolean {
  return tolerationsTolerateTaint(pod.spec.tolerations, UNSCHEDULABLE_TAINT);
}

export class NodeUnschedulablePlugin implements FilterPlugin, EnqueueExtensions {
  readonly name = Name;

  filter(_state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): Status | null {
    if (!nodeInfo.node) return new Status('UnschedulableAndUnresolvable', [ErrReasonUnknownCondition]);
    if (!nodeInfo.unschedulable || toleratesUnschedulable(pod.pod)) return null;
    return new Status('UnschedulableAndUnresolvable', [ErrReasonUnschedulable]);
  }

  eventsToRegister(): ClusterEventWithHint[] {
    return [
      {
        event: { resource: 'Node', actionType: ActionType.Add | ActionType.UpdateNodeTaint },
        queueingHintFn: isSchedulableAfterNodeChange,
      },
      {
        event: { resource: 'Pod', actionType: ActionType.UpdatePodTolerations },
        queueingHintFn: isSchedulableAfterPodTolerationChange,
      },
    ];
  }
}

/** Queue when a node turns schedulable (or is added schedulable). */
function isSchedulableAfterNodeChange(
  _pod: Pod,
  old: KubeObject | undefined,
  changed: KubeObject | undefined,
): QueueingHint {
  const node = changed as Node | undefined;
  if (!node) return 'QueueSkip';
  const wasSchedulable = old !== undefined && (old as Node).spec?.unschedulable !== true;
  return !wasSchedulable && node.spec?.unschedulable !== true ? 'Queue' : 'QueueSkip';
}

function isSchedulableAfterPodTolerationChange(
  pod: Pod,
  _old: KubeObject | undefined,
  changed: KubeObject | undefined,
): QueueingHint {
  const modified = changed as Pod | undefined;
  if (modified && modified.metadata.uid === pod.metadata.uid && toleratesUnschedulable(modified)) return 'Queue';
  return 'QueueSkip';
}

export function newNodeUnschedulable(): NodeUnschedulablePlugin {
  return new NodeUnschedulablePlugin();
}
