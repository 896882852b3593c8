// A DaemonSet's rolling update (daemon/update.go rollingUpdate): without surge, old pods are deleted — unavailable
// ones at once, available ones while fewer than maxUnavailable pods are unavailable — and the manage loop creates their
// replacements; with maxSurge, a new pod starts next to each old one (at most maxSurge at a time unless the old one
// is unavailable) and the old pod goes once the new one is available.

import type { Node } from '../../scheduler/framework/api-types.ts';
import { scaledValueFromIntOrPercent } from '../common/int-or-percent.ts';
import { isPodAvailable } from '../common/pod-util.ts';
import type { Pod } from '../common/workload-types.ts';
import type { DaemonPlacement } from './daemon-placement.ts';
import { isPodUpdated, templateGeneration } from './daemon-pod-template.ts';
import type { DaemonSet } from './daemonset-types.ts';

export interface RollingUpdatePlan {
  podsToDelete: string[];
  nodesToCreate: string[];
}

/** SurgeCount: maxSurge of `desired` pods, rounded up; 0 without a rolling update. */
export function surgeCount(ds: DaemonSet, desired: number): number {
  const strategy = ds.spec?.updateStrategy;
  if (strategy?.type !== 'RollingUpdate' || strategy.rollingUpdate?.maxSurge === undefined) return 0;
  return scaledValueFromIntOrPercent(strategy.rollingUpdate.maxSurge, desired, true);
}

/** UnavailableCount: maxUnavailable of `desired` pods, rounded up; 0 without a rolling update. */
export function unavailableCount(ds: DaemonSet, desired: number): number {
  const strategy = ds.spec?.updateStrategy;
  if (strategy?.type !== 'RollingUpdate' || strategy.rollingUpdate?.maxUnavailable === undefined) return 0;
  return scaledValueFromIntOrPercent(strategy.rollingUpdate.maxUnavailable, desired, true);
}

/** AllowsSurge: whether the DaemonSet may run a second pod on a node during an update. */
export function allowsSurge(ds: DaemonSet): boolean {
  try {
    return surgeCount(ds, 1) !== 0;
  } catch {
    return false;
  }
}

/** findUpdatedPodsOnNode: the node's live new and old pod; undefined when it has more than one of either. */
export function findUpdatedPodsOnNode(
  pods: readonly Pod[],
  hash: string,
  generation: number | undefined,
): { newPod?: Pod; oldPod?: Pod } | undefined {
  let newPod: Pod | undefined;
  let oldPod: Pod | undefined;
  for (const pod of pods) {
    if (pod.metadata.deletionTimestamp) continue;
    if (isPodUpdated(pod, hash, generation)) {
      if (newPod) return undefined;
      newPod = pod;
    } else {
      if (oldPod) return undefined;
      oldPod = pod;
    }
  }
  return { newPod, oldPod };
}

/**
 * The plan for one round of the update. Nodes that should run a pod and have none count as nodes without pods after
 * those with pods (as upstream, which adds them to the end of its map).
 */
export function planRollingUpdate(
  ds: DaemonSet,
  nodes: readonly Node[],
  nodeToDaemonPods: ReadonlyMap<string, Pod[]>,
  hash: string,
  placement: DaemonPlacement,
  now: number,
): RollingUpdatePlan {
  let desired = 0;
  let withoutPods = 0;
  for (const node of nodes) {
    if (!placement.evaluate(node).shouldRun) continue;
    desired++;
    if (!nodeToDaemonPods.has(node.metadata.name ?? '')) withoutPods++;
  }
  let maxUnavailable = unavailableCount(ds, desired);
  const maxSurge = surgeCount(ds, desired);
  // An impossible configuration (both zero) accepts one unavailable pod.
  if (desired > 0 && maxUnavailable === 0 && maxSurge === 0) maxUnavailable = 1;
  const minReadySeconds = ds.spec?.minReadySeconds ?? 0;
  const available = (pod: Pod): boolean => isPodAvailable(pod, minReadySeconds, now);
  const generation = templateGeneration(ds);

  if (maxSurge === 0) {
    let numUnavailable = 0;
    const allowedReplacements: string[] = [];
    const candidates: string[] = [];
    for (const pods of nodeToDaemonPods.values()) {
      const found = findUpdatedPodsOnNode(pods, hash, generation);
      if (!found) {
        // The manage loop cleans up excess pods first; the node counts as unavailable.
        numUnavailable++;
        continue;
      }
      const { newPod, oldPod } = found;
      if ((!oldPod && !newPod) || (oldPod && newPod)) numUnavailable++;
      else if (newPod) {
        if (!available(newPod)) numUnavailable++;
      } else if (oldPod) {
        if (!available(oldPod)) {
          allowedReplacements.push(oldPod.metadata.name ?? '');
          numUnavailable++;
        } else if (numUnavailable < maxUnavailable) {
          candidates.push(oldPod.metadata.name ?? '');
        }
      }
    }
    // A node without pods is unavailable.
    numUnavailable += withoutPods;
    const remaining = Math.min(Math.max(maxUnavailable - numUnavailable, 0), candidates.length);
    return { podsToDelete: [...allowedReplacements, ...candidates.slice(0, remaining)], nodesToCreate: [] };
  }

  const nodesByName = new Map(nodes.map((n) => [n.metadata.name ?? '', n]));
  const podsToDelete: string[] = [];
  const shouldNotRunPodsToDelete: Pod[] = [];
  const candidateNewNodes: string[] = [];
  const allowedNewNodes: string[] = [];
  let numSurge = 0;
  let numAvailable = 0;
  for (const [nodeName, pods] of nodeToDaemonPods) {
    const found = findUpdatedPodsOnNode(pods, hash, generation);
    if (!found) {
      numSurge++;
      continue;
    }
    const { newPod, oldPod } = found;
    if (oldPod ? available(oldPod) : newPod && available(newPod)) numAvailable++;
    if (!oldPod) continue;
    if (!newPod) {
      const node = nodesByName.get(nodeName);
      const shouldRun = node !== undefined && placement.evaluate(node).shouldRun;
      if (!available(oldPod)) {
        if (!shouldRun) podsToDelete.push(oldPod.metadata.name ?? '');
        else allowedNewNodes.push(nodeName);
      } else if (!shouldRun) {
        shouldNotRunPodsToDelete.push(oldPod);
      } else if (numSurge < maxSurge) {
        candidateNewNodes.push(nodeName);
      }
      continue;
    }
    // Surged already: the old pod goes once the new one is available.
    if (!available(newPod)) numSurge++;
    else podsToDelete.push(oldPod.metadata.name ?? '');
  }
  // Pods on nodes no longer eligible go only while enough pods elsewhere are available.
  const deletable = Math.min(Math.max(numAvailable - desired, 0), shouldNotRunPodsToDelete.length);
  for (const pod of shouldNotRunPodsToDelete.slice(0, deletable)) {
    if (!pod.metadata.deletionTimestamp) podsToDelete.push(pod.metadata.name ?? '');
  }
  const remainingSurge = Math.min(Math.max(maxSurge - numSurge, 0), candidateNewNodes.length);
  return { podsToDelete, nodesToCreate: [...allowedNewNodes, ...candidateNewNodes.slice(0, remainingSurge)] };
}
