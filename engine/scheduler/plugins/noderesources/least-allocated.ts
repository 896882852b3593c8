// The LeastAllocated scoring strategy of NodeResourcesFit: the weighted mean, over the resources, of the share of
// allocatable that would stay free with the pod placed — emptier nodes score higher.

import { MAX_NODE_SCORE } from '../../framework/interface.ts';
import type { ResourceScorer, ResourceSpec } from './resource-allocation.ts';

/** (capacity - requested) × 100 / capacity, 0 when over capacity (integer arithmetic, as upstream). */
export function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.trunc(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

export function leastResourceScorer(resources: readonly ResourceSpec[]): ResourceScorer {
  return (requested, allocatable) => {
    let nodeScore = 0;
    let weightSum = 0;
    for (let i = 0; i < requested.length; i++) {
      if (allocatable[i] === 0) continue;
      const weight = resources[i]!.weight;
      nodeScore += leastRequestedScore(requested[i]!, allocatable[i]!) * weight;
      weightSum += weight;
    }
    return weightSum === 0 ? 0 : Math.trunc(nodeScore / weightSum);
  };
}
