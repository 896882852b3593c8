// InterPodAffinity (plugins/interpodaffinity): required pod affinity and anti-affinity (of the incoming pod, and the
// existing pods' anti-affinity against it) as a Filter over topology domains, and preferred terms as a Score.

import type { KubeObject } from '../../../api/object.ts';
import type { Labels } from '../../../apiserver/selectors/label-requirement.ts';
import { LabelSelector } from '../../../apiserver/selectors/label-selector.ts';
import type { Pod } from '../../framework/api-types.ts';
import type { CycleState } from '../../framework/cycle-state.ts';
import { ActionType } from '../../framework/events.ts';
import type { ClusterEventWithHint, QueueingHint } from '../../framework/events.ts';
import type {
  EnqueueExtensions,
  FilterPlugin,
  Handle,
  PreFilterExtensions,
  PreFilterOutcome,
  PreFilterPlugin,
  PreScorePlugin,
  ScorePlugin,
} from '../../framework/interface.ts';
import type { NodeInfo } from '../../framework/node-info.ts';
import { PodInfo } from '../../framework/pod-info.ts';
import type { AffinityTerm, WeightedAffinityTerm } from '../../framework/pod-info.ts';
import { Status } from '../../framework/status.ts';
import * as names from '../names.ts';
import {
  ErrReasonAffinityRulesNotMatch,
  ErrReasonAntiAffinityRulesNotMatch,
  ErrReasonExistingAntiAffinityRulesNotMatch,
  PreFilterState,
  existingAntiAffinityCounts,
  incomingAffinityAntiAffinityCounts,
  preFilterStateKey,
  readPreFilterState,
  satisfyExistingPodsAntiAffinity,
  satisfyPodAffinity,
  satisfyPodAntiAffinity,
} from './filtering.ts';
import {
  DEFAULT_HARD_POD_AFFINITY_WEIGHT,
  PreScoreState,
  normalizeScores,
  preScoreStateKey,
  processExistingPod,
  scoreNode,
} from './scoring.ts';
import type { ScoreMap } from './scoring.ts';

export const Name = names.InterPodAffinity;

export class InterPodAffinityPlugin
  implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin, EnqueueExtensions
{
  readonly name = Name;
  readonly preFilterExtensions: PreFilterExtensions = {
    addPod: (state, _pod, podToAdd, nodeInfo) => this.updateWithPod(state, podToAdd, nodeInfo, 1),
    removePod: (state, _pod, podToRemove, nodeInfo) => this.updateWithPod(state, podToRemove, nodeInfo, -1),
  };

  constructor(private readonly handle: Handle) {}

  preFilter(state: CycleState, pod: PodInfo): PreFilterOutcome {
    const lister = this.handle.snapshotSharedLister();
    if (pod.parseError !== undefined) {
      return { status: new Status('UnschedulableAndUnresolvable', [`parsing pod: ${pod.parseError}`]) };
    }
    const namespaceLabels = this.namespaceLabels(pod.pod.metadata.namespace ?? '');
    const existing = existingAntiAffinityCounts(pod, namespaceLabels, lister.havePodsWithRequiredAntiAffinityList());
    if (existing.size === 0 && pod.requiredAffinityTerms.length === 0 && pod.requiredAntiAffinityTerms.length === 0) {
      return { status: new Status('Skip') };
    }
    const affinityTerms = pod.requiredAffinityTerms.map((t) => this.mergeAffinityTermNamespaces(t));
    const antiAffinityTerms = pod.requiredAntiAffinityTerms.map((t) => this.mergeAffinityTermNamespaces(t));
    const [affinityCounts, antiAffinityCounts] = incomingAffinityAntiAffinityCounts(
      affinityTerms,
      antiAffinityTerms,
      lister.list(),
    );
    state.write(
      preFilterStateKey,
      new PreFilterState(
        existing,
        affinityCounts,
        antiAffinityCounts,
        pod,
        affinityTerms,
        antiAffinityTerms,
        namespaceLabels,
      ),
    );
    return { status: null };
  }

  filter(state: CycleState, _pod: PodInfo, nodeInfo: NodeInfo): Status | null {
    const s = readPreFilterState(state);
    if (!s) return Status.asStatus(new Error(`reading "${preFilterStateKey}" from cycleState: not found`));
    if (!satisfyPodAffinity(s, nodeInfo)) {
      return new Status('UnschedulableAndUnresolvable', [ErrReasonAffinityRulesNotMatch]);
    }
    if (!satisfyPodAntiAffinity(s, nodeInfo)) return new Status('Unschedulable', [ErrReasonAntiAffinityRulesNotMatch]);
    if (!satisfyExistingPodsAntiAffinity(s, nodeInfo)) {
      return new Status('Unschedulable', [ErrReasonExistingAntiAffinityRulesNotMatch]);
    }
    return null;
  }

  preScore(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[]): Status | null {
    if (nodes.length === 0) return null;
    const hasConstraints = pod.preferredAffinityTerms.length > 0 || pod.preferredAntiAffinityTerms.length > 0;
    const lister = this.handle.snapshotSharedLister();
    const allNodes = hasConstraints ? lister.list() : lister.havePodsWithAffinityList();
    const incoming = {
      affinity: pod.preferredAffinityTerms.map((w) => this.mergeWeighted(w)),
      antiAffinity: pod.preferredAntiAffinityTerms.map((w) => this.mergeWeighted(w)),
    };
    const namespaceLabels = this.namespaceLabels(pod.pod.metadata.namespace ?? '');
    const topologyScore: ScoreMap = new Map();
    for (const nodeInfo of allNodes) {
      if (!nodeInfo.node) continue;
      const podsToProcess = hasConstraints ? nodeInfo.pods : nodeInfo.podsWithAffinity;
      for (const existing of podsToProcess) {
        processExistingPod(
          topologyScore,
          incoming,
          pod.pod,
          namespaceLabels,
          existing,
          nodeInfo,
          DEFAULT_HARD_POD_AFFINITY_WEIGHT,
        );
      }
    }
    if (topologyScore.size === 0) return new Status('Skip');
    state.write(preScoreStateKey, new PreScoreState(topologyScore));
    return null;
  }

  score(state: CycleState, _pod: PodInfo, nodeInfo: NodeInfo): number {
    const s = state.read<PreScoreState>(preScoreStateKey);
    return s ? scoreNode(s, nodeInfo) : 0;
  }

  normalizeScore(state: CycleState, _pod: PodInfo, _nodes: readonly NodeInfo[], scores: number[]): Status | null {
    const s = state.read<PreScoreState>(preScoreStateKey);
    if (!s || s.topologyScore.size === 0) return null;
    normalizeScores(scores);
    return null;
  }

  eventsToRegister(): ClusterEventWithHint[] {
    return [
      {
        event: { resource: 'Pod', actionType: ActionType.Add | ActionType.UpdatePodLabel | ActionType.Delete },
        queueingHintFn: isSchedulableAfterPodChange,
      },
      { event: { resource: 'Node', actionType: ActionType.Add | ActionType.UpdateNodeLabel } },
    ];
  }

  private updateWithPod(state: CycleState, pInfo: PodInfo, nodeInfo: NodeInfo, multiplier: number): Status | null {
    readPreFilterState(state)?.updateWithPod(pInfo, nodeInfo, multiplier);
    return null;
  }

  /** The labels of the pod's namespace (GetNamespaceLabelsSnapshot). */
  private namespaceLabels(namespace: string): Labels {
    return this.handle.listers.namespaces.get('', namespace)?.metadata.labels;
  }

  /** Resolves a namespace selector into namespace names (mergeAffinityTermNamespacesIfNotEmpty). */
  private mergeAffinityTermNamespaces(term: AffinityTerm): AffinityTerm {
    if (term.namespaceSelector.isEmpty() || term.namespaceSelector.matchesNothing()) return term;
    const namespaces = new Set(term.namespaces);
    for (const ns of this.handle.listers.namespaces.list()) {
      if (term.namespaceSelector.matches(ns.metadata.labels)) namespaces.add(ns.metadata.name ?? '');
    }
    return term.withNamespaces(namespaces, LabelSelector.nothing());
  }

  private mergeWeighted(weighted: WeightedAffinityTerm): WeightedAffinityTerm {
    return { term: this.mergeAffinityTermNamespaces(weighted.term), weight: weighted.weight };
  }
}

/**
 * Queue when the changed pod is one the incoming pod's terms care about — it matches a term, or it has terms of
 * its own — or, for a deleted pod, when it had anti-affinity or matched the incoming pod's anti-affinity.
 */
function isSchedulableAfterPodChange(
  pod: Pod,
  old: KubeObject | undefined,
  changed: KubeObject | undefined,
): QueueingHint {
  const target = new PodInfo(pod);
  const other = new PodInfo((changed ?? old) as Pod);
  if (other.uid === target.uid) return 'Queue';
  const terms = [...target.requiredAffinityTerms, ...target.requiredAntiAffinityTerms];
  const matchesAny = terms.some((t) => t.matches(other.pod, undefined));
  if (!changed) return matchesAny || other.hasRequiredAntiAffinity ? 'Queue' : 'QueueSkip';
  return matchesAny || other.hasAffinity ? 'Queue' : 'QueueSkip';
}

export function newInterPodAffinity(handle: Handle): InterPodAffinityPlugin {
  return new InterPodAffinityPlugin(handle);
}
