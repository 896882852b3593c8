// Which pods a ReplicaSet deletes when it has too many (replica_set.go getPodsToDelete): all of them if it must, else
// the first `diff` in ActivePods order, where a pod's rank is how many active pods related to it (those of the
// ReplicaSets of the same Deployment) run on its node — so doubled-up pods go first.

import type { RankedPod } from '../common/active-pods.ts';
import { sortActivePodsWithRanks } from '../common/active-pods.ts';
import { isPodActive } from '../common/pod-util.ts';
import type { Pod } from '../common/workload-types.ts';

export function podsToDelete(pods: Pod[], relatedPods: Pod[], diff: number, now: number): Pod[] {
  if (diff >= pods.length) return pods.slice(0, diff);
  const podsOnNode = new Map<string, number>();
  for (const pod of relatedPods) {
    if (!isPodActive(pod)) continue;
    const node = pod.spec?.nodeName ?? '';
    podsOnNode.set(node, (podsOnNode.get(node) ?? 0) + 1);
  }
  const ranked: RankedPod[] = pods.map((pod) => ({ pod, rank: podsOnNode.get(pod.spec?.nodeName ?? '') ?? 0 }));
  return sortActivePodsWithRanks(ranked, now)
    .slice(0, diff)
    .map((r) => r.pod);
}
