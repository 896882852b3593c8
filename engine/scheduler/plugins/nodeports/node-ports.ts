// NodePorts (plugins/nodeports): a pod asking for host ports fits only nodes where no other pod holds the same
// protocol/port on the same (or the wildcard) address.

import type { KubeObject } from '../../../api/object.ts';
import type { ContainerPort, Pod } from '../../framework/api-types.ts';
import type { CycleState, StateData } from '../../framework/cycle-state.ts';
import { ActionType } from '../../framework/events.ts';
import type { ClusterEventWithHint, QueueingHint } from '../../framework/events.ts';
import type { EnqueueExtensions, FilterPlugin, PreFilterOutcome, PreFilterPlugin } from '../../framework/interface.ts';
import { HostPortInfo } from '../../framework/host-port-info.ts';
import type { NodeInfo } from '../../framework/node-info.ts';
import { PodInfo } from '../../framework/pod-info.ts';
import { Status } from '../../framework/status.ts';
import * as names from '../names.ts';

export const Name = names.NodePorts;

/** ErrReason: another pod on the node holds a requested host port. */
export const ErrReason = "node(s) didn't have free ports for the requested pod ports";

const preFilterStateKey = `PreFilter${Name}`;

class PreFilterState implements StateData {
  constructor(readonly ports: readonly ContainerPort[]) {}

  clone(): StateData {
    return this;
  }
}

/** Whether none of the wanted ports is in use on the node. */
export function fitsPorts(wantPorts: readonly ContainerPort[], nodeInfo: NodeInfo): boolean {
  for (const cp of wantPorts) {
    if (nodeInfo.usedPorts.checkConflict(cp.hostIP, cp.protocol, cp.hostPort ?? 0)) return false;
  }
  return true;
}

export class NodePortsPlugin implements PreFilterPlugin, FilterPlugin, EnqueueExtensions {
  readonly name = Name;

  preFilter(state: CycleState, pod: PodInfo): PreFilterOutcome {
    if (pod.hostPorts.length === 0) return { status: new Status('Skip') };
    state.write(preFilterStateKey, new PreFilterState(pod.hostPorts));
    return { status: null };
  }

  filter(state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): Status | null {
    const wanted = state.read<PreFilterState>(preFilterStateKey)?.ports ?? pod.hostPorts;
    return fitsPorts(wanted, nodeInfo) ? null : new Status('Unschedulable', [ErrReason]);
  }

  eventsToRegister(): ClusterEventWithHint[] {
    return [
      { event: { resource: 'Pod', actionType: ActionType.Delete }, queueingHintFn: isSchedulableAfterPodDeleted },
      { event: { resource: 'Node', actionType: ActionType.Add | ActionType.Update } },
    ];
  }
}

/** Queue when the deleted pod was scheduled or nominated and held a port the pod wants. */
function isSchedulableAfterPodDeleted(pod: Pod, old: KubeObject | undefined): QueueingHint {
  const deleted = old as Pod | undefined;
  if (!deleted || (!deleted.spec.nodeName && !deleted.status?.nominatedNodeName)) return 'QueueSkip';
  const freed = new PodInfo(deleted).hostPorts;
  if (freed.length === 0) return 'QueueSkip';
  const portsInUse = new HostPortInfo();
  for (const p of freed) portsInUse.add(p.hostIP, p.protocol, p.hostPort ?? 0);
  const conflicts = new PodInfo(pod).hostPorts.some((p) =>
    portsInUse.checkConflict(p.hostIP, p.protocol, p.hostPort ?? 0),
  );
  return conflicts ? 'Queue' : 'QueueSkip';
}

export function newNodePorts(): NodePortsPlugin {
  return new NodePortsPlugin();
}
