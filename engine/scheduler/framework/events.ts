// Cluster events (framework.ClusterEvent): what changed — a resource and an action type, as bit flags — so the
// scheduling queue can move an unschedulable pod back only when a change could make it schedulable. Plugins say
// which events may help the pods they rejected (EventsToRegister) and, per event, whether it does (QueueingHint).

import type { KubeObject } from '../../api/object.ts';
import type { Node, Pod } from './api-types.ts';

export const ActionType = {
  Add: 1 << 0,
  Delete: 1 << 1,
  UpdateNodeAllocatable: 1 << 2,
  UpdateNodeLabel: 1 << 3,
  UpdateNodeTaint: 1 << 4,
  UpdateNodeCondition: 1 << 5,
  UpdateNodeAnnotation: 1 << 6,
  UpdatePodLabel: 1 << 7,
  UpdatePodScaleDown: 1 << 8,
  UpdatePodTolerations: 1 << 9,
  UpdatePodSchedulingGatesEliminated: 1 << 10,
  /** Any other pod update; only registrations for Update as a whole match it. */
  UpdatePodOther: 1 << 11,
  All: (1 << 12) - 1,
  Update: ((1 << 12) - 1) & ~((1 << 0) | (1 << 1)),
} as const;

/** The kinds of object events are about; '*' (WildCard) in a registration matches any. */
export type EventResource = 'Pod' | 'Node' | '*';

export interface ClusterEvent {
  resource: EventResource;
  actionType: number;
  /** A readable name (NodeAdd, AssignedPodDelete…), as upstream labels events. */
  label: string;
}

export type QueueingHint = 'Queue' | 'QueueSkip';

/** Whether `event` (oldObj → newObj) may make `pod`, rejected by the registering plugin, schedulable. */
export type QueueingHintFn = (pod: Pod, oldObj: KubeObject | undefined, newObj: KubeObject | undefined) => QueueingHint;

export interface ClusterEventWithHint {
  event: { resource: EventResource; actionType: number };
  /** Absent: every matching event queues the pod. */
  queueingHintFn?: QueueingHintFn;
}

/** Whether a registered event covers an incoming one (ClusterEvent.Match). */
export function eventMatches(registered: ClusterEventWithHint['event'], incoming: ClusterEvent): boolean {
  if (registered.resource !== '*' && registered.resource !== incoming.resource) return false;
  return (registered.actionType & incoming.actionType) !== 0;
}

export const NodeAdd: ClusterEvent = { resource: 'Node', actionType: ActionType.Add, label: 'NodeAdd' };
export const NodeDelete: ClusterEvent = { resource: 'Node', actionType: ActionType.Delete, label: 'NodeDelete' };
export const AssignedPodAdd: ClusterEvent = { resource: 'Pod', actionType: ActionType.Add, label: 'AssignedPodAdd' };
export const AssignedPodDelete: ClusterEvent = {
  resource: 'Pod',
  actionType: ActionType.Delete,
  label: 'AssignedPodDelete',
};
/** Pods stayed unschedulable longer than the flush interval; every pod is worth another try. */
export const UnschedulableTimeout: ClusterEvent = {
  resource: '*',
  actionType: ActionType.All,
  label: 'UnschedulableTimeout',
};

const NODE_UPDATE_EVENTS: [number, string][] = [
  [ActionType.UpdateNodeTaint, 'NodeSpecUnschedulableChange'],
  [ActionType.UpdateNodeAllocatable, 'NodeAllocatableChange'],
  [ActionType.UpdateNodeLabel, 'NodeLabelChange'],
  [ActionType.UpdateNodeTaint, 'NodeTaintChange'],
  [ActionType.UpdateNodeCondition, 'NodeConditionChange'],
  [ActionType.UpdateNodeAnnotation, 'NodeAnnotationChange'],
];

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The conditions that matter for scheduling: type and status, not heartbeats (nodeConditionsChanged). */
function conditionStatuses(node: Node): string {
  return (node.status?.conditions ?? []).map((c) => `${c.type}=${c.status}`).join(',');
}

/** The scheduling-relevant changes of a Node update (nodeSchedulingPropertiesChange). */
export function nodeSchedulingPropertiesChange(newNode: Node, oldNode: Node): ClusterEvent[] {
  const changed = [
    !!oldNode.spec?.unschedulable && !newNode.spec?.unschedulable,
    !same(newNode.status?.allocatable, oldNode.status?.allocatable),
    !same(newNode.metadata.labels, oldNode.metadata.labels),
    !same(newNode.spec?.taints, oldNode.spec?.taints),
    conditionStatuses(newNode) !== conditionStatuses(oldNode),
    !same(newNode.metadata.annotations, oldNode.metadata.annotations),
  ];
  const events: ClusterEvent[] = [];
  changed.forEach((yes, i) => {
    const [actionType, label] = NODE_UPDATE_EVENTS[i]!;
    if (yes) events.push({ resource: 'Node', actionType, label });
  });
  return events;
}

function requestsOf(pod: Pod): string {
  return JSON.stringify([
    (pod.spec.containers ?? []).map((c) => c.resources?.requests ?? null),
    (pod.spec.initContainers ?? []).map((c) => c.resources?.requests ?? null),
  ]);
}

/** The scheduling-relevant changes of a Pod update (PodSchedulingPropertiesChange). */
export function podSchedulingPropertiesChange(newPod: Pod, oldPod: Pod): ClusterEvent[] {
  const events: ClusterEvent[] = [];
  const push = (actionType: number, label: string) => events.push({ resource: 'Pod', actionType, label });
  if (!same(newPod.metadata.labels, oldPod.metadata.labels)) push(ActionType.UpdatePodLabel, 'PodLabelChange');
  if (requestsOf(newPod) !== requestsOf(oldPod)) push(ActionType.UpdatePodScaleDown, 'PodRequestScaledDown');
  if (!same(newPod.spec.tolerations, oldPod.spec.tolerations))
    push(ActionType.UpdatePodTolerations, 'PodTolerationChange');
  if ((oldPod.spec.schedulingGates?.length ?? 0) > 0 && (newPod.spec.schedulingGates?.length ?? 0) === 0) {
    push(ActionType.UpdatePodSchedulingGatesEliminated, 'PodSchedulingGateEliminatedChange');
  }
  if (events.length === 0) push(ActionType.UpdatePodOther, 'PodUpdate');
  return events;
}
