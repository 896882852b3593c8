// What the scheduler knows about one node (framework.NodeInfo): the Node, the pods on it (assumed ones included),
// which of them have (anti-)affinity, the resources they request, the host ports they use, and the images the node
// has. Every change bumps the node's generation, which is how the cache knows what to copy into a snapshot.

import type { Taint, Node } from './api-types.ts';
import { HostPortInfo } from './host-port-info.ts';
import type { PodInfo } from './pod-info.ts';
import { Resource } from './resource.ts';

/** What countMatching asks of a selector (a LabelSelector). */
export interface LabelMatcher {
  matches(labels: Readonly<Record<string, string>> | undefined): boolean;
}

/** An image on nodes (framework.ImageStateSummary): its size and how many nodes have it, kept by the cache. */
export interface ImageStateSummary {
  readonly size: number;
  /** The nodes that have the image; its size is NumNodes. */
  readonly nodes: ReadonlySet<string>;
}

/** The image states of a node that reports no images: one shared map. */
export const NO_IMAGES: ReadonlyMap<string, ImageStateSummary> = new Map();

let generation = 0;

/** The next value of the global generation counter (framework.nextGeneration). */
export function nextGeneration(): number {
  return ++generation;
}

function removeFromSlice(list: PodInfo[], uid: string): boolean {
  for (let i = 0; i < list.length; i++) {
    if (list[i]!.uid === uid) {
      list[i] = list[list.length - 1]!;
      list.pop();
      return true;
    }
  }
  return false;
}

/** Makes `target` hold the items of `source`, reusing its storage. */
function copyList(target: PodInfo[], source: readonly PodInfo[]): void {
  target.length = source.length;
  for (let i = 0; i < source.length; i++) target[i] = source[i]!;
}

export class NodeInfo {
  /** The Node, or undefined once it was deleted while pods still referred to it. */
  node: Node | undefined;
  name = '';
  labels: Readonly<Record<string, string>> = {};
  taints: readonly Taint[] = [];
  unschedulable = false;
  pods: PodInfo[] = [];
  podsWithAffinity: PodInfo[] = [];
  podsWithRequiredAntiAffinity: PodInfo[] = [];
  usedPorts = new HostPortInfo();
  /** The sum of the pods' requests. */
  requested = new Resource();
  /** The sum of the pods' requests, with defaults for containers that request no cpu or memory. */
  nonZeroRequested = new Resource();
  allocatable = new Resource();
  imageStates: ReadonlyMap<string, ImageStateSummary> = NO_IMAGES;
  generation = nextGeneration();
  /**
   * How many pods on the node match a selector in a namespace, by the caller's id for the pair, valid until the
   * node changes: PodTopologySpread asks the same question of every node for every pod of a workload.
   */
  private matchCounts: Map<number, number> | undefined;
  /** The last count asked for, and its id (-1 for none): the pods of one workload come in runs. */
  private lastMatchKey = -1;
  private lastMatchCount = 0;

  setNode(node: Node, imageStates: ReadonlyMap<string, ImageStateSummary> = this.imageStates): void {
    this.node = node;
    this.name = node.metadata.name ?? '';
    this.labels = node.metadata.labels ?? {};
    this.taints = node.spec?.taints ?? [];
    this.unschedulable = node.spec?.unschedulable === true;
    this.allocatable = Resource.fromList(node.status?.allocatable);
    this.imageStates = imageStates;
    this.touch();
  }

  /** Forgets the Node, keeping the pods (a node deleted before its pods). */
  removeNode(): void {
    this.node = undefined;
    this.touch();
  }

  addPod(podInfo: PodInfo): void {
    this.pods.push(podInfo);
    if (podInfo.hasAffinity) this.podsWithAffinity.push(podInfo);
    if (podInfo.hasRequiredAntiAffinity) this.podsWithRequiredAntiAffinity.push(podInfo);
    this.update(podInfo, 1);
  }

  /** Removes the pod with the given one's UID; false when it is not on the node. */
  removePod(podInfo: PodInfo): boolean {
    const uid = podInfo.uid;
    removeFromSlice(this.podsWithAffinity, uid);
    removeFromSlice(this.podsWithRequiredAntiAffinity, uid);
    for (let i = 0; i < this.pods.length; i++) {
      const existing = this.pods[i]!;
      if (existing.uid !== uid) continue;
      this.pods[i] = this.pods[this.pods.length - 1]!;
      this.pods.pop();
      this.update(existing, -1);
      return true;
    }
    return false;
  }

  /** Counts the pods `selector` matches (not terminating, in `namespace`), memoized under `key` until a change. */
  countMatching(key: number, namespace: string, selector: LabelMatcher): number {
    if (key === this.lastMatchKey) return this.lastMatchCount;
    let count = this.matchCounts?.get(key);
    if (count === undefined) {
      count = 0;
      for (const p of this.pods) {
        if (p.terminating || p.pod.metadata.namespace !== namespace) continue;
        if (selector.matches(p.pod.metadata.labels)) count++;
      }
      (this.matchCounts ??= new Map()).set(key, count);
    }
    this.lastMatchKey = key;
    this.lastMatchCount = count;
    return count;
  }

  /** A copy whose pod lists and sums can change without touching this one (NodeInfo.Snapshot). */
  snapshot(): NodeInfo {
    const copy = new NodeInfo();
    copy.copyFrom(this);
    return copy;
  }

  /** Makes this NodeInfo a copy of `other`, keeping its own identity (snapshots keep their objects). */
  copyFrom(other: NodeInfo): void {
    this.node = other.node;
    this.name = other.name;
    this.labels = other.labels;
    this.taints = other.taints;
    this.unschedulable = other.unschedulable;
    copyList(this.pods, other.pods);
    copyList(this.podsWithAffinity, other.podsWithAffinity);
    copyList(this.podsWithRequiredAntiAffinity, other.podsWithRequiredAntiAffinity);
    this.usedPorts = other.usedPorts.size === 0 && this.usedPorts.size === 0 ? this.usedPorts : other.usedPorts.clone();
    this.requested.copyFrom(other.requested);
    this.nonZeroRequested.copyFrom(other.nonZeroRequested);
    this.allocatable.copyFrom(other.allocatable);
    this.imageStates = other.imageStates;
    this.generation = other.generation;
    this.forgetMatchCounts();
  }

  private update(podInfo: PodInfo, sign: number): void {
    const { requests, nonZeroRequests } = podInfo;
    this.requested.milliCPU += sign * requests.milliCPU;
    this.requested.memory += sign * requests.memory;
    this.requested.ephemeralStorage += sign * requests.ephemeralStorage;
    if (requests.scalarResources) {
      for (const [name, amount] of requests.scalarResources) {
        this.requested.setScalar(name, this.requested.scalar(name) + sign * amount);
      }
    }
    this.nonZeroRequested.milliCPU += sign * nonZeroRequests.milliCPU;
    this.nonZeroRequested.memory += sign * nonZeroRequests.memory;
    for (const container of podInfo.pod.spec.containers ?? []) {
      for (const port of container.ports ?? []) {
        if (sign > 0) this.usedPorts.add(port.hostIP, port.protocol, port.hostPort ?? 0);
        else this.usedPorts.remove(port.hostIP, port.protocol, port.hostPort ?? 0);
      }
    }
    this.touch();
  }

  private touch(): void {
    this.generation = nextGeneration();
    this.forgetMatchCounts();
  }

  private forgetMatchCounts(): void {
    this.matchCounts = undefined;
    this.lastMatchKey = -1;
  }
}
