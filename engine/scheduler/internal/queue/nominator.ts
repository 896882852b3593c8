// The nominator (internal/queue): which pods preemption nominated to which nodes, from their
// status.nominatedNodeName or the scheduler's own PostFilter result — what Filter counts in as if they already ran
// there when scheduling pods of lower or equal priority.

import type { Lister } from '../../../client/lister.ts';
import type { Pod } from '../../framework/api-types.ts';
import type { NominatingInfo, PodNominator } from '../../framework/interface.ts';
import type { PodInfo } from '../../framework/pod-info.ts';

/** What nominatedPodsForNode returns for the (usual) node without nominated pods, without allocating. */
const NONE: readonly PodInfo[] = Object.freeze([]);

export class Nominator implements PodNominator {
  private readonly nominatedPods = new Map<string, PodInfo[]>();
  private readonly nominatedPodToNode = new Map<string, string>();

  constructor(private readonly podLister: Lister) {}

  addNominatedPod(podInfo: PodInfo, nominatingInfo: NominatingInfo | undefined): void {
    this.deleteNominatedPodIfExists(podInfo.pod);
    const nodeName =
      nominatingInfo?.mode === 'Override'
        ? nominatingInfo.nominatedNodeName
        : (podInfo.pod.status?.nominatedNodeName ?? '');
    if (nodeName === '') return;
    // A pod that is gone or already scheduled is not nominated.
    const current = this.podLister.get(podInfo.pod.metadata.namespace ?? '', podInfo.pod.metadata.name ?? '') as
      Pod | undefined;
    if (!current || current.spec.nodeName) return;
    this.nominatedPodToNode.set(podInfo.uid, nodeName);
    let pods = this.nominatedPods.get(nodeName);
    if (!pods) this.nominatedPods.set(nodeName, (pods = []));
    if (!pods.some((p) => p.uid === podInfo.uid)) pods.push(podInfo);
  }

  deleteNominatedPodIfExists(pod: Pod): void {
    const uid = pod.metadata.uid ?? '';
    const nodeName = this.nominatedPodToNode.get(uid);
    if (nodeName === undefined) return;
    this.nominatedPodToNode.delete(uid);
    const pods = this.nominatedPods.get(nodeName)?.filter((p) => p.uid !== uid) ?? [];
    if (pods.length === 0) this.nominatedPods.delete(nodeName);
    else this.nominatedPods.set(nodeName, pods);
  }

  /** Keeps a nomination across an update unless the update clears or changes status.nominatedNodeName. */
  updateNominatedPod(oldPod: Pod, newPodInfo: PodInfo): void {
    let nominatingInfo: NominatingInfo | undefined;
    const oldNominated = oldPod.status?.nominatedNodeName ?? '';
    const newNominated = newPodInfo.pod.status?.nominatedNodeName ?? '';
    // The scheduler may have nominated the pod before its status caught up: keep that nomination.
    const known = this.nominatedPodToNode.get(newPodInfo.uid);
    if (oldNominated === '' && newNominated === '' && known !== undefined) {
      nominatingInfo = { nominatedNodeName: known, mode: 'Override' };
    }
    this.addNominatedPod(newPodInfo, nominatingInfo);
  }

  nominatedPodsForNode(nodeName: string): readonly PodInfo[] {
    if (this.nominatedPods.size === 0) return NONE;
    return this.nominatedPods.get(nodeName) ?? NONE;
  }

  /** The node the pod is nominated to, if any. */
  nominatedNodeOf(uid: string): string | undefined {
    return this.nominatedPodToNode.get(uid);
  }
}
