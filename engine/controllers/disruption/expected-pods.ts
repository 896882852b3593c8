// How many pods a PodDisruptionBudget expects and how many must stay healthy (getExpectedPodCount): minAvailable as
// a number counts the selected pods; maxUnavailable, or minAvailable as a percentage, counts the scale of the pods'
// controllers (rounding percentages up). Pods without a controller are reported, not counted.

import { controllerRefOf } from '../common/controller-ref.ts';
import { scaledValueFromIntOrPercent } from '../common/int-or-percent.ts';
import type { Pod } from '../common/workload-types.ts';
import type { ControllerFinder } from './controller-finders.ts';
import type { PodDisruptionBudget } from './pdb-types.ts';

export interface ExpectedPods {
  expectedCount: number;
  desiredHealthy: number;
  /** Names of selected pods without a controller. */
  unmanagedPods: string[];
}

/** getExpectedScale: the sum of the scales of the pods' controllers. */
export async function expectedScale(
  pods: readonly Pod[],
  finders: readonly ControllerFinder[],
): Promise<{ expectedCount: number; unmanagedPods: string[] }> {
  const scales = new Map<string, number>();
  const unmanagedPods: string[] = [];
  for (const pod of pods) {
    const ref = controllerRefOf(pod);
    if (!ref) {
      unmanagedPods.push(pod.metadata.name ?? '');
      continue;
    }
    if (scales.has(ref.uid)) continue;
    let found = false;
    for (const finder of finders) {
      const controller = await finder(ref, pod.metadata.namespace ?? '');
      if (controller) {
        scales.set(controller.uid, controller.scale);
        found = true;
        break;
      }
    }
    if (!found) throw new Error(`found no controllers for pod "${pod.metadata.name}"`);
  }
  let expectedCount = 0;
  for (const scale of scales.values()) expectedCount += scale;
  return { expectedCount, unmanagedPods };
}

export async function expectedPodCount(
  pdb: PodDisruptionBudget,
  pods: readonly Pod[],
  finders: readonly ControllerFinder[],
): Promise<ExpectedPods> {
  const { minAvailable, maxUnavailable } = pdb.spec ?? {};
  if (maxUnavailable !== undefined) {
    const { expectedCount, unmanagedPods } = await expectedScale(pods, finders);
    const unavailable = scaledValueFromIntOrPercent(maxUnavailable, expectedCount, true);
    return { expectedCount, desiredHealthy: Math.max(0, expectedCount - unavailable), unmanagedPods };
  }
  if (typeof minAvailable === 'number') {
    return { expectedCount: pods.length, desiredHealthy: minAvailable, unmanagedPods: [] };
  }
  if (typeof minAvailable === 'string') {
    const { expectedCount, unmanagedPods } = await expectedScale(pods, finders);
    return {
      expectedCount,
      desiredHealthy: scaledValueFromIntOrPercent(minAvailable, expectedCount, true),
      unmanagedPods,
    };
  }
  return { expectedCount: 0, desiredHealthy: 0, unmanagedPods: [] };
}
