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
  /** Reused by every score: scoring is synchronous, and runs once per feasible node per cycle. */
  private readonly requested: number[];
  private readonly allocatable: number[];

  constructor(
    readonly resources: readonly ResourceSpec[],
    private readonly scorer: ResourceScorer,
    /** Count plain requests (true) or NonZeroRequested (false). */
    private readonly useRequested: boolean,
  ) {
    this.requested = new Array<number>(resources.length).fill(0);
    this.allocatable = new Array<number>(resources.length).fill(0);
  }

  /** The pod's request of each configured resource (calculatePodResourceRequestList). */
  podRequests(pod: PodInfo): number[] {
    return this.resources.map(({ name }) => {
      if (!this.useRequested && name === 'cpu') return pod.nonZeroRequests.milliCPU;
      if (!this.useRequested && name === 'memory') return pod.nonZeroRequests.memory;
      return pod.requests.get(name);
    });
  }

  score(nodeInfo: NodeInfo, podRequests: readonly number[]): number {
    const { requested, allocatable } = this;
    for (let i = 0; i < requested.length; i++) {
      this.allocatableAndRequested(nodeInfo, this.resources[i]!.name, podRequests[i]!, i);
    }
    return this.scorer(requested, allocatable);
  }

  /**
   * calculateResourceAllocatableRequest: sets entry `i` of the allocatable and requested-with-the-pod lists; (0, 0)
   * leaves the resource out.
   */
  private allocatableAndRequested(nodeInfo: NodeInfo, resource: string, podRequest: number, i: number): void {
    const requested = this.useRequested ? nodeInfo.requested : nodeInfo.nonZeroRequested;
    let alloc = 0;
    let req = 0;
    if (podRequest !== 0 || !isScalarResourceName(resource)) {
      switch (resource) {
        case 'cpu':
          alloc = nodeInfo.allocatable.milliCPU;
          req = requested.milliCPU + podRequest;
          break;
        case 'memory':
          alloc = nodeInfo.allocatable.memory;
          req = requested.memory + podRequest;
          break;
        case 'ephemeral-storage':
          alloc = nodeInfo.allocatable.ephemeralStorage;
          req = nodeInfo.requested.ephemeralStorage + podRequest;
          break;
        default:
          if (nodeInfo.allocatable.scalarResources?.has(resource)) {
            alloc = nodeInfo.allocatable.scalar(resource);
            req = nodeInfo.requested.scalar(resource) + podRequest;
          }
      }
    }
    this.allocatable[i] = alloc;
    this.requested[i] = alloc === 0 ? 0 : req;
  }
}
