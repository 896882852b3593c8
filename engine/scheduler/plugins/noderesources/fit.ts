// NodeResourcesFit (plugins/noderesources): Filter checks that the node's allocatable minus what its pods request
// covers the pod's requests ("Insufficient cpu", "Insufficient memory", "Too many pods"…, every shortage listed);
// Score uses the LeastAllocated strategy over cpu and memory.

import type { KubeObject } from '../../../api/object.ts';
import type { Node, Pod } from '../../framework/api-types.ts';
import type { CycleState, StateData } from '../../framework/cycle-state.ts';
import { ActionType } from '../../framework/events.ts';
import type { ClusterEventWithHint, QueueingHint } from '../../framework/events.ts';
import type {
  EnqueueExtensions,
  FilterPlugin,
  PreFilterOutcome,
  PreFilterPlugin,
  PreScorePlugin,
  ScorePlugin,
} from '../../framework/interface.ts';
import { NodeInfo } from '../../framework/node-info.ts';
import { PodInfo } from '../../framework/pod-info.ts';
import type { Resource } from '../../framework/resource.ts';
import { Status } from '../../framework/status.ts';
import * as names from '../names.ts';
import { leastResourceScorer } from './least-allocated.ts';
import { DEFAULT_RESOURCES, ResourceAllocationScorer } from './resource-allocation.ts';

export const Name = names.NodeResourcesFit;

const preFilterStateKey = `PreFilter${Name}`;
const preScoreStateKey = `PreScore${Name}`;

/** A resource the node cannot provide (InsufficientResource). */
export interface InsufficientResource {
  resourceName: string;
  reason: string;
  requested: number;
  used: number;
  capacity: number;
}

class PreFilterState implements StateData {
  constructor(readonly request: Resource) {}

  clone(): StateData {
    return this;
  }
}

class PreScoreState implements StateData {
  constructor(readonly podRequests: readonly number[]) {}

  clone(): StateData {
    return this;
  }
}

/** Whether the node can take the pod: the allocation-free check Filter runs on every node before fitsRequest. */
export function fits(podRequest: Resource, nodeInfo: NodeInfo): boolean {
  const { allocatable, requested } = nodeInfo;
  if (nodeInfo.pods.length + 1 > allocatable.allowedPodNumber) return false;
  if (podRequest.milliCPU > 0 && podRequest.milliCPU > allocatable.milliCPU - requested.milliCPU) return false;
  if (podRequest.memory > 0 && podRequest.memory > allocatable.memory - requested.memory) return false;
  if (
    podRequest.ephemeralStorage > 0 &&
    podRequest.ephemeralStorage > allocatable.ephemeralStorage - requested.ephemeralStorage
  ) {
    return false;
  }
  if (podRequest.scalarResources) {
    for (const [name, quantity] of podRequest.scalarResources) {
      if (quantity > 0 && quantity > allocatable.scalar(name) - requested.scalar(name)) return false;
    }
  }
  return true;
}

function insufficient(resourceName: string, requested: number, used: number, capacity: number): InsufficientResource {
  return { resourceName, reason: `Insufficient ${resourceName}`, requested, used, capacity };
}

/** fitsRequest: every resource the node lacks for the request, in upstream's order. */
export function fitsRequest(podRequest: Resource, nodeInfo: NodeInfo): InsufficientResource[] {
  const result: InsufficientResource[] = [];
  const { allocatable, requested } = nodeInfo;
  if (nodeInfo.pods.length + 1 > allocatable.allowedPodNumber) {
    result.push({
      resourceName: 'pods',
      reason: 'Too many pods',
      requested: 1,
      used: nodeInfo.pods.length,
      capacity: allocatable.allowedPodNumber,
    });
  }
  if (podRequest.isZero()) return result;
  for (const name of ['cpu', 'memory', 'ephemeral-storage']) {
    const want = podRequest.get(name);
    if (want > 0 && want > allocatable.get(name) - requested.get(name)) {
      result.push(insufficient(name, want, requested.get(name), allocatable.get(name)));
    }
  }
  if (podRequest.scalarResources) {
    for (const [name, quantity] of podRequest.scalarResources) {
      if (quantity > 0 && quantity > allocatable.scalar(name) - requested.scalar(name)) {
        result.push(insufficient(name, quantity, requested.scalar(name), allocatable.scalar(name)));
      }
    }
  }
  return result;
}

/** Whether the pod fits the node when nothing else runs there (isFit). */
function fitsEmptyNode(pod: PodInfo, node: Node): boolean {
  const nodeInfo = new NodeInfo();
  nodeInfo.setNode(node);
  return fits(pod.requests, nodeInfo);
}

export class FitPlugin implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin, EnqueueExtensions {
  readonly name = Name;
  private readonly scorer = new ResourceAllocationScorer(
    DEFAULT_RESOURCES,
    leastResourceScorer(DEFAULT_RESOURCES),
    false,
  );

  preFilter(state: CycleState, pod: PodInfo): PreFilterOutcome {
    state.write(preFilterStateKey, new PreFilterState(pod.requests));
    return { status: null };
  }

  filter(state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): Status | null {
    const request = state.read<PreFilterState>(preFilterStateKey)?.request ?? pod.requests;
    if (fits(request, nodeInfo)) return null;
    return new Status(
      'Unschedulable',
      fitsRequest(request, nodeInfo).map((r) => r.reason),
    );
  }

  preScore(state: CycleState, pod: PodInfo): Status | null {
    state.write(preScoreStateKey, new PreScoreState(this.scorer.podRequests(pod)));
    return null;
  }

  score(state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): number {
    const requests = state.read<PreScoreState>(preScoreStateKey)?.podRequests ?? this.scorer.podRequests(pod);
    return this.scorer.score(nodeInfo, requests);
  }

  eventsToRegister(): ClusterEventWithHint[] {
    return [
      { event: { resource: 'Pod', actionType: ActionType.Delete }, queueingHintFn: isSchedulableAfterPodDeleted },
      {
        event: { resource: 'Node', actionType: ActionType.Add | ActionType.UpdateNodeAllocatable },
        queueingHintFn: isSchedulableAfterNodeChange,
      },
    ];
  }
}

/** Any scheduled pod's deletion may free resources; an unscheduled one's frees nothing. */
function isSchedulableAfterPodDeleted(_pod: Pod, old: KubeObject | undefined): QueueingHint {
  return (old as Pod | undefined)?.spec.nodeName ? 'Queue' : 'QueueSkip';
}

/** Queue when the pod would fit the node on its own and the node was added or grew in a resource the pod needs. */
function isSchedulableAfterNodeChange(
  pod: Pod,
  old: KubeObject | undefined,
  changed: KubeObject | undefined,
): QueueingHint {
  if (!changed) return 'QueueSkip';
  const podInfo = new PodInfo(pod);
  if (!fitsEmptyNode(podInfo, changed as Node)) return 'QueueSkip';
  if (!old) return 'Queue';
  const before = new NodeInfo();
  before.setNode(old as Node);
  const after = new NodeInfo();
  after.setNode(changed as Node);
  return haveAnyRequestedResourcesIncreased(podInfo.requests, before, after) ? 'Queue' : 'QueueSkip';
}

function haveAnyRequestedResourcesIncreased(request: Resource, before: NodeInfo, after: NodeInfo): boolean {
  const a = before.allocatable;
  const b = after.allocatable;
  if (b.allowedPodNumber > a.allowedPodNumber) return true;
  if (request.isZero()) return false;
  if (request.milliCPU > 0 && b.milliCPU > a.milliCPU) return true;
  if (request.memory > 0 && b.memory > a.memory) return true;
  if (request.ephemeralStorage > 0 && b.ephemeralStorage > a.ephemeralStorage) return true;
  for (const [name, quantity] of request.scalarResources ?? []) {
    if (quantity !== 0 && b.scalar(name) > a.scalar(name)) return true;
  }
  return false;
}

export function newFit(): FitPlugin {
  return new FitPlugin();
}
