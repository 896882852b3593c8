// The preemption evaluator (framework/preemption): when a pod fits nowhere, find nodes where evicting lower-priority
// pods would make room (a dry run of the filters on node copies), pick the one where that hurts least, then mark
// and delete its victims and nominate the node for the pod. With no candidate, the pod's status explains why per
// node ("preemption: 0/N nodes are available: …").

import { rfc3339 } from '../../../api/json.ts';
import type { Pod, PodDisruptionBudget } from '../api-types.ts';
import type { CycleState } from '../cycle-state.ts';
import { Diagnosis, FitError, NodeToStatus } from '../fit-error.ts';
import type { Handle, PostFilterOutcome } from '../interface.ts';
import type { NodeInfo } from '../node-info.ts';
import type { PodInfo } from '../pod-info.ts';
import { podPriority } from '../pod-info.ts';
import { Status, isSuccess } from '../status.ts';
import type { Candidate } from './candidate.ts';
import { pickOneNodeForPreemption } from './pick-one-node.ts';

const PODS = { group: '', version: 'v1', resource: 'pods' };

export interface VictimSelection {
  victims: Pod[];
  numViolatingVictim: number;
  status: Status | null;
}

/** What a preemption plugin decides (preemption.Interface). */
export interface PreemptionInterface {
  /** Where in the node list the dry run starts, and how many candidates are enough. */
  getOffsetAndNumCandidates(numNodes: number): [number, number];
  /** Whether the pod may preempt at all, and if not why (the PostFilter message). */
  podEligibleToPreemptOthers(pod: Pod, nominatedNodeStatus: Status): { eligible: boolean; message: string };
  /** The fewest, least important pods to evict from the node copy for the pod to fit. */
  selectVictimsOnNode(
    state: CycleState,
    pod: PodInfo,
    nodeInfo: NodeInfo,
    pdbs: readonly PodDisruptionBudget[],
  ): VictimSelection;
}

export class Evaluator {
  constructor(
    private readonly pluginName: string,
    private readonly handle: Handle,
    private readonly plugin: PreemptionInterface,
  ) {}

  async preempt(state: CycleState, podInfo: PodInfo, m: NodeToStatus): Promise<PostFilterOutcome> {
    // The latest version of the pod: its nominatedNodeName may have changed.
    const latest = this.handle.listers.pods.get(podInfo.pod.metadata.namespace ?? '', podInfo.pod.metadata.name ?? '');
    const pod = (latest as Pod | undefined) ?? podInfo.pod;
    const nominatedNodeStatus = m.get(pod.status?.nominatedNodeName ?? '');
    const eligibility = this.plugin.podEligibleToPreemptOthers(pod, nominatedNodeStatus);
    if (!eligibility.eligible) return { status: new Status('Unschedulable', [eligibility.message]) };

    const allNodes = this.handle.snapshotSharedLister().list();
    if (allNodes.length === 0) return { status: Status.asStatus(new Error('no nodes available')) };
    const { candidates, nodeStatuses } = await this.findCandidates(state, podInfo, pod, allNodes, m);
    if (candidates.length === 0) {
      const diagnosis = new Diagnosis();
      diagnosis.nodeToStatus = nodeStatuses;
      nodeStatuses.setAbsentNodesStatus(
        new Status('UnschedulableAndUnresolvable', ['Preemption is not helpful for scheduling']),
      );
      const fitError = new FitError(allNodes.length, diagnosis);
      return {
        result: { nominatedNodeName: '', mode: 'Override' },
        status: new Status('Unschedulable', [fitError.error()]),
      };
    }
    const best = pickOneNodeForPreemption(candidates, this.handle.clock.now());
    if (!best || best.name === '') return { status: new Status('Unschedulable', ['no candidate node for preemption']) };
    const prepared = await this.prepareCandidate(best, pod);
    if (!isSuccess(prepared)) return { status: prepared };
    return { result: { nominatedNodeName: best.name, mode: 'Override' }, status: null, victims: best.victims.pods };
  }

  /** The nodes where preemption could help, dry-run (findCandidates + DryRunPreemption). */
  private async findCandidates(
    state: CycleState,
    podInfo: PodInfo,
    pod: Pod,
    allNodes: readonly NodeInfo[],
    m: NodeToStatus,
  ): Promise<{ candidates: Candidate[]; nodeStatuses: NodeToStatus }> {
    const lister = this.handle.snapshotSharedLister();
    const potentialNodes = m.nodesForStatusCode(allNodes, lister.byName, 'Unschedulable');
    if (potentialNodes.length === 0) {
      await this.clearNominatedNodeName([pod]).catch(() => undefined);
      return { candidates: [], nodeStatuses: new NodeToStatus() };
    }
    const pdbs = this.handle.listers.podDisruptionBudgets.list() as PodDisruptionBudget[];
    const [offset, numCandidates] = this.plugin.getOffsetAndNumCandidates(potentialNodes.length);
    const nonViolating: Candidate[] = [];
    const violating: Candidate[] = [];
    const nodeStatuses = new NodeToStatus();
    for (let i = 0; i < potentialNodes.length; i++) {
      const nodeInfoCopy = potentialNodes[(offset + i) % potentialNodes.length]!.snapshot();
      const stateCopy = state.clone();
      const selection = this.plugin.selectVictimsOnNode(stateCopy, podInfo, nodeInfoCopy, pdbs);
      let status = selection.status;
      if (isSuccess(status) && selection.victims.length > 0) {
        const candidate = {
          name: nodeInfoCopy.name,
          victims: { pods: selection.victims, numPDBViolations: selection.numViolatingVictim },
        };
        (selection.numViolatingVictim === 0 ? nonViolating : violating).push(candidate);
        if (nonViolating.length > 0 && nonViolating.length + violating.length >= numCandidates) break;
        continue;
      }
      if (isSuccess(status)) {
        status = Status.asStatus(new Error(`expected at least one victim pod on node "${nodeInfoCopy.name}"`));
      }
      nodeStatuses.set(nodeInfoCopy.name, status!);
    }
    return { candidates: [...nonViolating, ...violating], nodeStatuses };
  }

  /** Marks and deletes the victims, and clears lower-priority nominations on the node (prepareCandidate). */
  private async prepareCandidate(c: Candidate, pod: Pod): Promise<Status | null> {
    const { client, recorder, clock } = this.handle;
    const schedulerName = pod.spec.schedulerName ?? 'default-scheduler';
    try {
      for (const victim of c.victims.pods) {
        const waiting = this.handle.getWaitingPod(victim.metadata.uid ?? '');
        if (waiting) {
          waiting.reject(this.pluginName, 'preempted');
        } else {
          const { namespace = '', name = '' } = victim.metadata;
          const condition = {
            type: 'DisruptionTarget',
            status: 'True',
            reason: 'PreemptionByScheduler',
            message: `${schedulerName}: preempting to accommodate a higher priority pod`,
            lastTransitionTime: rfc3339(clock.now()),
          };
          const existing = victim.status?.conditions?.find((cond) => cond.type === 'DisruptionTarget');
          if (!existing || existing.status !== 'True' || existing.reason !== condition.reason) {
            await client.patch(
              PODS,
              namespace,
              name,
              'strategic',
              { status: { conditions: [condition] } },
              {
                subresource: 'status',
              },
            );
          }
          await client.delete(PODS, namespace, name);
        }
        recorder.event(victim, 'Normal', 'Preempted', `Preempted by pod ${pod.metadata.uid ?? ''} on node ${c.name}`);
      }
    } catch (error) {
      return Status.asStatus(error);
    }
    const lower = this.handle.nominator
      .nominatedPodsForNode(c.name)
      .filter((p) => p.priority < podPriority(pod))
      .map((p) => p.pod);
    await this.clearNominatedNodeName(lower).catch(() => undefined);
    return null;
  }

  private async clearNominatedNodeName(pods: readonly Pod[]): Promise<void> {
    for (const p of pods) {
      if (!p.status?.nominatedNodeName) continue;
      const { namespace = '', name = '' } = p.metadata;
      await this.handle.client.patch(
        PODS,
        namespace,
        name,
        'strategic',
        { status: { nominatedNodeName: null } },
        {
          subresource: 'status',
        },
      );
    }
  }
}
