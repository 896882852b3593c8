// NodeResourcesBalancedAllocation (plugins/noderesources): prefers nodes whose cpu and memory would be used in equal
// shares with the pod placed — 100 × (1 − the standard deviation of the requested/allocatable fractions).

import type { CycleState, StateData } from '../../framework/cycle-state.ts';
import { MAX_NODE_SCORE } from '../../framework/interface.ts';
import type { PreScorePlugin, ScorePlugin } from '../../framework/interface.ts';
import type { NodeInfo } from '../../framework/node-info.ts';
import type { PodInfo } from '../../framework/pod-info.ts';
import type { Status } from '../../framework/status.ts';
import * as names from '../names.ts';
import { DEFAULT_RESOURCES, ResourceAllocationScorer } from './resource-allocation.ts';

export const BalancedAllocationName = names.NodeResourcesBalancedAllocation;

const preScoreStateKey = `PreScore${BalancedAllocationName}`;

class PreScoreState implements StateData {
  constructor(readonly podRequests: readonly number[]) {}

  clone(): StateData {
    return this;
  }
}

/** The fraction of a resource requested with the pod, at most 1; undefined for a resource left out. */
function fractionOf(requested: readonly number[], allocatable: readonly number[], i: number): number | undefined {
  const alloc = allocatable[i]!;
  return alloc === 0 ? undefined : Math.min(requested[i]! / alloc, 1);
}

/** 100 × (1 − the standard deviation of the fractions); with two resources, half their difference. */
export function balancedResourceScorer(requested: readonly number[], allocatable: readonly number[]): number {
  let count = 0;
  let totalFraction = 0;
  let first = 0;
  let second = 0;
  for (let i = 0; i < requested.length; i++) {
    const fraction = fractionOf(requested, allocatable, i);
    if (fraction === undefined) continue;
    if (count === 0) first = fraction;
    else if (count === 1) second = fraction;
    totalFraction += fraction;
    count++;
  }
  let std = 0;
  if (count === 2) {
    std = Math.abs((first - second) / 2);
  } else if (count > 2) {
    const mean = totalFraction / count;
    let sum = 0;
    for (let i = 0; i < requested.length; i++) {
      const fraction = fractionOf(requested, allocatable, i);
      if (fraction !== undefined) sum += (fraction - mean) * (fraction - mean);
    }
    std = Math.sqrt(sum / count);
  }
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
}

export class BalancedAllocationPlugin implements PreScorePlugin, ScorePlugin {
  readonly name = BalancedAllocationName;
  private readonly scorer = new ResourceAllocationScorer(DEFAULT_RESOURCES, balancedResourceScorer, true);

  preScore(state: CycleState, pod: PodInfo): Status | null {
    state.write(preScoreStateKey, new PreScoreState(this.scorer.podRequests(pod)));
    return null;
  }

  score(state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): number {
    const requests = state.read<PreScoreState>(preScoreStateKey)?.podRequests ?? this.scorer.podRequests(pod);
    return this.scorer.score(nodeInfo, requests);
  }
}

export function newBalancedAllocation(): BalancedAllocationPlugin {
  return new BalancedAllocationPlugin();
}
