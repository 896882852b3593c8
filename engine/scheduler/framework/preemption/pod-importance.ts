// Which pods matter more when choosing victims (scheduler/util): higher priority first, then the one that started
// earlier; pods that have not started count as starting now.

import type { Pod } from '../api-types.ts';
import { podPriority } from '../pod-info.ts';

/** GetPodStartTime in virtual ms: status.startTime, or now for pods that have not started. */
export function podStartTime(pod: Pod, now: number): number {
  const start = pod.status?.startTime;
  return start ? Date.parse(start) : now;
}

/** MoreImportantPod: higher priority, or equal priority and started earlier. */
export function moreImportantPod(a: Pod, b: Pod, now: number): boolean {
  const p1 = podPriority(a);
  const p2 = podPriority(b);
  if (p1 !== p2) return p1 > p2;
  return podStartTime(a, now) < podStartTime(b, now);
}

/** The earliest start time among the highest-priority victims (GetEarliestPodStartTime). */
export function earliestPodStartTime(victims: readonly Pod[], now: number): number | undefined {
  const first = victims[0];
  if (!first) return undefined;
  let earliest = podStartTime(first, now);
  let maxPriority = podPriority(first);
  for (const pod of victims) {
    const priority = podPriority(pod);
    if (priority === maxPriority) earliest = Math.min(earliest, podStartTime(pod, now));
    else if (priority > maxPriority) {
      maxPriority = priority;
      earliest = podStartTime(pod, now);
    }
  }
  return earliest;
}
