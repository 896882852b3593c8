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

export function balancedResourceScorer(requested: readonly number[], allocatable: readonly number[]): number {
  const fractions: number[] = [];
  let totalFraction = 0;
  for (let i = 0; i < requested.length; i++) {
    if (allocatable[i] === 0) continue;
    const fraction = Math.min(requested[i]! / allocatable[i]!, 1);
    totalFraction += fraction;
    fractions.push(fraction);
  }
  let std = 0;
  if (fractions.length === 2) {
    std = Math.abs((fractions[0]! - fractions[1]!) / 2);
  } else if (fractions.length > 2) {
    const mean = totalFraction / fractions.length;
    let sum = 0;
    for (const fraction of fractions) sum += (fraction - mean) * (fraction - mean);
    std = Math.sqrt(sum / fractions.length);
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
