// Which pods go first when a controller scales down (controller_utils.go ActivePodsWithRanks): unassigned before
// assigned, Pending before Unknown before Running, not ready before ready, lower pod-deletion-cost first, pods doubled
// up on a node with more of their siblings first, then — in logarithmic buckets of age, as with the
// LogarithmicScaleDown feature on by default — the most recently ready, the most restarted, and the newest.

import type { Pod } from './workload-types.ts';
import { isPodReady, podReadyCondition, timeOf } from './pod-util.ts';

/** The annotation that tells the ReplicaSet controller how much deleting a pod costs (PodDeletionCost, beta, on). */
export const POD_DELETION_COST_ANNOTATION = 'controller.kubernetes.io/pod-deletion-cost';

const PHASE_ORDINAL: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

export interface RankedPod {
  pod: Pod;
  /** How many active pods related to this one share its node (more first). */
  rank: number;
}

/** The deletion cost of a pod; 0 when absent or not a 32-bit integer, as upstream ignores a bad value. */
export function podDeletionCost(pod: Pod): number {
  const value = pod.metadata.annotations?.[POD_DELETION_COST_ANNOTATION];
  if (value === undefined || !/^[+-]?\d+$/.test(value)) return 0;
  const cost = Number(value);
  return cost >= -(2 ** 31) && cost < 2 ** 31 ? cost : 0;
}

/** Sorts pods in place so that the ones to delete first come first; `now` is lab ms. */
export function sortActivePodsWithRanks(pods: RankedPod[], now: number): RankedPod[] {
  return pods.sort((a, b) => (activePodLess(a, b, now) ? -1 : activePodLess(b, a, now) ? 1 : 0));
}

/** ActivePodsWithRanks.Less: whether `a` should be deleted before `b`. */
export function activePodLess(a: RankedPod, b: RankedPod, now: number): boolean {
  const pi = a.pod;
  const pj = b.pod;
  const nodeI = pi.spec?.nodeName ?? '';
  const nodeJ = pj.spec?.nodeName ?? '';
  if (nodeI !== nodeJ && (nodeI === '' || nodeJ === '')) return nodeI === '';
  const phaseI = PHASE_ORDINAL[pi.status?.phase ?? ''] ?? 0;
  const phaseJ = PHASE_ORDINAL[pj.status?.phase ?? ''] ?? 0;
  if (phaseI !== phaseJ) return phaseI < phaseJ;
  const readyI = isPodReady(pi);
  const readyJ = isPodReady(pj);
  if (readyI !== readyJ) return !readyI;
  const costI = podDeletionCost(pi);
  const costJ = podDeletionCost(pj);
  if (costI !== costJ) return costI < costJ;
  if (a.rank !== b.rank) return a.rank > b.rank;
  if (readyI && readyJ) {
    const t1 = timeOf(podReadyCondition(pi)?.lastTransitionTime);
    const t2 = timeOf(podReadyCondition(pj)?.lastTransitionTime);
    if (t1 !== t2) return newerInLogBuckets(pi, pj, t1, t2, now);
  }
  const restarts = compareMaxContainerRestarts(pi, pj);
  if (restarts !== undefined) return restarts;
  const c1 = timeOf(pi.metadata.creationTimestamp);
  const c2 = timeOf(pj.metadata.creationTimestamp);
  if (c1 !== c2) return newerInLogBuckets(pi, pj, c1, c2, now);
  return false;
}

/** With times in logarithmic buckets of their age, the younger first; ties broken by uid. */
function newerInLogBuckets(pi: Pod, pj: Pod, t1: number, t2: number, now: number): boolean {
  if (now === 0 || t1 === 0 || t2 === 0) return afterOrZero(t1, t2);
  const rankDiff = logarithmicRankDiff(t1, t2, now);
  if (rankDiff === 0) return (pi.metadata.uid ?? '') < (pj.metadata.uid ?? '');
  return rankDiff < 0;
}

/** A zero time is smaller; otherwise the later time is. */
function afterOrZero(t1: number, t2: number): boolean {
  if (t1 === 0 || t2 === 0) return t1 === 0;
  return t1 > t2;
}

/** The difference of the floor(log2) of the two ages in nanoseconds (an age ≤ 0 ranks -1). */
export function logarithmicRankDiff(t1: number, t2: number, now: number): number {
  const rank = (t: number) => {
    const ageNs = (now - t) * 1e6;
    return ageNs > 0 ? Math.floor(Math.log2(ageNs)) : -1;
  };
  return rank(t1) - rank(t2);
}

/** More restarts first: of regular containers, then of sidecars (restartable init containers). */
function compareMaxContainerRestarts(pi: Pod, pj: Pod): boolean | undefined {
  const [regularI, sidecarI] = maxContainerRestarts(pi);
  const [regularJ, sidecarJ] = maxContainerRestarts(pj);
  if (regularI !== regularJ) return regularI > regularJ;
  if (sidecarI !== sidecarJ) return sidecarI > sidecarJ;
  return undefined;
}

function maxContainerRestarts(pod: Pod): [number, number] {
  let regular = 0;
  for (const c of pod.status?.containerStatuses ?? []) regular = Math.max(regular, c.restartCount ?? 0);
  const sidecars = new Set(
    (pod.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always').map((c) => c.name),
  );
  let sidecar = 0;
  for (const c of pod.status?.initContainerStatuses ?? []) {
    if (sidecars.has(c.name)) sidecar = Math.max(sidecar, c.restartCount ?? 0);
  }
  return [regular, sidecar];
}
