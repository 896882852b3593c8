// The scheduler cache (internal/cache/cache.go): NodeInfo per node, built incrementally from the node and pod
// informers, plus "assumed" pods — placed by the scheduler but not yet bound — so the next cycle already counts
// them. NodeInfos sit in a list ordered by most recent change, so UpdateSnapshot copies only what changed since the
// last snapshot (generation-based), never the whole cluster.

import type { Node, Pod } from '../../framework/api-types.ts';
import { NO_IMAGES, NodeInfo } from '../../framework/node-info.ts';
import type { ImageStateSummary } from '../../framework/node-info.ts';
import type { PodInfo } from '../../framework/pod-info.ts';
import { NodeTree } from './node-tree.ts';
import type { Snapshot } from './snapshot.ts';

interface NodeInfoListItem {
  info: NodeInfo;
  next: NodeInfoListItem | undefined;
  prev: NodeInfoListItem | undefined;
}

interface PodState {
  pod: PodInfo;
  bindingFinished: boolean;
}

interface ImageState {
  size: number;
  nodes: Set<string>;
}

export class SchedulerCache {
  private readonly nodes = new Map<string, NodeInfoListItem>();
  /** The most recently changed NodeInfo; the list runs from newest to oldest generation. */
  private headNode: NodeInfoListItem | undefined;
  private readonly nodeTree = new NodeTree();
  private readonly podStates = new Map<string, PodState>();
  private readonly assumedPods = new Set<string>();
  private readonly imageStates = new Map<string, ImageState>();

  get nodeCount(): number {
    return this.nodeTree.numNodes;
  }

  get podCount(): number {
    return this.podStates.size;
  }

  /** The cached pod with the UID, assumed or added. */
  getPod(uid: string): PodInfo | undefined {
    return this.podStates.get(uid)?.pod;
  }

  isAssumedPod(pod: Pod): boolean {
    return this.assumedPods.has(pod.metadata.uid ?? '');
  }

  /** Counts a pod the scheduler placed (spec.nodeName set on the copy) before it is bound. */
  assumePod(podInfo: PodInfo): void {
    const key = podInfo.uid;
    if (this.podStates.has(key)) throw new Error(`pod ${key}(${podInfo.key}) is in the cache, so can't be assumed`);
    this.addPodInternal(podInfo, true);
  }

  /** Binding is done (or failed); the assumed pod waits for the informer to confirm it. */
  finishBinding(pod: Pod): void {
    const state = this.podStates.get(pod.metadata.uid ?? '');
    if (state && this.assumedPods.has(pod.metadata.uid ?? '')) state.bindingFinished = true;
  }

  /** Drops an assumed pod whose binding failed. */
  forgetPod(pod: Pod): void {
    const key = pod.metadata.uid ?? '';
    const state = this.podStates.get(key);
    if (state && state.pod.pod.spec.nodeName !== pod.spec.nodeName) {
      throw new Error(
        `pod ${key}(${state.pod.key}) was assumed on ${pod.spec.nodeName ?? ''} but assigned to ${state.pod.pod.spec.nodeName ?? ''}`,
      );
    }
    if (state && this.assumedPods.has(key)) {
      this.removePodInternal(state.pod);
      return;
    }
    throw new Error(`pod ${key}(${podKeyOf(pod)}) wasn't assumed so cannot be forgotten`);
  }

  /** A scheduled pod seen by the informer: confirms an assumed pod, or adds it. */
  addPod(podInfo: PodInfo): void {
    const key = podInfo.uid;
    const current = this.podStates.get(key);
    if (current && this.assumedPods.has(key)) {
      this.updatePodInternal(current.pod, podInfo);
      return;
    }
    if (!current) {
      this.addPodInternal(podInfo, false);
      return;
    }
    throw new Error(`pod ${key}(${podInfo.key}) was already in added state`);
  }

  updatePod(oldPod: PodInfo, newPod: PodInfo): void {
    const key = oldPod.uid;
    const current = this.podStates.get(key);
    if (!current || this.assumedPods.has(key)) {
      throw new Error(`pod ${key}(${oldPod.key}) is not added to scheduler cache, so cannot be updated`);
    }
    if (current.pod.pod.spec.nodeName !== newPod.pod.spec.nodeName) {
      throw new Error(`pod ${key}(${oldPod.key}) was updated to a different node`);
    }
    this.updatePodInternal(current.pod, newPod);
  }

  removePod(pod: Pod): void {
    const key = pod.metadata.uid ?? '';
    const current = this.podStates.get(key);
    if (!current)
      throw new Error(`pod ${key}(${podKeyOf(pod)}) is not found in scheduler cache, so cannot be removed from it`);
    this.removePodInternal(current.pod);
  }

  addNode(node: Node): void {
    const name = node.metadata.name ?? '';
    let item = this.nodes.get(name);
    if (!item) {
      item = { info: new NodeInfo(), next: undefined, prev: undefined };
      this.nodes.set(name, item);
    } else {
      this.removeNodeImageStates(item.info.node);
    }
    this.moveNodeInfoToHead(name);
    this.nodeTree.addNode(node);
    item.info.setNode(node, this.addNodeImageStates(node));
  }

  updateNode(oldNode: Node, newNode: Node): void {
    const name = newNode.metadata.name ?? '';
    let item = this.nodes.get(name);
    if (!item) {
      item = { info: new NodeInfo(), next: undefined, prev: undefined };
      this.nodes.set(name, item);
      this.nodeTree.addNode(newNode);
    } else {
      this.removeNodeImageStates(item.info.node);
    }
    this.moveNodeInfoToHead(name);
    this.nodeTree.updateNode(oldNode, newNode);
    item.info.setNode(newNode, this.addNodeImageStates(newNode));
  }

  /** Forgets the Node; its NodeInfo stays while pods still refer to it. */
  removeNode(node: Node): void {
    const name = node.metadata.name ?? '';
    const item = this.nodes.get(name);
    if (!item) throw new Error(`node ${name} is not found`);
    item.info.removeNode();
    if (item.info.pods.length === 0) this.removeNodeInfoFromList(name);
    else this.moveNodeInfoToHead(name);
    this.nodeTree.removeNode(node);
    this.removeNodeImageStates(node);
  }

  /**
   * Brings the snapshot up to date: copies the NodeInfos changed since its generation (walking the list from the
   * newest until an older one), then rebuilds its lists only when nodes came or went or a node started or stopped
   * hosting pods with affinity.
   */
  updateSnapshot(snapshot: Snapshot): void {
    const snapshotGeneration = snapshot.generation;
    let updateAllLists = false;
    let updateAffinityLists = false;
    const copied: NodeInfo[] = [];
    for (let item = this.headNode; item; item = item.next) {
      if (item.info.generation <= snapshotGeneration) break;
      const info = item.info;
      if (!info.node) continue;
      let existing = snapshot.nodeInfoMap.get(info.name);
      if (!existing) {
        updateAllLists = true;
        existing = new NodeInfo();
        snapshot.nodeInfoMap.set(info.name, existing);
      }
      if (
        existing.podsWithAffinity.length > 0 !== info.podsWithAffinity.length > 0 ||
        existing.podsWithRequiredAntiAffinity.length > 0 !== info.podsWithRequiredAntiAffinity.length > 0
      ) {
        updateAffinityLists = true;
      }
      existing.copyFrom(info);
      copied.push(existing);
    }
    snapshot.recordUpdate(copied);
    snapshot.imageStates = this.imageStates;
    if (this.headNode) snapshot.generation = this.headNode.info.generation;
    if (snapshot.nodeInfoMap.size > this.nodeTree.numNodes) {
      this.removeDeletedNodesFromSnapshot(snapshot);
      updateAllLists = true;
    }
    if (updateAllLists || updateAffinityLists) this.updateNodeInfoSnapshotList(snapshot, updateAllLists);
    if (snapshot.nodeInfoList.length !== this.nodeTree.numNodes) this.updateNodeInfoSnapshotList(snapshot, true);
  }

  private updateNodeInfoSnapshotList(snapshot: Snapshot, updateAll: boolean): void {
    if (updateAll) {
      snapshot.nodeInfoList = [];
      for (const name of this.nodeTree.list()) {
        const info = snapshot.nodeInfoMap.get(name);
        if (info) snapshot.nodeInfoList.push(info);
      }
    }
    snapshot.havePodsWithAffinityNodeInfoList = snapshot.nodeInfoList.filter((n) => n.podsWithAffinity.length > 0);
    snapshot.havePodsWithRequiredAntiAffinityNodeInfoList = snapshot.nodeInfoList.filter(
      (n) => n.podsWithRequiredAntiAffinity.length > 0,
    );
  }

  private removeDeletedNodesFromSnapshot(snapshot: Snapshot): void {
    let toDelete = snapshot.nodeInfoMap.size - this.nodeTree.numNodes;
    for (const name of [...snapshot.nodeInfoMap.keys()]) {
      if (toDelete <= 0) break;
      const item = this.nodes.get(name);
      if (!item || !item.info.node) {
        snapshot.nodeInfoMap.delete(name);
        toDelete--;
      }
    }
  }

  private addPodInternal(podInfo: PodInfo, assumed: boolean): void {
    const key = podInfo.uid;
    const nodeName = podInfo.pod.spec.nodeName ?? '';
    let item = this.nodes.get(nodeName);
    if (!item) {
      item = { info: new NodeInfo(), next: undefined, prev: undefined };
      this.nodes.set(nodeName, item);
    }
    item.info.addPod(podInfo);
    this.moveNodeInfoToHead(nodeName);
    this.podStates.set(key, { pod: podInfo, bindingFinished: false });
    if (assumed) this.assumedPods.add(key);
  }

  private updatePodInternal(oldPod: PodInfo, newPod: PodInfo): void {
    this.removePodInternal(oldPod);
    this.addPodInternal(newPod, false);
  }

  private removePodInternal(podInfo: PodInfo): void {
    const nodeName = podInfo.pod.spec.nodeName ?? '';
    const item = this.nodes.get(nodeName);
    if (item) {
      item.info.removePod(podInfo);
      if (item.info.pods.length === 0 && !item.info.node) this.removeNodeInfoFromList(nodeName);
      else this.moveNodeInfoToHead(nodeName);
    }
    this.podStates.delete(podInfo.uid);
    this.assumedPods.delete(podInfo.uid);
  }

  private addNodeImageStates(node: Node): ReadonlyMap<string, ImageStateSummary> {
    if (!node.status?.images?.length) return NO_IMAGES;
    const summaries = new Map<string, ImageStateSummary>();
    const name = node.metadata.name ?? '';
    for (const image of node.status?.images ?? []) {
      for (const imageName of image.names ?? []) {
        let state = this.imageStates.get(imageName);
        if (!state) {
          state = { size: image.sizeBytes ?? 0, nodes: new Set() };
          this.imageStates.set(imageName, state);
        }
        state.nodes.add(name);
        if (!summaries.has(imageName)) summaries.set(imageName, state);
      }
    }
    return summaries;
  }

  private removeNodeImageStates(node: Node | undefined): void {
    if (!node) return;
    const name = node.metadata.name ?? '';
    for (const image of node.status?.images ?? []) {
      for (const imageName of image.names ?? []) {
        const state = this.imageStates.get(imageName);
        if (!state) continue;
        state.nodes.delete(name);
        if (state.nodes.size === 0) this.imageStates.delete(imageName);
      }
    }
  }

  private moveNodeInfoToHead(name: string): void {
    const item = this.nodes.get(name);
    if (!item || item === this.headNode) return;
    if (item.prev) item.prev.next = item.next;
    if (item.next) item.next.prev = item.prev;
    if (this.headNode) this.headNode.prev = item;
    item.next = this.headNode;
    item.prev = undefined;
    this.headNode = item;
  }

  private removeNodeInfoFromList(name: string): void {
    const item = this.nodes.get(name);
    if (!item) return;
    if (item.prev) item.prev.next = item.next;
    if (item.next) item.next.prev = item.prev;
    if (item === this.headNode) this.headNode = item.next;
    this.nodes.delete(name);
  }
}

function podKeyOf(pod: Pod): string {
  return `${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}`;
}
