// Pod predicates the workload controllers share (pkg/api/v1/pod/util.go and controller_utils.go): ready, available
// after minReadySeconds, active (neither finished nor being deleted), and the namespace/name key of a pod.

import type { KubeObject } from '../../api/object.ts';
import type { Pod, PodCondition } from './workload-types.ts';

export function podReadyCondition(pod: Pod): PodCondition | undefined {
  return pod.status?.conditions?.find((c) => c.type === 'Ready');
}

/** IsPodReady: the Ready condition is True. */
export function isPodReady(pod: Pod): boolean {
  return podReadyCondition(pod)?.status === 'True';
}

/** Lab time (ms) of an RFC 3339 timestamp; 0 for none, as Go's zero time. */
export function timeOf(timestamp: string | null | undefined): number {
  if (!timestamp) return 0;
  const ms = Date.parse(timestamp);
  return Number.isNaN(ms) ? 0 : ms;
}

/**
 * IsPodAvailable: ready, and — with minReadySeconds — ready since strictly more than that long before `now` (lab ms).
 */
export function isPodAvailable(pod: Pod, minReadySeconds: number, now: number): boolean {
  if (!isPodReady(pod)) return false;
  if (minReadySeconds === 0) return true;
  const since = timeOf(podReadyCondition(pod)?.lastTransitionTime);
  return since !== 0 && since + minReadySeconds * 1000 < now;
}

/** IsPodActive: not Succeeded, not Failed, and not being deleted. */
export function isPodActive(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed' && !pod.metadata.deletionTimestamp;
}

export function filterActivePods(pods: Pod[]): Pod[] {
  return pods.filter(isPodActive);
}

/** PodKey: "namespace/name". */
export function podKey(pod: KubeObject): string {
  return `${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}`;
}
