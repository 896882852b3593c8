// The scorer NodeResourcesFit and NodeResourcesBalancedAllocation share (resourceAllocationScorer): for each
// configured resource, the node's allocatable and what would be requested with the pod on it, handed to a scoring
// function. Fit counts NonZeroRequested (containers without requests count 100m / 200Mi); BalancedAllocation counts
// the plain requests.

import type { NodeInfo } from '../../framework/node-info.ts';
import type { PodInfo } from '../../framework/pod-info.ts';
import { isScalarResourceName } from '../../framework/resource.ts';

/** config.ResourceSpec. */
export interface ResourceSpec {
  name: string;
  weight: number;
}

/** The default resources both scorers weigh: cpu and memory, weight 1 each. */
export const DEFAULT_RESOURCES: readonly ResourceSpec[] = [
  { name: 'cpu', weight: 1 },
  { name: 'memory', weight: 1 },
];

export type ResourceScorer = (requested: readonly number[], allocatable: readonly number[]) => number;

export class ResourceAllocationScorer {
  constructor(
    readonly resources: readonly ResourceSpec[],
    private readonly scorer: ResourceScorer,
    /** Count plain requests (true) or NonZeroRequested (false). */
    private readonly useRequested: boolean,
  ) {}

  /** The pod's request of each configured resource (calculatePodResourceRequestList). */
  podRequests(pod: PodInfo): number[] {
    return this.resources.map(({ name }) => {
      if (!this.useRequested && name === 'cpu') return pod.nonZeroRequests.milliCPU;
      if (!this.useRequested && name === 'memory') return pod.nonZeroRequests.memory;
      return pod.requests.get(name);
    });
  }

  score(nodeInfo: NodeInfo, podRequests: readonly number[]): number {
    const n = this.resources.length;
    const requested = new Array<number>(n).fill(0);
    const allocatable = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) {
      const [alloc, req] = this.allocatableAndRequested(nodeInfo, this.resources[i]!.name, podRequests[i]!);
      if (alloc === 0) continue;
      allocatable[i] = alloc;
      requested[i] = req;
    }
    return this.scorer(requested, allocatable);
  }

  /** calculateResourceAllocatableRequest: (allocatable, requested with the pod), (0, 0) to leave it out. */
  private allocatableAndRequested(nodeInfo: NodeInfo, resource: string, podRequest: number): [number, number] {
    const requested = this.useRequested ? nodeInfo.requested : nodeInfo.nonZeroRequested;
    if (podRequest === 0 && isScalarResourceName(resource)) return [0, 0];
    switch (resource) {
      case 'cpu':
        return [nodeInfo.allocatable.milliCPU, requested.milliCPU + podRequest];
      case 'memory':
        return [nodeInfo.allocatable.memory, requested.memory + podRequest];
      case 'ephemeral-storage':
        return [nodeInfo.allocatable.ephemeralStorage, nodeInfo.requested.ephemeralStorage + podRequest];
      default:
        if (nodeInfo.allocatable.scalarResources?.has(resource)) {
          return [nodeInfo.allocatable.scalar(resource), nodeInfo.requested.scalar(resource) + podRequest];
        }
        return [0, 0];
    }
  }
}
