// DefaultPreemption (plugins/defaultpreemption): the PostFilter that preempts. A pod may preempt unless its
// preemptionPolicy is Never or a lower-priority pod is still terminating on its nominated node; on each candidate
// node it evicts every lower-priority pod, then reprieves as many as still let the pod fit — PDB-protected ones
// first, most important first.

import type { Pod, PodDisruptionBudget } from '../../framework/api-types.ts';
import type { CycleState } from '../../framework/cycle-state.ts';
import type { NodeToStatus } from '../../framework/fit-error.ts';
import type { Handle, PostFilterOutcome, PostFilterPlugin } from '../../framework/interface.ts';
import type { NodeInfo } from '../../framework/node-info.ts';
import { podPriority } from '../../framework/pod-info.ts';
import type { PodInfo } from '../../framework/pod-info.ts';
import { Evaluator } from '../../framework/preemption/evaluator.ts';
import type { PreemptionInterface, VictimSelection } from '../../framework/preemption/evaluator.ts';
import { moreImportantPod } from '../../framework/preemption/pod-importance.ts';
import { Status, isSuccess } from '../../framework/status.ts';
import * as names from '../names.ts';
import { filterPodsWithPDBViolation } from './pdb-violation.ts';

export const Name = names.DefaultPreemption;

/** MinCandidateNodesPercentage and MinCandidateNodesAbsolute, the plugin's default args. */
const MIN_CANDIDATE_NODES_PERCENTAGE = 10;
const MIN_CANDIDATE_NODES_ABSOLUTE = 100;

/** How many candidates the dry run looks for: 10% of the nodes, at least 100 (calculateNumCandidates). */
export function calculateNumCandidates(numNodes: number): number {
  let n = Math.trunc((numNodes * MIN_CANDIDATE_NODES_PERCENTAGE) / 100);
  if (n < MIN_CANDIDATE_NODES_ABSOLUTE) n = MIN_CANDIDATE_NODES_ABSOLUTE;
  return Math.min(n, numNodes);
}

export class DefaultPreemptionPlugin implements PostFilterPlugin, PreemptionInterface {
  readonly name = Name;
  private readonly evaluator: Evaluator;

  constructor(private readonly handle: Handle) {
    this.evaluator = new Evaluator(Name, handle, this);
  }

  async postFilter(state: CycleState, pod: PodInfo, m: NodeToStatus): Promise<PostFilterOutcome> {
    const outcome = await this.evaluator.preempt(state, pod, m);
    const msg = outcome.status?.message() ?? '';
    if (msg.length > 0) return { ...outcome, status: new Status(outcome.status!.code, [`preemption: ${msg}`]) };
    return outcome;
  }

  getOffsetAndNumCandidates(numNodes: number): [number, number] {
    return [Math.floor(this.handle.random() * numNodes), calculateNumCandidates(numNodes)];
  }

  podEligibleToPreemptOthers(pod: Pod, nominatedNodeStatus: Status): { eligible: boolean; message: string } {
    if (pod.spec.preemptionPolicy === 'Never') {
      return { eligible: false, message: 'not eligible due to preemptionPolicy=Never.' };
    }
    const nominated = pod.status?.nominatedNodeName ?? '';
    if (nominated !== '') {
      // A pod whose nominated node the filters now rule out for good may preempt elsewhere.
      if (nominatedNodeStatus.code === 'UnschedulableAndUnresolvable') return { eligible: true, message: '' };
      const nodeInfo = this.handle.snapshotSharedLister().get(nominated);
      const priority = podPriority(pod);
      if (nodeInfo?.pods.some((p) => p.terminating && p.priority < priority)) {
        return { eligible: false, message: 'not eligible due to a terminating pod on the nominated node.' };
      }
    }
    return { eligible: true, message: '' };
  }

  selectVictimsOnNode(
    state: CycleState,
    pod: PodInfo,
    nodeInfo: NodeInfo,
    pdbs: readonly PodDisruptionBudget[],
  ): VictimSelection {
    const removePod = (p: PodInfo): Status | null => {
      nodeInfo.removePod(p);
      return this.handle.runPreFilterExtensionRemovePod(state, pod, p, nodeInfo);
    };
    const addPod = (p: PodInfo): Status | null => {
      nodeInfo.addPod(p);
      return this.handle.runPreFilterExtensionAddPod(state, pod, p, nodeInfo);
    };
    const potentialVictims: PodInfo[] = [];
    for (const p of nodeInfo.pods.slice()) {
      if (p.priority >= pod.priority) continue;
      potentialVictims.push(p);
      const status = removePod(p);
      if (!isSuccess(status)) return { victims: [], numViolatingVictim: 0, status };
    }
    if (potentialVictims.length === 0) {
      return {
        victims: [],
        numViolatingVictim: 0,
        status: new Status('UnschedulableAndUnresolvable', ['No preemption victims found for incoming pod']),
      };
    }
    // If the pod does not fit even without every lower-priority pod, the node cannot help.
    const fits = this.handle.runFilterPluginsWithNominatedPods(state, pod, nodeInfo);
    if (!isSuccess(fits)) return { victims: [], numViolatingVictim: 0, status: fits };

    const now = this.handle.clock.now();
    potentialVictims.sort((a, b) =>
      moreImportantPod(a.pod, b.pod, now) ? -1 : moreImportantPod(b.pod, a.pod, now) ? 1 : 0,
    );
    const { violating, nonViolating } = filterPodsWithPDBViolation(potentialVictims, pdbs);
    const victims: Pod[] = [];
    let numViolatingVictim = 0;
    const reprieve = (p: PodInfo): Status | boolean => {
      const added = addPod(p);
      if (!isSuccess(added)) return added!;
      const stillFits = isSuccess(this.handle.runFilterPluginsWithNominatedPods(state, pod, nodeInfo));
      if (!stillFits) {
        const removed = removePod(p);
        if (!isSuccess(removed)) return removed!;
        victims.push(p.pod);
      }
      return stillFits;
    };
    for (const p of violating) {
      const fitsWith = reprieve(p);
      if (fitsWith instanceof Status) return { victims: [], numViolatingVictim: 0, status: fitsWith };
      if (!fitsWith) numViolatingVictim++;
    }
    for (const p of nonViolating) {
      const fitsWith = reprieve(p);
      if (fitsWith instanceof Status) return { victims: [], numViolatingVictim: 0, status: fitsWith };
    }
    if (violating.length > 0 && nonViolating.length > 0) {
      victims.sort((a, b) => (moreImportantPod(a, b, now) ? -1 : moreImportantPod(b, a, now) ? 1 : 0));
    }
    return { victims, numViolatingVictim, status: null };
  }
}

export function newDefaultPreemption(handle: Handle): DefaultPreemptionPlugin {
  return new DefaultPreemptionPlugin(handle);
}
