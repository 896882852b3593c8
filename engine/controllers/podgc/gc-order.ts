// Which pods the pod garbage collector may remove, and in which order (pkg/controller/podgc): terminated pods (any
// phase other than Pending, Running or Unknown) beyond the threshold go oldest first, pods the kubelet evicted
// (Failed with reason Evicted) before all others, ties broken by name.

import type { Pod } from '../common/workload-types.ts';
import { timeOf } from '../common/pod-util.ts';

/** isPodTerminated: the pod's phase is neither Pending, Running nor Unknown. */
export function isPodTerminated(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase !== 'Pending' && phase !== 'Running' && phase !== 'Unknown';
}

/** eviction.PodIsEvicted: Failed with reason Evicted. */
export function podIsEvicted(pod: Pod): boolean {
  return pod.status?.phase === 'Failed' && pod.status['reason'] === 'Evicted';
}

/** byEvictionAndCreationTimestamp: evicted pods first, then by creation time, then by name. */
export function compareForDeletion(a: Pod, b: Pod): number {
  const aEvicted = podIsEvicted(a);
  if (aEvicted !== podIsEvicted(b)) return aEvicted ? -1 : 1;
  const aCreated = timeOf(a.metadata.creationTimestamp);
  const bCreated = timeOf(b.metadata.creationTimestamp);
  if (aCreated !== bCreated) return aCreated - bCreated;
  const aName = a.metadata.name ?? '';
  const bName = b.metadata.name ?? '';
  return aName < bName ? -1 : aName > bName ? 1 : 0;
}

/** gcTerminated: the terminated pods over `threshold`, in the order they are deleted. */
export function terminatedPodsOverThreshold(pods: readonly Pod[], threshold: number): Pod[] {
  const terminated = pods.filter(isPodTerminated);
  const excess = terminated.length - threshold;
  if (excess <= 0) return [];
  return terminated.sort(compareForDeletion).slice(0, excess);
}
