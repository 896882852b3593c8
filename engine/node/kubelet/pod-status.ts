// The status the kubelet writes for a pod (generateAPIPodStatus, then the status manager's merge): phase,
// conditions — those of other writers first, then the kubelet's in its order — host and pod IPs, start time,
// container statuses and the QoS class. Condition transition times and the start time carry over from the previous
// status.

import { rfc3339 } from '../../api/json.ts';
import { computePodQOS } from '../../apiserver/registry/core/pod-qos.ts';
import type { ContainerRecord } from './container-statuses.ts';
import { containerStatuses, initContainerStatuses } from './container-statuses.ts';
import {
  KUBELET_CONDITIONS,
  containersReadyCondition,
  initializedCondition,
  podReadyCondition,
  readyToStartContainersCondition,
} from './pod-conditions.ts';
import { podPhase } from './pod-phase.ts';
import type { PodCondition, PodSpec, PodStatus } from './pod-types.ts';

export interface PodStatusInput {
  spec: PodSpec;
  /** The pod's status as last generated or seen (times to keep). */
  previous: PodStatus;
  /** The conditions the API object has now: those of other writers (readiness gates, DisruptionTarget) are kept. */
  apiConditions?: readonly PodCondition[];
  init: readonly ContainerRecord[];
  containers: readonly ContainerRecord[];
  sandboxReady: boolean;
  /** The pod IP once the sandbox has one. */
  podIP?: string;
  hostIP: string;
  /** The pod will not run again (deleted, or its containers are done). */
  terminal: boolean;
  isStaticPod: boolean;
  now: number;
}

/** Keeps a condition's transition time while its status stays the same. */
function withTransitionTime(c: PodCondition, previous: readonly PodCondition[], now: string): PodCondition {
  const old = previous.find((p) => p.type === c.type);
  const lastTransitionTime = old && old.status === c.status ? (old.lastTransitionTime ?? now) : now;
  return { type: c.type, status: c.status, lastProbeTime: null, lastTransitionTime, ...pick(c) };
}

function pick(c: PodCondition): Partial<PodCondition> {
  const extra: Partial<PodCondition> = {};
  if (c.reason) extra.reason = c.reason;
  if (c.message) extra.message = c.message;
  return extra;
}

export function generatePodStatus(input: PodStatusInput): PodStatus {
  const { spec, previous } = input;
  const now = rfc3339(input.now);
  const previousConditions = previous.conditions ?? [];
  const init = initContainerStatuses(input.init);
  const containers = containerStatuses(input.containers, (spec.initContainers?.length ?? 0) > 0);
  const phase = podPhase(spec, init, containers, input.terminal, input.isStaticPod);

  const others = (input.apiConditions ?? previousConditions).filter((c) => !KUBELET_CONDITIONS.has(c.type));
  const scheduled = previousConditions.find((c) => c.type === 'PodScheduled');
  const all = [...init, ...containers];
  const conditions: PodCondition[] = [
    ...others,
    withTransitionTime(readyToStartContainersCondition(input.sandboxReady), previousConditions, now),
    withTransitionTime(initializedCondition(spec, init, containers, phase), previousConditions, now),
    withTransitionTime(podReadyCondition(spec, others, all, phase), previousConditions, now),
    withTransitionTime(containersReadyCondition(spec, all, phase), previousConditions, now),
    scheduled ?? { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: now },
  ];

  const status: PodStatus = { phase, conditions, hostIP: input.hostIP, hostIPs: [{ ip: input.hostIP }] };
  if (input.podIP) {
    status.podIP = input.podIP;
    status.podIPs = [{ ip: input.podIP }];
  }
  status.startTime = previous.startTime ?? now;
  if (init.length) status.initContainerStatuses = init;
  status.containerStatuses = containers;
  status.qosClass = previous.qosClass ?? computePodQOS(spec as unknown as Record<string, unknown>);
  return status;
}

/** The status of a pod the kubelet refused to run (admission): Failed, with the reason and why. */
export function rejectedPodStatus(previous: PodStatus, reason: string, message: string): PodStatus {
  const status: PodStatus = { phase: 'Failed', reason, message: `Pod was rejected: ${message}` };
  const scheduled = previous.conditions?.filter((c) => c.type === 'PodScheduled');
  if (scheduled?.length) status.conditions = scheduled;
  if (previous.qosClass) status.qosClass = previous.qosClass;
  return status;
}
