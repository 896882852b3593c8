// A DaemonSet's status counts (updateDaemonSetStatus): over the nodes that should run its pod, how many have one
// (the oldest counts), ready, available after minReadySeconds, and of the current revision; and how many nodes run
// one that should not.

import type { Node } from '../../scheduler/framework/api-types.ts';
import { isPodAvailable, isPodReady } from '../common/pod-util.ts';
import type { Pod } from '../common/workload-types.ts';
import type { DaemonPlacement } from './daemon-placement.ts';
import { byCreationTimestampAndPhase, isPodUpdated, templateGeneration } from './daemon-pod-template.ts';
import type { DaemonSet, DaemonSetStatus } from './daemonset-types.ts';

export type DaemonSetCounts = Required<
  Pick<
    DaemonSetStatus,
    | 'desiredNumberScheduled'
    | 'currentNumberScheduled'
    | 'numberMisscheduled'
    | 'numberReady'
    | 'updatedNumberScheduled'
    | 'numberAvailable'
    | 'numberUnavailable'
  >
>;

export function computeDaemonSetCounts(
  ds: DaemonSet,
  nodes: readonly Node[],
  nodeToDaemonPods: ReadonlyMap<string, Pod[]>,
  hash: string,
  placement: DaemonPlacement,
  now: number,
): DaemonSetCounts {
  const counts: DaemonSetCounts = {
    desiredNumberScheduled: 0,
    currentNumberScheduled: 0,
    numberMisscheduled: 0,
    numberReady: 0,
    updatedNumberScheduled: 0,
    numberAvailable: 0,
    numberUnavailable: 0,
  };
  const generation = templateGeneration(ds);
  const minReadySeconds = ds.spec?.minReadySeconds ?? 0;
  for (const node of nodes) {
    const pods = nodeToDaemonPods.get(node.metadata.name ?? '') ?? [];
    const scheduled = pods.length > 0;
    if (!placement.evaluate(node).shouldRun) {
      if (scheduled) counts.numberMisscheduled++;
      continue;
    }
    counts.desiredNumberScheduled++;
    if (!scheduled) continue;
    counts.currentNumberScheduled++;
    const pod = pods.length === 1 ? pods[0]! : [...pods].sort(byCreationTimestampAndPhase)[0]!;
    if (isPodReady(pod)) {
      counts.numberReady++;
      if (isPodAvailable(pod, minReadySeconds, now)) counts.numberAvailable++;
    }
    if (isPodUpdated(pod, hash, generation)) counts.updatedNumberScheduled++;
  }
  counts.numberUnavailable = counts.desiredNumberScheduled - counts.numberAvailable;
  return counts;
}

/** Whether the stored status already says all this (storeDaemonSetStatus's early return). */
export function statusUpToDate(ds: DaemonSet, counts: DaemonSetCounts): boolean {
  const status = ds.status ?? {};
  for (const [field, value] of Object.entries(counts)) {
    if ((status[field as keyof DaemonSetStatus] ?? 0) !== value) return false;
  }
  return (status.observedGeneration ?? 0) >= (ds.metadata.generation ?? 0);
}
